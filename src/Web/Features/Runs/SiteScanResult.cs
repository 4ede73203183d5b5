using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Features.Evidence;
using PlanNacc.Web.Features.Scans;

namespace PlanNacc.Web.Features.Runs;

/// <summary>Everything one scan of one LAO in one run produced; written whole or not at all.</summary>
public sealed record SiteScanResult
{
    public required long RunId { get; init; }
    public required string DlaCode { get; init; }
    public required string SiteUrl { get; init; }
    public required ScanStatus Status { get; init; }
    public string? Reason { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public int PagesFetched { get; init; }
    public int DocumentsChecked { get; init; }
    public int RequestsMade { get; init; }
    public long BytesFetched { get; init; }
    /// <summary>The fiscal year assessed (the run's).</summary>
    public int FiscalYear { get; init; }
    /// <summary>Null when there is no verdict (the scan job failed before scoring).</summary>
    public SiteVerdict? Report { get; init; }
    public IReadOnlyList<KeptEvidence> Evidence { get; init; } = [];
    /// <summary>The crawl snapshot compressed (<see cref="Rescore.KeptCrawl"/>), kept so a new criteria year re-judges without
    /// crawling.</summary>
    public (byte[] Bytes, int RawLength)? KeptCrawl { get; init; }
    /// <summary>When the chain of incremental crawls this crawl belongs to began with a full one (kept with the crawl).</summary>
    public DateTimeOffset? LastFullScanAt { get; init; }
    /// <summary>Set when this result re-judged the kept crawl of that scan instead of crawling.</summary>
    public long? RejudgedFromScanId { get; init; }

    public bool Failed => Status != ScanStatus.Ok;

    /// <summary>
    /// An LAO that ends its run without a verdict (status <see cref="ScanStatus.Error"/> and the reason): the one shape of a
    /// failed site result.
    /// </summary>
    public static SiteScanResult Failure(
        long runId, string dlaCode, string site, int fiscalYear, DateTimeOffset startedAt, DateTimeOffset finishedAt, string reason) =>
        new()
        {
            RunId = runId,
            DlaCode = dlaCode,
            SiteUrl = site,
            Status = ScanStatus.Error,
            Reason = reason,
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            FiscalYear = fiscalYear,
        };
}
