using System.Globalization;
using Dapper;
using Hangfire;
using PlanNacc.Crawler;
using PlanNacc.Web.Features.Criteria;
using PlanNacc.Web.Features.Evidence;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Runs.Rescore;

/// <summary>
/// Re-judges LAOs from their kept crawls against a year's criteria, without one request to a website: a run like any other
/// (progress, failures by status and reason), one job per LAO; each result is a scan marked "re-judged from the crawl of
/// DATE". An LAO without a kept crawl ends the run with status <see cref="ScanStatus.NoSnapshot"/> and the
/// reason.
/// </summary>
public sealed class RescoreJobs(
    ScanJobs scans,
    RunStore runs,
    ScanStore store,
    CriteriaSource criteria,
    Database database,
    IBackgroundJobClient jobs,
    ILogger<RescoreJobs> logger)
{
    /// <summary>runs.judged_from of a rescore run.</summary>
    public const string KeptCrawlSource = "kept-crawl";

    /// <summary>
    /// LAOs per job. Judging a kept crawl takes tens of milliseconds, so one job per LAO would spend most of a rescore
    /// dispatching jobs (about 6 a second on Hangfire's SQLite storage here); each LAO is still stored on its own.
    /// </summary>
    public const int ChunkSize = 25;

    /// <summary>
    /// Re-judging is CPU and database work, nothing to wait on: more LAOs at once than cores only makes SQLite's writers
    /// queue for its lock (32 chunks at once hit the 30 s busy timeout here), so each process judges one per core.
    /// </summary>
    private static readonly SemaphoreSlim PerCore = new(Math.Max(1, Environment.ProcessorCount));

    public async Task<RunStart> StartAsync(RunScope scope, int year, string actor, CancellationToken cancellationToken = default)
    {
        var (targets, refusal) = await scans.TargetsAsync(scope, cancellationToken);
        if (refusal is not null)
        {
            return RunStart.Refused(refusal);
        }
        var codes = targets.Select(l => l.DlaCode).ToList();
        var runId = await runs.CreateAsync("on-demand", scope.ToString(), year, codes, cancellationToken);
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE runs SET judged_from = @source WHERE id = @runId", new { source = KeptCrawlSource, runId }, transaction,
                    cancellationToken: cancellationToken));
            await new AuditLog(connection, transaction).WriteAsync(actor, "rescore", "run", runId.ToString(CultureInfo.InvariantCulture),
                null,
                new { year, scope = scope.ToString(), laos = codes.Count }, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        foreach (var chunk in codes.Chunk(ChunkSize))
        {
            jobs.Enqueue<RescoreJobs>(j => j.RescoreChunkAsync(runId, chunk, year, CancellationToken.None));
        }
        return new RunStart(runId, codes.Count, null);
    }

    /// <summary>
    /// A chunk of a rescore run, LAO by LAO; a retried chunk skips the LAOs already stored (the run's unique key), so a
    /// database outage mid-chunk loses nothing and stores nothing twice.
    /// </summary>
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [10, 30, 60, 300, 900])]
    public async Task RescoreChunkAsync(long runId, string[] dlaCodes, int year, CancellationToken cancellationToken)
    {
        foreach (var code in dlaCodes)
        {
            await PerCore.WaitAsync(cancellationToken);
            try
            {
                await RescoreSiteAsync(runId, code, year, cancellationToken);
            }
            finally
            {
                PerCore.Release();
            }
        }
    }

    /// <summary>One LAO of a rescore run: its latest kept crawl judged against <paramref name="year"/>'s criteria, stored whole.</summary>
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [10, 30, 60, 300, 900])]
    public async Task RescoreSiteAsync(long runId, string dlaCode, int year, CancellationToken cancellationToken)
    {
        if (await store.ExistsAsync(runId, dlaCode, cancellationToken))
        {
            return;
        }
        var now = DateTimeOffset.UtcNow;
        var kept = await KeptCrawl.LatestAsync(database, dlaCode, cancellationToken);
        SiteScanResult result;
        if (kept is null)
        {
            var reason = await KeptCrawl.WasCrawledAsync(database, dlaCode, cancellationToken) ? "crawl not kept" : "never crawled";
            result = new SiteScanResult
            {
                RunId = runId, DlaCode = dlaCode, SiteUrl = "", Status = ScanStatus.NoSnapshot, Reason = reason,
                StartedAt = now, FinishedAt = now, FiscalYear = year,
            };
        }
        else if (Read(kept) is not { } snapshot)
        {
            // A kept crawl that cannot be read is this LAO's problem, not the chunk's: it ends the run with its reason.
            result = new SiteScanResult
            {
                RunId = runId, DlaCode = dlaCode, SiteUrl = "", Status = ScanStatus.Error,
                Reason = $"kept crawl of scan {kept.ScanId} unreadable", StartedAt = now, FinishedAt = now, FiscalYear = year,
            };
        }
        else
        {
            var verdict = (await criteria.ScorerAsync(cancellationToken)).Score(snapshot, year);
            var crawled = kept.CrawledAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
            result = new SiteScanResult
            {
                RunId = runId,
                DlaCode = dlaCode,
                SiteUrl = snapshot.Root.AbsoluteUri,
                Status = ScanStatuses.Of(snapshot.Status),
                Reason = $"re-judged from the crawl of {crawled}" + (snapshot.StatusReason is { } why ? $": {why}" : ""),
                StartedAt = now,
                FinishedAt = DateTimeOffset.UtcNow,
                PagesFetched = snapshot.Pages.Count,
                DocumentsChecked = snapshot.Documents.Count,
                FiscalYear = year,
                Report = verdict,
                Evidence = await store.StoredEvidenceAsync(KeptEvidence.Hashes(verdict), cancellationToken),
                RejudgedFromScanId = kept.ScanId,
            };
        }
        if (await store.SaveAsync(result, cancellationToken) is null)
        {
            logger.LogInformation("rescore of {Code} in run {Run}: a result was stored before", dlaCode, runId);
        }
    }

    private SiteSnapshot? Read(KeptCrawlRow kept)
    {
        try
        {
            return KeptCrawl.Decompress(kept.Snapshot);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException or IOException)
        {
            logger.LogError(e, "kept crawl of scan {Scan} ({Code}) unreadable", kept.ScanId, kept.DlaCode);
            return null;
        }
    }
}
