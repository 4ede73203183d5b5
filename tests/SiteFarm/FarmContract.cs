using System.Net;

namespace PlanNacc.SiteFarm;

/// <summary>How to start a farm. Deterministic: the same seed and site count give the same sites, byte for byte.</summary>
public sealed record FarmOptions
{
    /// <summary>Normal sites (site i has shape i mod 14); hostile ones, when included, come after them.</summary>
    public int Sites { get; init; } = 24;
    public int Seed { get; init; } = 2568;
    /// <summary>0 = pick a free port.</summary>
    public int Port { get; init; }
    /// <summary>Add the eleven hostile sites (redirect loop, endless body, gzip bomb…) after the normal ones.</summary>
    public bool IncludeHostile { get; init; }
    /// <summary>The assessed fiscal year the generated content is written for (BE).</summary>
    public int FiscalYear { get; init; } = 2568;
    /// <summary>Target pages (HTML and documents) per site; null = 40-120 by the LAO's size. A target: published items
    /// come first, so small values give sites of roughly 11-45 URLs for fast tests.</summary>
    public int? PagesPerSite { get; init; }
    /// <summary>How many loopback addresses (127.0.1.1 …) act as shared hosting companies; every site maps to one.</summary>
    public int HostingAddresses { get; init; } = 16;
    /// <summary>
    /// Time, in scan rounds: at each epoch a quarter of the sites revise what they publish (mostly for the better), so
    /// two farms with epochs 0 and 1 are "last night" and "tonight" for the same LAOs. 0 = the original sites.
    /// </summary>
    public int Epoch { get; init; }
    /// <summary>
    /// Nights of ordinary upkeep after the first (0): each night about <see cref="ChangedShare"/> of the HTML pages and PDFs
    /// change a little (see <c>NightlyChanges</c>), with Last-Modified and ETag moving as Apache and nginx move them.
    /// </summary>
    public int Night { get; init; }
    /// <summary>The share (0-1) of HTML pages and PDFs that change on each night; 0 = nothing changes between nights.</summary>
    public double ChangedShare { get; init; }
    /// <summary>
    /// Add one site after all others (shape <c>hostile-markup</c>) whose name, link texts, menu labels and page titles carry
    /// script and markup payloads (<see cref="Shapes.MarkupPayload"/>), served HTML-encoded, so a crawler reads them as
    /// text: for tests that a dashboard shows crawled text as text everywhere. Other sites are unchanged.
    /// </summary>
    public bool IncludeMarkupSite { get; init; }
    /// <summary>Requests kept in the farm's request log (<see cref="IRunningFarm.Traffic"/>); 0 = keep none.</summary>
    public int RequestLogCapacity { get; init; } = 100_000;
}

/// <summary>One synthetic LAO website, with the ground truth a test checks the crawler and the classifier against.</summary>
public sealed record FarmSite
{
    public required string Host { get; init; }
    public required Uri Root { get; init; }
    public required string DlaCode { get; init; }
    /// <summary>TAO | ThesabanTambon | ThesabanMueang | ThesabanNakhon | PAO (the registry's types).</summary>
    public required string Type { get; init; }
    public required string Name { get; init; }
    public required string Province { get; init; }
    public required string District { get; init; }
    /// <summary>S | M | L</summary>
    public required string Size { get; init; }
    /// <summary>The site's shape (national-cms, php-menuid, ita-hub, tis620, …, or a hostile shape).</summary>
    public required string Shape { get; init; }
    public bool Hostile { get; init; }
    /// <summary>What a correct crawl of a hostile site should end with: the home page's fetch error ("redirect-loop",
    /// "too-large"…), "robots-disallowed", or "ok" for traps the crawl must survive. Null for normal sites.</summary>
    public string? ExpectedOutcome { get; init; }
    public required IReadOnlyList<GroundTruth> Truth { get; init; }
    /// <summary>The full Thai name, e.g. "องค์การบริหารส่วนตำบลไทรย้อย" (<see cref="Name"/> is the bare name, as in the
    /// registry).</summary>
    public string FullName { get; init; } = "";
    /// <summary>The loopback address (the site's "hosting company") its host resolves to.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;
    /// <summary>How many URLs the site serves (pages and documents), for budgets and benchmarks.</summary>
    public int PageCount
    {
        get => Details?.PageCount ?? _pageCount;
        init => _pageCount = value;
    }

    private readonly int _pageCount;

    /// <summary>The URL the registry lists (RegistryCsv's website): usually <see cref="Root"/>; for some sites
    /// http://www.host/, which redirects to Root. Null when read back from JSON written before this member existed.</summary>
    public Uri? Website { get; init; }

    /// <summary>HTML pages among <see cref="PageCount"/> (the rest are documents and images).</summary>
    public int HtmlPageCount
    {
        get => Details?.HtmlPageCount ?? _htmlPageCount;
        init => _htmlPageCount = value;
    }

    private readonly int _htmlPageCount;

    /// <summary>How many epochs up to <see cref="FarmOptions.Epoch"/> revised this site: sites whose revision differs
    /// between two epochs changed what they publish; the others are byte-identical.</summary>
    public int Revision { get; init; }

    /// <summary>Every HTML page builds its menu (and some their document tables) by script: only a rendering crawler sees them.</summary>
    public bool NeedsRendering { get; init; }

    /// <summary>Lazily computed page count and truth (farm-generated sites); null for sites read back from JSON.</summary>
    internal Generation.SiteDetails? Details { get; init; }
    /// <summary>Six-digit geocode (province, district, tambon), as the registry's lao_geocode.</summary>
    public string Geocode { get; init; } = "";
}

/// <summary>A disclosure the site really publishes (or a negative that looks like one: <see cref="Kind"/> = "none").</summary>
public sealed record GroundTruth
{
    /// <summary>A disclosure kind id from disclosure-kinds.md, or "none" for a decoy.</summary>
    public required string Kind { get; init; }
    public required Uri Url { get; init; }
    /// <summary>The link text a visitor clicks to reach it.</summary>
    public required string LinkText { get; init; }
    /// <summary>The link texts followed from the home page ("หน้าหลัก" first).</summary>
    public required IReadOnlyList<string> ClickPath { get; init; }
    public int? FiscalYear { get; init; }
    public int[]? FiscalYearSpan { get; init; }
    /// <summary>Content a machine cannot read (image-only chart, scanned PDF): the right verdict is review.</summary>
    public bool NeedsReview { get; init; }
    /// <summary>A placeholder page ("อยู่ระหว่างจัดทำข้อมูล"): linked, but empty, so the item is missing.</summary>
    public bool Placeholder { get; init; }
    /// <summary>The URL lies under a robots.txt Disallow of the site: a polite crawler must not fetch it.</summary>
    public bool RobotsDisallowed { get; init; }
    /// <summary>
    /// The text that names the document when <see cref="LinkText"/> is generic ("ดาวน์โหลด", "คลิกที่นี่", an icon, a bare
    /// file name): the card heading, list item, table row, caption, preceding heading or title attribute around the
    /// anchor. The kind is read from it; null when the link text itself names the page.
    /// </summary>
    public string? Context { get; init; }
    /// <summary>
    /// The page is linked as <see cref="Kind"/> but its content is another item's (a copy of another page, or its only
    /// document is of another kind): not evidence, at most "review".
    /// </summary>
    public bool Mismatch { get; init; }
    /// <summary>Which real-site class of <see cref="Traps"/> this entry exercises, or null.</summary>
    public string? Trap { get; init; }
}

/// <summary>
/// The real-site classes the farm reproduces (issue 12), as <see cref="GroundTruth.Trap"/> values. Their shapes and
/// phrasings come from real LAO pages (../shared/real-lao-sites, ../shared/real-lao-pages), not from the classifier.
/// </summary>
public static class Traps
{
    /// <summary>Placeholder pages (truth: <see cref="GroundTruth.Placeholder"/>, the item fails as "empty").</summary>
    public const string PlaceholderPhrase = "placeholder-phrase";
    public const string PlaceholderHeadingOnly = "placeholder-heading-only";
    public const string PlaceholderEmptyTable = "placeholder-empty-table";
    public const string PlaceholderEmptyList = "placeholder-empty-list";
    public const string PlaceholderBreadcrumb = "placeholder-breadcrumb";
    public const string PlaceholderImage = "placeholder-image";

    public static readonly IReadOnlyList<string> Placeholders =
    [
        PlaceholderPhrase, PlaceholderHeadingOnly, PlaceholderEmptyTable, PlaceholderEmptyList, PlaceholderBreadcrumb,
        PlaceholderImage,
    ];

    /// <summary>Content against its link (truth: <see cref="GroundTruth.Mismatch"/>): a copy of another item's page.</summary>
    public const string ContradictsCopy = "contradicts-copy";
    /// <summary>A detail page named for the item whose only document is of another kind.</summary>
    public const string ContradictsDocument = "contradicts-document";

    /// <summary>Documents behind generic anchors, by where the naming context sits.</summary>
    public const string AnchorCard = "anchor-card";
    public const string AnchorListItem = "anchor-list-item";
    public const string AnchorTableRow = "anchor-table-row";
    public const string AnchorCaption = "anchor-caption";
    public const string AnchorHeading = "anchor-heading";
    public const string AnchorTitleAttr = "anchor-title-attr";
    public const string AnchorAttachment = "anchor-attachment";

    public static readonly IReadOnlyList<string> Anchors =
    [
        AnchorCard, AnchorListItem, AnchorTableRow, AnchorCaption, AnchorHeading, AnchorTitleAttr, AnchorAttachment,
    ];

    /// <summary>An HTML page of a site whose menu carries a year span (an entry's own): not this page's fiscal year.</summary>
    public const string ChromeYear = "chrome-year";
    /// <summary>A general page (ข้อมูลพื้นฐาน, ประวัติ) naming standing items in passing: not their evidence.</summary>
    public const string StandingGeneral = "standing-general";
    /// <summary>The dedicated page of a standing item on a site that also has a general page: the evidence.</summary>
    public const string StandingDedicated = "standing-dedicated";
}

/// <summary>A running farm. Dispose to stop it.</summary>
public interface IRunningFarm : IAsyncDisposable
{
    int Port { get; }
    IReadOnlyList<FarmSite> Sites { get; }
    /// <summary>host → loopback address, to hand to the crawler's Resolve map (like curl --resolve).</summary>
    IReadOnlyDictionary<string, IPAddress> HostMap { get; }
    /// <summary>The farm's LAOs as a registry CSV in the layout of ../shared/lao-registry (header included).</summary>
    string RegistryCsv();
    /// <summary>What the farm has seen since start (or the last reset): requests, bytes, peak concurrency per host and address.</summary>
    FarmTraffic Traffic();
    /// <summary>Clears the request log and the peaks, e.g. between two crawls in one test.</summary>
    void ResetTraffic();
}

/// <summary>One request as the farm saw it. Target is the raw path and query; Aborted = the client went away first.</summary>
public sealed record FarmRequest(
    DateTimeOffset Start, TimeSpan Duration, string Host, string LocalAddress, string Method, string Target, int Status,
    long BytesSent, string UserAgent, bool Aborted);

/// <summary>The request log (oldest first, up to the capacity; Dropped counts the rest) and the peaks of requests in flight.</summary>
public sealed record FarmTraffic(
    IReadOnlyList<FarmRequest> Requests, IReadOnlyDictionary<string, int> PeakInFlightByHost,
    IReadOnlyDictionary<IPAddress, int> PeakInFlightByAddress, long Dropped)
{
    public IEnumerable<FarmRequest> For(string host) =>
        Requests.Where(r => string.Equals(r.Host, host, StringComparison.OrdinalIgnoreCase));
}
