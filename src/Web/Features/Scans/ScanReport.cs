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
    };
}
