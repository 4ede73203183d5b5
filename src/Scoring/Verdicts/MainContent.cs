using PlanNacc.Crawler;
using PlanNacc.Scoring.Classification;
using PlanNacc.Scoring.Thai;

namespace PlanNacc.Scoring.Verdicts;

/// <summary>
/// What a page holds of its own, by structure: the page minus the chrome the site repeats on its pages (menus, headers,
/// footers, sidebars, counters), measured as letters of text that are not its own title or headings, links in its body
/// (list and table rows of documents), documents, images and frames. A page with none of these is empty whatever its
/// words say; a placeholder phrase only decides when the content around it is short and links no document.
/// </summary>
internal readonly record struct MainContent(int OwnLetters, int BodyLinks, int Documents, int Images, int Frames, int Forms,
    bool PlaceholderWords)
{
    /// <summary>Below this many letters of its own a page says nothing (a heading, a breadcrumb, "ไม่พบข้อมูล").</summary>
    internal const int EmptyLetters = 40;
    /// <summary>A placeholder phrase in more own text than this is a sentence in a real page, not the page.</summary>
    internal const int PlaceholderLetters = 300;

    private static readonly string[] PlaceholderWordList =
    [
        "อยู่ระหว่างจัดทำ", "อยู่ระหว่างการจัดทำ", "อยู่ระหว่างปรับปรุง", "อยู่ระหว่างดำเนินการ",
        "ยังไม่มีข้อมูล", "ไม่พบข้อมูล", "ไม่มีข้อมูล",
        "ไม่มีรายการ", "ยังไม่มีรายการ", "ปรับปรุงข้อมูล", "comingsoon", "underconstruction", "nodata", "norecord", "nothingfound",
    ];

    private static readonly string[] DocumentExtensions =
        [".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".rar", ".zip", ".odt", ".ods"];

    /// <summary>Nothing of its own: no text beyond its headings, no links in its body, no image, no frame.</summary>
    public bool IsEmpty => OwnLetters < EmptyLetters && BodyLinks == 0 && Images == 0 && Frames == 0 && Forms == 0;

    /// <summary>A short page that says it has nothing yet, and links no document.</summary>
    public bool IsPlaceholder => PlaceholderWords && OwnLetters < PlaceholderLetters && Documents == 0 && Forms == 0;

    /// <summary>Its content is pictures (a scanned notice, a chart, an "under construction" image): a person must look.</summary>
    public bool IsImageOnly => Images > 0 && OwnLetters < 60 && Documents == 0 && Forms == 0;

    /// <summary>Its content is a frame of another page (maybe another host): nothing here to read.</summary>
    public bool IsFrameOnly => Frames > 0 && OwnLetters < EmptyLetters && BodyLinks == 0 && Forms == 0;

    public static MainContent Of(PageSnapshot page, string mainNorm, SiteChrome chrome, HashSet<string> chromeImages)
    {
        var letters = Letters(mainNorm);
        // the page's own title and headings repeat what the link said: they are not content
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in page.Headings.Prepend(page.Title ?? ""))
        {
            var n = ThaiText.Normalize(h);
            if (n.Length > 0 && seen.Add(n) && mainNorm.Contains(n, StringComparison.Ordinal)) letters -= Letters(n);
        }
        int links = 0, documents = 0, frames = 0;
        var self = EvidenceCollector.Key(page.Url);
        foreach (var link in page.Links)
        {
            if (link.Embedded && !chrome.IsChrome(link))
            {
                frames++;
                continue;
            }
            if (link.Embedded || !IsOwnRegion(link.Region) || chrome.IsChrome(link) || EvidenceCollector.Key(link.Url) == self) continue;
            // a breadcrumb or "back" link leads to the home page or a menu page: navigation, not content
            var home = link.Url.IsAbsoluteUri && link.Url.AbsolutePath == "/" && link.Url.Query.Length == 0;
            if (home || chrome.IsChromeTarget(link.Url)) continue;
            links++;
            if (IsDocument(link.Url)) documents++;
        }
        var images = page.Images.Count(i => !chromeImages.Contains(i.Url.ToString()));
        return new MainContent(Math.Max(0, letters), links, documents, images, frames, page.Forms, HasPlaceholderWords(mainNorm));
    }

    internal static bool HasPlaceholderWords(string norm)
    {
        var compact = CompactText.Of(norm.Length > 4000 ? norm[..4000] : norm);
        foreach (var w in PlaceholderWordList)
        {
            if (compact.Contains(w, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    internal static bool IsDocument(Uri url)
    {
        var path = url.IsAbsoluteUri ? url.AbsolutePath : url.OriginalString;
        foreach (var ext in DocumentExtensions)
        {
            if (path.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    // menus, headers, footers and sidebars belong to the site, not to the page
    private static bool IsOwnRegion(string? region) =>
        region is null || !(region.Equals("nav", StringComparison.OrdinalIgnoreCase)
            || region.Equals("header", StringComparison.OrdinalIgnoreCase)
            || region.Equals("footer", StringComparison.OrdinalIgnoreCase) || region.Equals("aside", StringComparison.OrdinalIgnoreCase));

    private static int Letters(string s)
    {
        var n = 0;
        foreach (var ch in s) if (char.IsLetter(ch)) n++;
        return n;
    }
}
