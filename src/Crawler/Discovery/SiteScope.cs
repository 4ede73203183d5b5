namespace PlanNacc.Crawler.Discovery;

/// <summary>
/// Which URLs belong to the site being crawled: the registrable domain of the root (and of where it redirected), plus configured
/// aliases. Without a public-suffix list, Thai second-level suffixes (go.th, in.th, or.th…) and a few common ones are built in; hosts
/// under test-only names (.test, .localhost, .local, .example) and IP literals count as exact hosts (www. aside).
/// </summary>
public sealed class SiteScope
{
    private static readonly HashSet<string> TwoLabelSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "go.th", "in.th", "or.th", "ac.th", "co.th", "net.th", "mi.th",
        "co.uk", "org.uk", "ac.uk", "gov.uk", "com.au", "net.au", "org.au", "co.jp", "or.jp", "com.sg", "gov.sg", "com.my", "gov.my",
    };

    private static readonly HashSet<string> ExactTlds = new(StringComparer.OrdinalIgnoreCase) { "test", "localhost", "local", "example", "invalid", "internal", "lan" };

    private readonly HashSet<string> sites = new(StringComparer.OrdinalIgnoreCase);

    public SiteScope(Uri root, IEnumerable<string>? aliases = null)
    {
        Add(root.IdnHost);
        foreach (var alias in aliases ?? [])
        {
            Add(alias);
        }
    }

    public void Add(string host) => sites.Add(SiteKey(host));

    public bool Contains(Uri url) => url.Scheme is "http" or "https" && sites.Contains(SiteKey(url.IdnHost));

    /// <summary>The registrable domain of a host (www.abc.go.th → abc.go.th), or the host itself for IPs and test names.</summary>
    public static string SiteKey(string host)
    {
        host = host.Trim().TrimEnd('.').ToLowerInvariant();
        if (host.StartsWith('[') || System.Net.IPAddress.TryParse(host, out _))
        {
            return host;
        }
        var labels = host.Split('.');
        if (labels.Length <= 2 || ExactTlds.Contains(labels[^1]))
        {
            return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
        }
        var keep = TwoLabelSuffixes.Contains(labels[^2] + "." + labels[^1]) ? 3 : 2;
        return string.Join('.', labels[^keep..]);
    }
}
