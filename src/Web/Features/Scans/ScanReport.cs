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
    /// <summary>Site-level notes in Thai and English: criteria of an earlier year, provisional criteria, a site not crawled.</summary>
    public IReadOnlyList<Reason> Notes { get; init; } = [];

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
        Notes = verdict.Notes,
    };
}

/// <summary>The stored (and printed) names of a site's status, and how the dashboard says them in Thai.</summary>
public static class SiteStatusNames
{
    /// <summary>The scan job itself failed (not the site): the reason says why.</summary>
    public const string Error = "error";

    public static string Of(SiteStatus status) => status switch
    {
        SiteStatus.Ok => "ok",
        SiteStatus.Unreachable => "unreachable",
        SiteStatus.CertificateInvalid => "certificate-invalid",
        SiteStatus.RobotsDisallowed => "robots-disallowed",
        SiteStatus.Refused => "refused",
        SiteStatus.Timeout => "timeout",
        SiteStatus.Cancelled => "cancelled",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static string Thai(string status) => status switch
    {
        "ok" => "เข้าถึงเว็บไซต์ได้",
        "unreachable" => "เข้าถึงเว็บไซต์ไม่ได้",
        "certificate-invalid" => "ใบรับรองความปลอดภัย (HTTPS) ไม่ถูกต้อง",
        "robots-disallowed" => "robots.txt ไม่อนุญาตให้ตรวจ",
        "refused" => "ปฏิเสธการตรวจ (ที่อยู่เครือข่ายภายใน)",
        "timeout" => "หมดเวลาก่อนอ่านหน้าหลักได้",
        "cancelled" => "ยกเลิก",
        Error => "การตรวจล้มเหลว",
        _ => status,
    };
}
