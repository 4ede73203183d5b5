using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using PlanNacc.SiteFarm.Generation;

namespace PlanNacc.SiteFarm.Serving;

/// <summary>
/// The farm from one night to the next: a known share of HTML pages and PDFs change each night (a line of text in a page, a
/// revision comment in a PDF), and every page and document answers conditional requests as Apache and nginx do: an ETag made of
/// its modification time and size, Last-Modified, 304 to a matching If-None-Match, or else to an If-Modified-Since not older than
/// Last-Modified.
/// </summary>
public static class NightlyChanges
{
    /// <summary>When every page was last modified before night 1; night k moves a changed page's time to this plus k days.</summary>
    public static readonly DateTimeOffset FirstNight = new(2025, 10, 1, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Whether the URL (host, path and query as requested) changes on <paramref name="night"/> (1 or later).</summary>
    public static bool Changes(FarmOptions options, string host, string pathAndQuery, int night) =>
        night >= 1 && options.ChangedShare > 0
        && Hash.Mix(Hash.Of(host.ToLowerInvariant() + pathAndQuery), (ulong)(options.Seed * 10_000L + night)) % 10_000
            < options.ChangedShare * 10_000;

    /// <summary>The last night up to <see cref="FarmOptions.Night"/> on which the URL changed, or 0.</summary>
    public static int LastChange(FarmOptions options, string host, string pathAndQuery)
    {
        for (var night = options.Night; night >= 1; night--)
        {
            if (Changes(options, host, pathAndQuery, night))
            {
                return night;
            }
        }
        return 0;
    }

    /// <summary>Only HTML and PDF change (other documents and images stay as they are).</summary>
    public static bool CanChange(string contentType) =>
        contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("application/pdf", StringComparison.OrdinalIgnoreCase);

    internal static async Task WriteAsync(
        HttpContext ctx, FarmOptions options, string host, string pathAndQuery, string contentType, byte[] bytes)
    {
        var night = CanChange(contentType) ? LastChange(options, host, pathAndQuery) : 0;
        if (night > 0)
        {
            bytes = Revise(bytes, contentType, night);
        }
        var modified = FirstNight.AddDays(night);
        var etag = $"\"{modified.ToUnixTimeSeconds():x}-{bytes.Length:x}\"";
        var lastModified = modified.ToString("r", CultureInfo.InvariantCulture);
        ctx.Response.Headers.ETag = etag;
        ctx.Response.Headers.LastModified = lastModified;
        if (NotModified(ctx.Request, etag, modified))
        {
            ctx.Response.StatusCode = 304;
            return;
        }
        await SiteHandler.Bytes(ctx, 200, contentType, bytes).ConfigureAwait(false);
    }

    private static bool NotModified(HttpRequest request, string etag, DateTimeOffset modified)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0)
        {
            // Weak comparison, as both servers do for GET: W/"x" matches "x".
            return ifNoneMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t.TrimStart('W', '/') == etag);
        }
        var ifModifiedSince = request.Headers.IfModifiedSince.ToString();
        return ifModifiedSince.Length > 0
            && DateTimeOffset.TryParseExact(
                ifModifiedSince, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            && modified <= since;
    }

    private static byte[] Revise(byte[] bytes, string contentType, int night)
    {
        if (contentType.StartsWith("application/pdf", StringComparison.OrdinalIgnoreCase))
        {
            return [.. bytes, .. Encoding.ASCII.GetBytes($"\n%farm-revision {night}\n")];
        }
        // The page's charset may be windows-874: the added line is ASCII only, so it reads the same in either.
        var marker = Encoding.ASCII.GetBytes($"<p class=\"farm-revision\">revision {night}</p>");
        var text = Encoding.Latin1.GetString(bytes);
        var at = text.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? [.. bytes, .. marker] : [.. bytes.AsSpan(0, at), .. marker, .. bytes.AsSpan(at)];
    }
}
