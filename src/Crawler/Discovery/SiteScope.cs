namespace PlanNacc.Crawler.Discovery;

/// <summary>
/// Which URLs belong to the site being crawled: the registrable domain of the root (and of where it redirected), plus configured
/// aliases, and, when the LAO lives under a path of its host (a shared host's <c>/&lt;province&gt;/&lt;tambon&gt;/</c>, a site
/// builder's <c>/view/&lt;name&gt;</c>, a portal's <c>/&lt;name&gt;/</c>), only the URLs under that path. Without a public-suffix
/// list, Thai second-level suffixes (go.th, in.th, or.th…) and a few common ones are built in; hosts under test-only names (.test,
/// .localhost, .local, .example) and IP literals count as exact hosts (www. aside).
/// </summary>
public sealed class SiteScope
{
    private static readonly HashSet<string> TwoLabelSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "go.th", "in.th", "or.th", "ac.th", "co.th", "net.th", "mi.th",
        "co.uk", "org.uk", "ac.uk", "gov.uk", "com.au", "net.au", "org.au", "co.jp", "or.jp", "com.sg", "gov.sg", "com.my", "gov.my",
    };

    private static readonly HashSet<string> ExactTlds = new(StringComparer.OrdinalIgnoreCase) { "test", "localhost", "local", "example",
        "invalid", "internal", "lan" };

    private readonly HashSet<string> sites = new(StringComparer.OrdinalIgnoreCase);
    private string prefixSite;

    public SiteScope(Uri root, IEnumerable<string>? aliases = null)
    {
        Add(root.IdnHost);
        foreach (var alias in aliases ?? [])
        {
            Add(alias);
        }
        prefixSite = SiteKey(root.IdnHost);
        PathPrefix = PrefixOf(root);
    }

    /// <summary>The path the site lives under on its host ("/phrae/saiyoi/", "/view/saiyoi"), or null for the whole host.</summary>
    public string? PathPrefix { get; private set; }

    public void Add(string host) => sites.Add(SiteKey(host));

    /// <summary>
    /// The site moved to <paramref name="root"/> (a redirect at the start): its host joins the scope and the path prefix is taken
    /// from there, so a site that moved from a shared host to its own domain is crawled whole there.
    /// </summary>
    public void MoveTo(Uri root)
    {
        Add(root.IdnHost);
        prefixSite = SiteKey(root.IdnHost);
        PathPrefix = PrefixOf(root);
    }

    public bool Contains(Uri url)
    {
        if (url.Scheme is not ("http" or "https"))
        {
            return false;
        }
        var key = SiteKey(url.IdnHost);
        if (!sites.Contains(key))
        {
            return false;
        }
        return PathPrefix is null || !key.Equals(prefixSite, StringComparison.OrdinalIgnoreCase)
            || UnderPrefix(url.AbsolutePath, PathPrefix);
    }

    /// <summary>
    /// The path a registered URL says the site lives under: its folder (<c>/nan/pua/</c> for <c>/nan/pua/index.php</c>), or the whole
    /// path when its last segment has no file extension (<c>/view/saiyoi</c>); null when that is the host's root.
    /// </summary>
    public static string? PrefixOf(Uri root)
    {
        var path = root.AbsolutePath;
        var lastSlash = path.LastIndexOf('/');
        if (lastSlash >= 0 && path[(lastSlash + 1)..].Contains('.', StringComparison.Ordinal))
        {
            path = path[..(lastSlash + 1)];
        }
        path = path.TrimEnd('/');
        return path.Length == 0 ? null : path + "/";
    }

    private static bool UnderPrefix(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
        || (path.Length == prefix.Length - 1 && prefix.StartsWith(path, StringComparison.OrdinalIgnoreCase));

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
