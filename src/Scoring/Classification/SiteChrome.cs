using PlanNacc.Crawler;
using PlanNacc.Scoring.Thai;

namespace PlanNacc.Scoring.Classification;

/// <summary>
/// What repeats on every page of a site (menus, footer, the site name as title): it is counted once, never as
/// evidence found on each page, and it is cut from a page's text before the page's own content is judged.
/// </summary>
public sealed class SiteChrome
{
    private readonly HashSet<string> _chromeLinks;
    private readonly HashSet<string> _chromeLines;
    private readonly Dictionary<Uri, (int Prefix, int Suffix)> _trim;
    private readonly HashSet<string> _chromeTargets;
    private readonly string[] _chromeYearTexts;

    private SiteChrome(HashSet<string> links, HashSet<string> lines, Dictionary<Uri, (int, int)> trim)
    {
        _chromeLinks = links;
        _chromeLines = lines;
        _trim = trim;
        _chromeTargets = links.Select(l => l[..l.IndexOf('\n')]).ToHashSet(StringComparer.Ordinal);
        // menu and footer entries that carry a year ("แผนพัฒนา 2561-2565", "ITA 2567"): that year is the entry's, no page's
        _chromeYearTexts = links.Select(l => ThaiText.Normalize(l[(l.IndexOf('\n') + 1)..]))
            .Where(t => t.Length >= 4 && t.Any(char.IsAsciiDigit)).Distinct(StringComparer.Ordinal)
            .OrderByDescending(t => t.Length).Take(200).ToArray();
    }

    /// <summary>
    /// A page's text without the site's chrome entries that carry years (a menu's year spans, a footer's year), for
    /// reading the page's own fiscal year where the chrome could not be cut by position (a sidebar between varying parts).
    /// </summary>
    public string WithoutChromeYears(string normalizedText)
    {
        if (_chromeYearTexts.Length == 0 || normalizedText.Length == 0) return normalizedText;
        var text = normalizedText;
        foreach (var t in _chromeYearTexts)
        {
            if (text.Contains(t, StringComparison.Ordinal)) text = text.Replace(t, " ", StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>Learns the chrome of a site from its pages: a link or heading on at least half the pages (and at least three), or in the
    /// footer.</summary>
    public static SiteChrome Learn(IReadOnlyList<PageSnapshot> pages)
    {
        var okPages = pages.Where(p => p.StatusCode is >= 200 and < 300).ToList();
        var threshold = Math.Max(3, (int)Math.Ceiling(okPages.Count * 0.5));
        var linkCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var links = new HashSet<string>(StringComparer.Ordinal);
        foreach (var page in okPages)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var link in page.Links)
            {
                var key = LinkKey(link);
                if (string.Equals(link.Region, "footer", StringComparison.OrdinalIgnoreCase)) links.Add(key);
                if (seen.Add(key)) linkCounts[key] = linkCounts.GetValueOrDefault(key) + 1;
            }
            var lines = new HashSet<string>(StringComparer.Ordinal);
            if (page.Title is { Length: > 0 } t) lines.Add(ThaiText.Normalize(t));
            foreach (var h in page.Headings) lines.Add(ThaiText.Normalize(h));
            foreach (var l in lines) lineCounts[l] = lineCounts.GetValueOrDefault(l) + 1;
        }
        if (okPages.Count >= 3)
        {
            foreach (var (key, n) in linkCounts) if (n >= threshold) links.Add(key);
        }
        var chromeLines = okPages.Count >= 3
            ? lineCounts.Where(kv => kv.Value >= threshold).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal)
            : [];
        return new SiteChrome(links, chromeLines, TrimPoints(okPages));
    }

    /// <summary>True when the URL is the target of a chrome link (a breadcrumb back to a menu page or the home page).</summary>
    public bool IsChromeTarget(Uri url) => _chromeTargets.Contains(Verdicts.EvidenceCollector.Key(url));

    /// <summary>True when the link is site chrome (menu or footer link repeated across the site).</summary>
    public bool IsChrome(LinkInfo link) => _chromeLinks.Contains(LinkKey(link));

    /// <summary>True when a title or heading repeats across the site (the site name, a menu caption).</summary>
    public bool IsChromeLine(string normalizedLine) => _chromeLines.Contains(normalizedLine);

    /// <summary>The page's own text: its text without the prefix and suffix it shares with the site's other pages.</summary>
    public string MainText(PageSnapshot page)
    {
        var text = page.Text ?? "";
        if (!_trim.TryGetValue(page.Url, out var t))
        {
            return text;
        }
        return t.Prefix + t.Suffix >= text.Length ? "" : text.Substring(t.Prefix, text.Length - t.Prefix - t.Suffix);
    }

    private static string LinkKey(LinkInfo link)
    {
        var url = Verdicts.EvidenceCollector.Key(link.Url);
        return string.Concat(url, "\n", link.Text.AsSpan().Trim());
    }

    // For each page, the longest prefix and suffix it shares with any of a few reference pages: menus and footers.
    private static Dictionary<Uri, (int, int)> TrimPoints(List<PageSnapshot> pages)
    {
        var result = new Dictionary<Uri, (int, int)>();
        if (pages.Count < 2) return result;
        var refs = pages.Where(p => !string.IsNullOrEmpty(p.Text)).OrderBy(p => p.Depth).Take(4).ToList();
        foreach (var page in pages)
        {
            var text = page.Text ?? "";
            if (text.Length == 0) continue;
            int prefix = 0, suffix = 0;
            foreach (var r in refs)
            {
                // a copy of this page (another menu entry leading to the same text) is not chrome
                var other = r.Text!;
                if (ReferenceEquals(r, page) || (other.Length == text.Length && CommonPrefix(text, other) == text.Length)) continue;
                prefix = Math.Max(prefix, WordAligned(text, CommonPrefix(text, other), fromStart: true));
                suffix = Math.Max(suffix, WordAligned(text, CommonSuffix(text, other), fromStart: false));
            }
            // a prefix shorter than a menu is chance (two pages opening with the same word)
            if (prefix < 20) prefix = 0;
            if (suffix < 20) suffix = 0;
            result[page.Url] = (prefix, suffix);
        }
        return result;
    }

    // a visitor counter or today's date differs on every page, in its digits and in how many it has (9876 on one page,
    // 18733 on the next): a run of digits matches any run of digits, so the chrome around them is still cut. Both return
    // how many characters of a they cover.
    private static int CommonPrefix(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsDigit(a[i]) && char.IsDigit(b[j]))
            {
                while (i < a.Length && char.IsDigit(a[i])) i++;
                while (j < b.Length && char.IsDigit(b[j])) j++;
                continue;
            }
            if (a[i] != b[j]) break;
            i++;
            j++;
        }
        return i;
    }

    private static int CommonSuffix(string a, string b)
    {
        int i = a.Length - 1, j = b.Length - 1;
        while (i >= 0 && j >= 0)
        {
            if (char.IsDigit(a[i]) && char.IsDigit(b[j]))
            {
                while (i >= 0 && char.IsDigit(a[i])) i--;
                while (j >= 0 && char.IsDigit(b[j])) j--;
                continue;
            }
            if (a[i] != b[j]) break;
            i--;
            j--;
        }
        return a.Length - 1 - i;
    }

    // back off to a space so a shared first letter of the page's own heading is not cut
    private static int WordAligned(string text, int n, bool fromStart)
    {
        if (n == 0 || n >= text.Length) return n;
        if (fromStart)
        {
            var k = n;
            while (k > 0 && text[k - 1] != ' ') k--;
            return k;
        }
        var s = text.Length - n;
        while (s < text.Length && text[s] != ' ') s++;
        return text.Length - s;
    }
}
