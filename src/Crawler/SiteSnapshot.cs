namespace PlanNacc.Crawler;

/// <summary>
/// What one crawl of one LAO website found: the pages and documents that matter, each with how it was reached.
/// Produced by <see cref="SiteCrawler"/>; read by Scoring (which knows the ITA rules) and stored by Web.
/// </summary>
public sealed record SiteSnapshot
{
    /// <summary>The root URL the crawl started from, as given.</summary>
    public required Uri Root { get; init; }
    /// <summary>The URL the root finally resolved to after redirects (null when the site could not be reached).</summary>
    public Uri? FinalRoot { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    /// <summary>How the site as a whole fared (reachable, unreachable, robots-disallowed…).</summary>
    public required SiteStatus Status { get; init; }
    /// <summary>A short machine-readable reason when <see cref="Status"/> is not <see cref="SiteStatus.Ok"/>, e.g. "dns: no such
    /// host".</summary>
    public string? StatusReason { get; init; }
    /// <summary>
    /// What stopped the crawl when <see cref="Status"/> is not <see cref="SiteStatus.Ok"/>, as a type; the reason is for people.
    /// </summary>
    public SiteFailureKind Failure { get; init; }
    /// <summary>Where the registered URL redirected to on another site at the start (the registry should learn it), or null.</summary>
    public Uri? MovedTo { get; init; }
    /// <summary>True when the operator let the crawl continue past an invalid TLS certificate (every result then says so).</summary>
    public bool CertificateIgnored { get; init; }
    /// <summary>Site-level findings that are not fatal: "certificate-invalid (continued by operator option)",
    /// "render-unavailable"…</summary>
    public IReadOnlyList<string> Findings { get; init; } = [];
    public IReadOnlyList<PageSnapshot> Pages { get; init; } = [];
    public IReadOnlyList<DocumentSnapshot> Documents { get; init; } = [];
    /// <summary>Per-URL failures (timeouts, 404s, size caps…); a failed URL does not fail the crawl.</summary>
    public IReadOnlyList<CrawlError> Errors { get; init; } = [];
    public long BytesFetched { get; init; }
    public int RequestsMade { get; init; }
    /// <summary>Links not fetched because robots.txt refuses them to PlanNacc; they do not use the page or document budget.</summary>
    public int RobotsSkipped { get; init; }
    /// <summary>Body bytes received as sent on the wire (compressed when the server compressed); a 304 answer has none.</summary>
    public long BodyBytes { get; init; }
    /// <summary>Requests sent with the last scan's validators (If-None-Match, If-Modified-Since), and those answered 304.</summary>
    public int ConditionalRequests { get; init; }
    public int NotModified { get; init; }
    /// <summary>True when the crawl started from a kept state (an incremental scan); false for a full scan.</summary>
    public bool Incremental { get; init; }
    /// <summary>Why an incremental scan fell back to a full one, in whole or for some URLs ("state missing: full scan"…).</summary>
    public IReadOnlyList<string> IncrementalNotes { get; init; } = [];
    /// <summary>Hosts whose ETag changed while their bytes did not; the next scan sends them Last-Modified only.</summary>
    public IReadOnlyList<string> UnstableETagHosts { get; init; } = [];
}

/// <summary>The outcome of a crawl for the site as a whole.</summary>
public enum SiteStatus
{
    /// <summary>The home page was fetched; pages may still have individual errors.</summary>
    Ok,
    /// <summary>DNS failure, connection refused or reset, home page not fetchable.</summary>
    Unreachable,
    /// <summary>The TLS certificate failed validation and the operator did not allow continuing.</summary>
    CertificateInvalid,
    /// <summary>robots.txt disallows the home page for PlanNacc (or robots.txt answered 5xx / was unreachable).</summary>
    RobotsDisallowed,
    /// <summary>The target resolved to a loopback, private, link-local, CGNAT or multicast address and that is not allowed.</summary>
    Refused,
    /// <summary>The site's wall-time budget ran out before the home page could be read.</summary>
    Timeout,
    /// <summary>The crawl was cancelled (shutdown); the result must not be stored as a verdict.</summary>
    Cancelled,
    /// <summary>The registered website is a social-media page, not the LAO's own site: nothing is crawled.</summary>
    SocialPageOnly,
    /// <summary>
    /// Only the home page could be read and it shows no way on (an intro page that leads nowhere a crawler can follow, or every
    /// link failed): never "ok", since nothing on the site was really checked.
    /// </summary>
    OnePage,
}

/// <summary>What stopped a crawl, as a type (<see cref="SiteSnapshot.Failure"/>): whether it may pass is the caller's decision.</summary>
public enum SiteFailureKind
{
    None,
    /// <summary>Connect or exchange timed out, or the site's time budget ran out before the home page was read.</summary>
    Timeout,
    /// <summary>The connection was reset or dropped, a body was cut short, or the answer was not HTTP.</summary>
    ConnectionLost,
    /// <summary>The server answered 5xx or 429 (for the home page or its robots.txt).</summary>
    ServerBusy,
    /// <summary>Another HTTP status for the home page (404, 403, 410…).</summary>
    HttpStatus,
    /// <summary>DNS knows no such host.</summary>
    NoSuchHost,
    /// <summary>The host refused the connection, or no route leads to it.</summary>
    ConnectionRefused,
    /// <summary>The target's address is one PlanNacc may not reach (loopback, private…).</summary>
    AddressRefused,
    /// <summary>The TLS certificate failed validation.</summary>
    Certificate,
    /// <summary>A redirect loop, or too many redirects.</summary>
    Redirects,
    /// <summary>A body over the size cap, or a decompression bomb.</summary>
    TooLarge,
    /// <summary>robots.txt disallows the home page for PlanNacc.</summary>
    RobotsDisallowed,
    /// <summary>The site's byte budget ran out.</summary>
    Budget,
    Cancelled,
    /// <summary>The registered website is a social-media page (Facebook, LINE…): not crawled.</summary>
    SocialPageOnly,
    /// <summary>DNS could not answer now (a resolver failure or timeout), unlike <see cref="NoSuchHost"/>.</summary>
    DnsTemporary,
    /// <summary>The certificate has expired (or is not yet valid).</summary>
    CertificateExpired,
    /// <summary>The certificate is self-signed.</summary>
    CertificateSelfSigned,
    /// <summary>The certificate was issued for another host name.</summary>
    CertificateWrongHost,
    /// <summary>The server does not send its intermediate certificate, so no chain can be built.</summary>
    CertificateIncompleteChain,
    /// <summary>Only the home page could be read and it leads nowhere (<see cref="SiteStatus.OnePage"/>).</summary>
    OnePage,
}

/// <summary>Groups of <see cref="SiteFailureKind"/> a caller decides on.</summary>
public static class SiteFailureKinds
{
    /// <summary>Whether the failure is the site's TLS certificate (an operator may choose to continue past it).</summary>
    public static bool IsCertificate(this SiteFailureKind kind) => kind is SiteFailureKind.Certificate or SiteFailureKind.CertificateExpired
        or SiteFailureKind.CertificateSelfSigned or SiteFailureKind.CertificateWrongHost or SiteFailureKind.CertificateIncompleteChain;
}

/// <summary>An HTML page fetched (and possibly rendered) during a crawl.</summary>
public sealed record PageSnapshot
{
    public required Uri Url { get; init; }
    public required int StatusCode { get; init; }
    public string? ContentType { get; init; }
    /// <summary>The charset the page was decoded with (utf-8, windows-874…).</summary>
    public string? Charset { get; init; }
    public string? Title { get; init; }
    /// <summary>h1-h3 texts, normalised white space.</summary>
    public IReadOnlyList<string> Headings { get; init; } = [];
    /// <summary>Visible body text, white space folded, cut to a bounded length (for placeholder and fiscal-year checks).</summary>
    public string? Text { get; init; }
    public IReadOnlyList<LinkInfo> Links { get; init; } = [];
    /// <summary>Image sources with their alt text (an image-only org chart is evidence that needs review).</summary>
    public IReadOnlyList<ImageInfo> Images { get; init; } = [];
    /// <summary>The link texts followed from the home page to reach this page ("หน้าหลัก" first). The ITA "explanation".</summary>
    public IReadOnlyList<string> ClickPath { get; init; } = [];
    public int Depth { get; init; }
    public DateTimeOffset FetchedAt { get; init; }
    /// <summary>SHA-256 (lower-case hex) of the response bytes as received; the key of the kept evidence copy.</summary>
    public string? ContentHash { get; init; }
    public long Bytes { get; init; }
    /// <summary>True when the page was rendered with Chromium because its menus or content are built by script.</summary>
    public bool Rendered { get; init; }
    /// <summary>Forms a reader fills in outside menus, headers and footers (a text area, or two fields or more).</summary>
    public int Forms { get; init; }
    /// <summary>Of those, forms where the public writes a free-text message and sends it (a text area and a submit, no password).</summary>
    public int MessageForms { get; init; }
    /// <summary>An earlier page of this crawl that answered the very same bytes (a query the server ignores), or null.</summary>
    public Uri? DuplicateOf { get; init; }
    /// <summary>Page targets found in scripts (buttons, pop-up menus, timed redirects), followed like links.</summary>
    public IReadOnlyList<LinkInfo> ScriptLinks { get; init; } = [];
    /// <summary>Where a meta refresh leads, or null.</summary>
    public Uri? RefreshTo { get; init; }
    /// <summary>The response's ETag and Last-Modified, kept for the next scan's conditional request (null when untrustworthy).</summary>
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    /// <summary>True when this page was not downloaded again: it answered 304, or its bytes hashed the same as last time.</summary>
    public bool Reused { get; init; }
}

/// <summary>A hyperlink as found on a page, with the context an assessor would read beside it.</summary>
public sealed record LinkInfo
{
    public required Uri Url { get; init; }
    /// <summary>The visible link text (or title/alt when it has none), white space folded.</summary>
    public required string Text { get; init; }
    /// <summary>The nearest enclosing menu label (parent menu item text) when the link sits in a nested menu.</summary>
    public string? MenuLabel { get; init; }
    /// <summary>The text of the table row (or list item) the link sits in, e.g. a hub row "o36 | การประเมินความเสี่ยง… | link".</summary>
    public string? RowText { get; init; }
    /// <summary>Where on the page the link sits: nav, header, footer, main, aside.</summary>
    public string? Region { get; init; }
    /// <summary>The link is a frame or iframe source (embedded content), not an anchor a reader clicks.</summary>
    public bool Embedded { get; init; }
    /// <summary>
    /// For a short link in the page body ("ดาวน์โหลด", an icon, a file name): its nearest context as a reader sees it, the
    /// link's title/aria-label, the heading of the card or list it sits in, the table caption or the preceding heading.
    /// </summary>
    public string? Context { get; init; }
    /// <summary>
    /// For a link that opens a dialog of its own page (a Bootstrap modal: <c>data-toggle="modal" data-target="#id"</c>), the
    /// dialog's text, bounded: its content is there, hidden until clicked; <see cref="Url"/> is the page with the dialog's id.
    /// </summary>
    public string? InPageText { get; init; }
    /// <summary>How many pictures that dialog holds (executives' photos), for a link with <see cref="InPageText"/>.</summary>
    public int InPageImages { get; init; }
}

/// <summary>An image on a page.</summary>
public sealed record ImageInfo(Uri Url, string? Alt);

/// <summary>A linked document (PDF, DOC(X), XLS(X), image) that was checked.</summary>
public sealed record DocumentSnapshot
{
    public required Uri Url { get; init; }
    public required int StatusCode { get; init; }
    public string? ContentType { get; init; }
    public long? Length { get; init; }
    /// <summary>The page the link was found on, and the link's text there.</summary>
    public Uri? FoundOn { get; init; }
    public string? LinkText { get; init; }
    public IReadOnlyList<string> ClickPath { get; init; } = [];
    /// <summary>Title from the document metadata or its first line of text (PDF).</summary>
    public string? Title { get; init; }
    /// <summary>Text of the first pages (PDF), bounded.</summary>
    public string? Text { get; init; }
    /// <summary>The text could not be trusted (scanned PDF, broken Thai glyph map): the item needs human review.</summary>
    public bool Unreadable { get; init; }
    public string? UnreadableReason { get; init; }
    public DateTimeOffset FetchedAt { get; init; }
    public string? ContentHash { get; init; }
    /// <summary>The response's ETag and Last-Modified, kept for the next scan's conditional request.</summary>
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    /// <summary>True when the document answered 304 and its text and hash are the last scan's.</summary>
    public bool Reused { get; init; }
}

/// <summary>A URL that failed during the crawl, with a short reason ("timeout", "http 404", "too-large", "robots").</summary>
public sealed record CrawlError(Uri Url, string Error);

