namespace PlanNacc.Crawler.Discovery;

/// <summary>
/// Registered websites that are a page on a social network rather than the LAO's own site: nothing there can be crawled politely
/// or judged as the LAO's website, so the site gets "social page only" instead of a crawl.
/// </summary>
public static class SocialSites
{
    private static readonly (string Domain, string Name)[] Platforms =
    [
        ("facebook.com", "Facebook"), ("fb.com", "Facebook"), ("fb.me", "Facebook"), ("line.me", "LINE"), ("lin.ee", "LINE"),
        ("youtube.com", "YouTube"), ("youtu.be", "YouTube"), ("instagram.com", "Instagram"), ("twitter.com", "X (Twitter)"),
        ("x.com", "X (Twitter)"), ("tiktok.com", "TikTok"),
    ];

    /// <summary>The platform's name when <paramref name="url"/> is on a social network, else null.</summary>
    public static string? Platform(Uri url)
    {
        var host = url.IdnHost.ToLowerInvariant().TrimEnd('.');
        foreach (var (domain, name) in Platforms)
        {
            if (host == domain || host.EndsWith("." + domain, StringComparison.Ordinal))
            {
                return name;
            }
        }
        return null;
    }
}
