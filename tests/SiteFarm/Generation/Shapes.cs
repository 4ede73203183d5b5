namespace PlanNacc.SiteFarm;

/// <summary>The site shapes and, for hostile ones, the outcome a correct crawler ends with.</summary>
public static class Shapes
{
    public static readonly IReadOnlyList<string> Normal =
    [
        "national-cms", "php-menuid", "ita-hub", "tis620", "wordpress", "year-nested", "js-menu", "pdf-heavy",
        "image-chart", "wrong-year", "placeholder", "thai-digits", "entities", "chrome-footer",
    ];

    /// <summary>
    /// Hostile shape → expected outcome: the error of the home-page fetch for the sites that cannot be crawled (the
    /// crawler's own error strings), "robots-disallowed" for the site whose robots.txt fails, and "ok" for the traps a
    /// crawl must survive and complete (the shape says which trap; README lists what else to assert).
    /// </summary>
    public static readonly IReadOnlyList<(string Shape, string Outcome)> Hostile =
    [
        ("hostile-redirect-loop", "redirect-loop"),
        ("hostile-slow-body", "timeout"),
        ("hostile-huge-body", "too-large"),
        ("hostile-gzip-bomb", "decompression-bomb"),
        ("hostile-calendar-trap", "ok"),
        ("hostile-malformed-html", "ok"),
        ("hostile-truncated-body", "truncated"),
        ("hostile-wrong-content-type", "ok"),
        ("hostile-robots-disallow-ita", "ok"),
        ("hostile-robots-5xx", "robots-disallowed"),
        ("hostile-connection-reset", "connection-reset"),
    ];

    /// <summary>The shape of <see cref="FarmOptions.IncludeMarkupSite"/>: a normal static site with payloads in its texts.</summary>
    public const string Markup = "hostile-markup";

    /// <summary>What the markup site appends to every link text, menu label and page title (as text, HTML-encoded on the wire).</summary>
    public const string MarkupPayload = " <script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\"> =HYPERLINK(\"http://x\")";

    /// <summary>The markup site's name in the registry.</summary>
    public const string MarkupName = "<b>ทดสอบ</b><script>window.__xss=3</script>";

    /// <summary>Hostile shapes whose every response is the trap: they have no content and no truth.</summary>
    internal static bool IsContentless(string shape) => shape is "hostile-redirect-loop" or "hostile-slow-body"
        or "hostile-huge-body" or "hostile-gzip-bomb" or "hostile-truncated-body" or "hostile-connection-reset";
}
