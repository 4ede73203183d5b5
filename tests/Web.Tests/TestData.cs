using PlanNacc.Crawler;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Features.Evidence;

namespace PlanNacc.Web.Tests;

/// <summary>Registry rows and scan results built in tests (the storage is tested on its own, not through a crawl).</summary>
public static class TestData
{
    private static int _next = Random.Shared.Next(1_000_000, 4_000_000);

    /// <summary>A fresh 7-digit code, so facts sharing one database never collide.</summary>
    public static string NewCode() =>
        Interlocked.Increment(ref _next).ToString("0000000", System.Globalization.CultureInfo.InvariantCulture);

    public static LaoRecord Lao(string code, string name = "โรงช้าง", string? website = "https://www.example.go.th/") => new()
    {
        DlaCode = code,
        Type = "TAO",
        Name = name,
        Province = "สิงห์บุรี",
        District = "พรหมบุรี",
        Size = "S",
        Website = website,
    };

    public static ItemVerdict Item(string code, VerdictStatus status, string title = "โครงสร้าง", params EvidenceRef[] evidence) => new()
    {
        Code = code,
        Title = title,
        TitleEn = "Structure",
        Indicator = "9",
        SubIndicator = "9.1",
        Kinds = ["org-structure"],
        Status = status,
        Score = status == VerdictStatus.Pass ? 100 : 0,
        Evidence = evidence,
        Reasons = status == VerdictStatus.Pass ? [] : [new Reason("ไม่พบข้อมูล", "not found")],
        FixHint = status == VerdictStatus.Pass ? null : new Reason("เผยแพร่โครงสร้างองค์กร", "publish the org chart"),
    };

    public static EvidenceRef Evidence(string url, string text, string? sha = null) => new()
    {
        Url = url,
        Text = text,
        Kind = "org-structure",
        Confidence = 0.9,
        FiscalYear = 2568,
        Path = ["หน้าหลัก", "ข้อมูลพื้นฐาน", text],
        ContentHash = sha,
    };

    public static SiteScanResult Result(long runId, string code, IReadOnlyList<ItemVerdict> items,
        IReadOnlyList<KeptEvidence>? evidence = null, string status = "ok")
    {
        var started = new DateTimeOffset(2025, 11, 24, 19, 13, 5, TimeSpan.Zero);
        var report = new SiteVerdict
        {
            Site = "https://www.example.go.th/",
            Status = status == "ok" ? PlanNacc.Crawler.SiteStatus.Ok : PlanNacc.Crawler.SiteStatus.Unreachable,
            Criteria = new CriteriaRef(2568, "ita-2568", 2569, new Reason("ยังไม่มีเกณฑ์ ITA ปี 2569", "No ITA 2569 criteria yet")),
            FiscalYear = 2569,
            PagesFetched = 12,
            DocumentsChecked = 3,
            DurationMs = 4000,
            StartedAt = started,
            Items = items,
            KindsFound = ["org-structure"],
            Score = new OitScore { Oit = 50, Indicators = new Dictionary<string, double> { ["9"] = 100, ["10"] = 0 } },
            Errors = [],
        };
        return new SiteScanResult
        {
            RunId = runId,
            DlaCode = code,
            SiteUrl = report.Site,
            Status = PlanNacc.Web.Features.Scans.ScanStatuses.Parse(status),
            StartedAt = started,
            FinishedAt = started.AddSeconds(4),
            PagesFetched = 12,
            DocumentsChecked = 3,
            RequestsMade = 20,
            BytesFetched = 123_456,
            FiscalYear = 2569,
            Report = report,
            Evidence = evidence ?? [],
        };
    }

    public static KeptEvidence Kept(string sha, string url) =>
        new(new EvidenceBlob(sha, new Uri(url), DateTimeOffset.UtcNow, 200, "text/html", 42,
            new Dictionary<string, string> { ["content-type"] = "text/html" }));
}
