using PlanNacc.Crawler;
using PlanNacc.Scoring.Verdicts;

namespace PlanNacc.Web.Features.Scans;

/// <summary>One URL that failed during the crawl.</summary>
public sealed record ScanError(string Url, string Error);

/// <summary>
/// The result of one scan in the `scan --json` shape of design.md: the scorer's verdict plus what the crawl did.
/// Stored whole as the scan's verdict JSON, printed by `scan --json`.
/// </summary>
public sealed record ScanReport
{
    public required string Site { get; init; }
    /// <summary>ok, unreachable, certificate-invalid, robots-disallowed, refused, timeout, error.</summary>
    public required string Status { get; init; }
    public string? StatusReason { get; init; }
    public required CriteriaRef Criteria { get; init; }
    public required int FiscalYear { get; init; }
    public required int PagesFetched { get; init; }
    public required int DocumentsChecked { get; init; }
    public required long DurationMs { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required IReadOnlyList<ItemVerdict> Items { get; init; }
    public required IReadOnlyList<string> KindsFound { get; init; }
    public required OitScore Score { get; init; }
    public IReadOnlyList<string> Findings { get; init; } = [];
    public required IReadOnlyList<ScanError> Errors { get; init; }
    /// <summary>What the crawl cost and how (incremental scans: 304s and body bytes); null in reports stored before it existed.</summary>
    public CrawlCounts? Crawl { get; init; }

    public static ScanReport From(SiteSnapshot snapshot, SiteVerdict verdict) => new()
    {
        Site = verdict.Site,
        Status = SiteStatusNames.Of(snapshot.Status),
        StatusReason = snapshot.StatusReason,
        Criteria = verdict.Criteria,
        FiscalYear = verdict.FiscalYear,
        PagesFetched = snapshot.Pages.Count,
        DocumentsChecked = snapshot.Documents.Count,
        DurationMs = (long)(snapshot.FinishedAt - snapshot.StartedAt).TotalMilliseconds,
        StartedAt = snapshot.StartedAt,
        Items = verdict.Items,
        KindsFound = verdict.KindsFound,
        Score = verdict.Score,
        Findings = snapshot.Findings,
        Errors = snapshot.Errors.Select(e => new ScanError(e.Url.AbsoluteUri, e.Error)).ToList(),
        Crawl = CrawlCounts.Of(snapshot),
    };
}

/// <summary>The crawl's own figures in a scan report: requests, conditional requests and 304s, body bytes, robots skips.</summary>
public sealed record CrawlCounts
{
    public int Requests { get; init; }
    public int ConditionalRequests { get; init; }
    public int NotModified { get; init; }
    public long BodyBytes { get; init; }
    public int RobotsSkipped { get; init; }
    public bool Incremental { get; init; }
    public IReadOnlyList<string> IncrementalNotes { get; init; } = [];
    /// <summary>The typed failure (SiteFailureKind, camel-cased) when the status is not ok.</summary>
    public string? FailureKind { get; init; }
    public string? MovedTo { get; init; }
    public bool CertificateIgnored { get; init; }

    public static CrawlCounts Of(SiteSnapshot snapshot) => new()
    {
        Requests = snapshot.RequestsMade,
        ConditionalRequests = snapshot.ConditionalRequests,
        NotModified = snapshot.NotModified,
        BodyBytes = snapshot.BodyBytes,
        RobotsSkipped = snapshot.RobotsSkipped,
        Incremental = snapshot.Incremental,
        IncrementalNotes = snapshot.IncrementalNotes,
        FailureKind = snapshot.Failure == SiteFailureKind.None
            ? null
            : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(snapshot.Failure.ToString()),
        MovedTo = snapshot.MovedTo?.AbsoluteUri,
        CertificateIgnored = snapshot.CertificateIgnored,
    };
}
