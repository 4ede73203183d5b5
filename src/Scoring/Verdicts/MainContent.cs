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
    bool PlaceholderWords, int PlaceholderImages = 0)
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

    // an image that names itself a stand-in (its file name or alt text): "under_construction.gif", "coming-soon.png",
    // "ปรับปรุงเว็บไซต์.jpg", "noimage.png"; words that name a real picture (a building project) are not here
    private static readonly string[] PlaceholderImageWords =
        ["underconstruction", "comingsoon", "ปรับปรุง", "อยู่ระหว่าง", "noimage", "nophoto", "nodata", "ยังไม่มีข้อมูล"];

    private static readonly string[] DocumentExtensions =
        [".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".rar", ".zip", ".odt", ".ods"];

    /// <summary>
    /// Nothing of its own: no text beyond its headings, no links in its body, no image, no frame. A picture that names
    /// itself a stand-in ("under construction") is no content either.
    /// </summary>
    public bool IsEmpty => OwnLetters < EmptyLetters && BodyLinks == 0 && Images == 0 && Frames == 0 && Forms == 0;

    /// <summary>A short page that says it has nothing yet, and links no document.</summary>
    public bool IsPlaceholder => PlaceholderWords && OwnLetters < PlaceholderLetters && Documents == 0 && Forms == 0
        || IsPlaceholderPicture;

    /// <summary>Its content is only a picture that names itself a stand-in ("under_construction.gif", alt "coming soon").</summary>
    public bool IsPlaceholderPicture =>
        PlaceholderImages > 0 && Images == 0 && OwnLetters < 60 && BodyLinks == 0 && Frames == 0 && Forms == 0;

    /// <summary>Its content is pictures (a scanned notice, a chart, an "under construction" image): a person must look.</summary>
    public bool IsImageOnly => Images > 0 && OwnLetters < 60 && Documents == 0 && Forms == 0;

    /// <summary>Its content is a frame of another page (maybe another host): nothing here to read.</summary>
    public bool IsFrameOnly => Frames > 0 && OwnLetters < EmptyLetters && BodyLinks == 0 && Forms == 0;

    public static MainContent Of(PageSnapshot page, string mainNorm, SiteChrome chrome, HashSet<string> chromeImages)
    {
        var letters = Letters(mainNorm);
        // the page's own title and headings repeat what the link said: they are not content. A title is often "item - site
        // name" (a breadcrumb then repeats its first part): each part counts alone
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in page.Headings.Concat(TitleParts(page.Title, mainNorm)))
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
            if (home || chrome.IsChromeTarget(link.Url))
            {
                // its words (a breadcrumb's "หน้าหลัก") are navigation too
                var n = ThaiText.Normalize(link.Text);
                if (n.Length > 0 && seen.Add(n) && mainNorm.Contains(n, StringComparison.Ordinal)) letters -= Letters(n);
                continue;
            }
            links++;
            if (IsDocument(link.Url)) documents++;
        }
        int images = 0, stand = 0;
        foreach (var image in page.Images)
        {
            if (chromeImages.Contains(image.Url.ToString())) continue;
            if (NamesItselfPlaceholder(image)) stand++;
            else images++;
        }
        return new MainContent(Math.Max(0, letters), links, documents, images, frames, page.Forms, HasPlaceholderWords(mainNorm),
            stand);
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

    // "E-Service - องค์การบริหารส่วนตำบล…": the title whole and each part between separators
    private static IEnumerable<string> TitleParts(string? title, string mainNorm)
    {
        if (string.IsNullOrWhiteSpace(title)) return [];
        if (mainNorm.Contains(ThaiText.Normalize(title), StringComparison.Ordinal)) return [title];
        return title.Split([" - ", " | ", " :: ", " – ", " — ", " » "],
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    // the image's own file name and alt text say it stands in for content not there yet
    internal static bool NamesItselfPlaceholder(ImageInfo image)
    {
        var name = image.Url.IsAbsoluteUri ? image.Url.AbsolutePath : image.Url.OriginalString;
        name = name[(name.LastIndexOf('/') + 1)..];
        try
        {
            name = Uri.UnescapeDataString(name);
        }
        catch (UriFormatException)
        {
            // a broken escape: the raw name is still words
        }
        var compact = CompactText.Of(ThaiText.Normalize(name + " " + image.Alt));
        foreach (var w in PlaceholderImageWords)
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
