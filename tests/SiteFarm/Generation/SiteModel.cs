namespace PlanNacc.SiteFarm.Generation;

internal enum Scheme { Cms, Php, WordPress, Static }

internal enum PageType
{
    Home, Listing, Content, Placeholder, ImageChart, Hub, YearFolder, ItemPage, Persons, NewsList, NewsItem, Contact,
    Form, Board, Authority, Lorem, Document, Image,
}

internal enum DocFormat { Pdf, Xlsx, Docx, Doc, Png }

/// <summary>Text PDFs are readable; scanned ones have no text layer; broken ones map Thai marks to private-use glyphs.</summary>
internal enum PdfFlavor { Text, Scanned, BrokenGlyphs }

internal enum YearStyle { Arabic, ThaiDigits, Short }

/// <summary>
/// A link as rendered: visible text and href (root-relative and percent-encoded, or absolute off-site). Context is the
/// text that names a document whose anchor is generic ("ดาวน์โหลด", an icon, a file name): its card heading, list item,
/// table row, caption, preceding heading or title attribute, as <see cref="Page.Layout"/> places it.
/// </summary>
internal sealed record Link(string Text, string Href, string? Context = null);

/// <summary>How a listing shows its documents: a plain table of titled links, or cards with generic anchors.</summary>
internal enum CardLayout { Table, Card, ListItem, TableRow, Caption, Heading, TitleAttr, Attachment }

/// <summary>A menu entry: a link (Href set) or a label that only groups (Href null).</summary>
internal sealed record MenuNode(string Label, string? Href, List<MenuNode> Children)
{
    public static MenuNode Leaf(string label, string href) => new(label, href, []);
}

/// <summary>One URL of a site, described, not rendered: the renderer writes its bytes on request.</summary>
internal sealed class Page
{
    public required string Href { get; init; }
    public required string Title { get; init; }
    public required PageType Type { get; init; }
    public List<Link> Links { get; } = [];
    /// <summary>Ground-truth kind, "none" for a decoy, null when the page is not part of the truth.</summary>
    public string? Kind { get; set; }
    public int? FiscalYear { get; set; }
    public int[]? Span { get; set; }
    public bool NeedsReview { get; set; }
    public bool Placeholder { get; set; }
    public DocFormat Format { get; init; } = DocFormat.Pdf;
    public PdfFlavor Flavor { get; init; } = PdfFlavor.Text;
    /// <summary>Extra body lines (names, dates, items) decided at build time.</summary>
    public List<string> Lines { get; } = [];
    public string? ImageHref { get; set; }
    /// <summary>The real-site class this page exercises (<see cref="Traps"/>); it also picks the placeholder variant.</summary>
    public string? Trap { get; set; }
    /// <summary>The page's content contradicts the link to it (a copy of another item, another kind's document).</summary>
    public bool Mismatch { get; set; }
    public CardLayout Layout { get; set; }
    public bool External => Href.StartsWith("http", StringComparison.Ordinal);
}

internal sealed record SiteIdentity(
    int Index, string DlaCode, string Host, LaoType Type, string Name, Province Province, string District, int DistrictNo,
    int TambonNo, string Size, string Shape, System.Net.IPAddress Address, bool WwwInRegistry = false);

/// <summary>A whole site as a graph of pages. Built from (seed, identity) in microseconds, so the server rebuilds on demand.</summary>
internal sealed class SiteModel
{
    public required SiteIdentity Id { get; init; }
    public required int FiscalYear { get; init; }
    public required Scheme Scheme { get; init; }
    public bool Tis620 { get; init; }
    public bool Entities { get; init; }
    public bool JsMenu { get; init; }
    public bool Malformed { get; init; }
    /// <summary>The markup site: titles carry <see cref="Shapes.MarkupPayload"/> (link texts get it at build time).</summary>
    public bool Markup { get; init; }
    public YearStyle YearStyle { get; init; }
    public string FullName => Id.Type.FullPrefix + Id.Name;
    public string ShortName => Id.Type.Abbr + Id.Name;
    public List<MenuNode> Menu { get; } = [];
    public List<Link> FooterLinks { get; } = [];
    public List<Link> HomeLinks { get; } = [];
    public Dictionary<string, Page> Pages { get; } = new(StringComparer.Ordinal);
    public string Robots { get; set; } = "User-agent: *\nDisallow:\n";
    public bool Sitemap { get; set; }
    public string? CalendarHref { get; set; }
    /// <summary>A line the footer repeats on every page (a year-bearing badge on chrome-year sites).</summary>
    public string? FooterNote { get; set; }
    /// <summary>Unknown URLs answer 200 with a "not found" text, as many PHP LAO sites do (soft 404).</summary>
    public bool SoftNotFound { get; set; }
    /// <summary>"/" answers 301 to /index.html, where the home page lives (old static sites).</summary>
    public bool HomeRedirect { get; set; }
    public string ItasCode { get; init; } = "";

    public Page Add(Page page)
    {
        Pages.Add(Key(page.Href), page);
        return page;
    }

    /// <summary>Lookup key: the percent-decoded path plus the raw query, which is what Kestrel hands the server.</summary>
    public static string Key(string href)
    {
        var q = href.IndexOf('?', StringComparison.Ordinal);
        var path = q < 0 ? href : href[..q];
        var query = q < 0 ? "" : href[q..];
        return Uri.UnescapeDataString(path) + query;
    }

    public IEnumerable<Link> ChromeLinks()
    {
        foreach (var link in MenuLinks(Menu))
        {
            yield return link;
        }
        foreach (var link in FooterLinks)
        {
            yield return link;
        }
    }

    private static IEnumerable<Link> MenuLinks(IEnumerable<MenuNode> nodes)
    {
        foreach (var node in nodes)
        {
            if (node.Href is not null && !node.Href.StartsWith('#'))
            {
                yield return new Link(node.Label, node.Href);
            }
            foreach (var child in MenuLinks(node.Children))
            {
                yield return child;
            }
        }
    }
}
