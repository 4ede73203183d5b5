namespace PlanNacc.Web.Features.Shared;

/// <summary>URLs from crawled pages or from users, made safe to link to.</summary>
public static class Links
{
    /// <summary>Only http(s) URLs become links: a crawled "javascript:" URL stays text.</summary>
    public static string? SafeHref(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;
}
