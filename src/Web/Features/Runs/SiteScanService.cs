using PlanNacc.Crawler;
using PlanNacc.Scoring;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Features.Runs.Politeness;
using PlanNacc.Web.Features.Evidence;
using PlanNacc.Web.Storage;
using PlanNacc.Web.Features.Scans;

namespace PlanNacc.Web.Features.Runs;

/// <summary>
/// What one attempt at one LAO came to: a stored result, a result stored before, or a passing failure to try again later.
/// </summary>
public sealed record ScanOutcome(long? ScanId, bool AlreadyStored, string? RetryReason)
{
    public static readonly ScanOutcome Duplicate = new(null, true, null);

    public bool RetryLater => RetryReason is not null;
}

/// <summary>One LAO in one run: crawl its site, score the snapshot, keep the cited evidence, store the whole result.</summary>
public sealed class SiteScanService(
    SiteCrawler crawler,
    Criteria.CriteriaSource criteria,
    ScanStore scans,
    EvidenceRouter router,
    EvidenceStore files,
    ILogger<SiteScanService> logger,
    TimeProvider? clock = null)
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    /// <summary>A single, final attempt: the stored scan's id, or null when the LAO already has a result in this run.</summary>
    public async Task<long?> ScanAsync(long runId, LaoRecord lao, int fiscalYear, CancellationToken cancellationToken) =>
        (await ScanAsync(runId, lao, fiscalYear, attempt: 1, maxAttempts: 1, cancellationToken)).ScanId;

    /// <summary>
    /// Attempt <paramref name="attempt"/> of <paramref name="maxAttempts"/>. A passing site failure before the last attempt stores
    /// nothing and asks for a retry; anything else ends the LAO in this run with exactly one stored status and reason.
    /// A database that is away, or a shutdown, throws: the job runs again and nothing half-done is kept.
    /// </summary>
    public async Task<ScanOutcome> ScanAsync(
        long runId, LaoRecord lao, int fiscalYear, int attempt, int maxAttempts, CancellationToken cancellationToken)
    {
        if (await Database.RetryWhileAwayAsync(
            () => scans.ExistsAsync(runId, lao.DlaCode, cancellationToken), ScanStore.DatabasePatience, cancellationToken))
        {
            return ScanOutcome.Duplicate;
        }
        if (lao.Website is not { } site)
        {
            // The registry lost the website after the run was planned: the LAO still ends the run, with its reason.
            var noWebsite = Failure(runId, lao, "", fiscalYear, clock.GetUtcNow(), "no website in the registry any more");
            return Stored(await scans.SaveAsync(noWebsite, cancellationToken));
        }
        var startedAt = clock.GetUtcNow();
        using var staging = new ScanEvidenceStaging(files);
        SiteScanResult result;
        IReadOnlyList<string?> cited = [];
        try
        {
            SiteSnapshot snapshot;
            var root = new Uri(site);
            // Incremental: the LAO's latest kept crawl is the state (validators, texts, links); the crawler sends conditional
            // requests, reuses what answered 304 or hashed the same, and runs a full crawl when the setting says it is due.
            var (previous, note) = await Database.RetryWhileAwayAsync(
                () => scans.PreviousCrawlAsync(lao.DlaCode, root, cancellationToken), ScanStore.DatabasePatience, cancellationToken);
            using (router.Begin(staging))
            {
                snapshot = await crawler.CrawlAsync(root, [], previous, note, progress: null, cancellationToken);
            }
            if (snapshot.Status == SiteStatus.Cancelled)
            {
                // A cancelled crawl is not a verdict on the site: the job is retried after the restart.
                throw new OperationCanceledException($"crawl of {site} cancelled");
            }
            if (staging.WriteFailure is { } writeFailure)
            {
                throw writeFailure;
            }
            var status = ScanStatuses.Name(ScanStatuses.Of(snapshot.Status));
            if (snapshot.Status != SiteStatus.Ok && SiteFailures.MayPass(snapshot.Failure) && attempt < maxAttempts)
            {
                logger.LogInformation(
                    "scan of {Code} ({Site}) attempt {Attempt}: {Status} {Reason}; retried later",
                    lao.DlaCode, site, attempt, status, snapshot.StatusReason);
                return new ScanOutcome(null, false, $"{status}: {snapshot.StatusReason}");
            }
            // The criteria in force now: a year an operator imported judges the next scan on every worker.
            var scorer = await criteria.ScorerAsync(cancellationToken);
            var report = scorer.Score(snapshot, fiscalYear);
            cited = KeptEvidence.Hashes(report);
            var kept = staging.Promote(cited);
            // What a reused page or document cites was kept on an earlier night: this scan references those copies too.
            var promoted = kept.Select(k => k.Blob.Sha256).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var earlier = await scans.StoredEvidenceAsync(
                cited.Where(h => h is not null && !promoted.Contains(h)), cancellationToken);
            result = new SiteScanResult
            {
                RunId = runId,
                DlaCode = lao.DlaCode,
                SiteUrl = site,
                Status = ScanStatuses.Of(report.Status),
                Reason = attempt > 1 && snapshot.Status != SiteStatus.Ok
                    ? $"{snapshot.StatusReason} (after {attempt} attempts)"
                    : snapshot.StatusReason,
                StartedAt = snapshot.StartedAt,
                FinishedAt = snapshot.FinishedAt,
                PagesFetched = snapshot.Pages.Count,
                DocumentsChecked = snapshot.Documents.Count,
                RequestsMade = snapshot.RequestsMade,
                BytesFetched = snapshot.BytesFetched,
                FiscalYear = fiscalYear,
                Report = report,
                Evidence = [.. kept, .. earlier],
                KeptCrawl = Rescore.KeptCrawl.Compress(snapshot),
                LastFullScanAt = PlanNacc.Crawler.Incremental.CrawlState.After(snapshot, previous,
                    snapshot.UnstableETagHosts)?.LastFullScanAt,
            };
        }
        catch (IOException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The evidence disk, not the site: the verdict cannot be shown as the site was, so the scan is not a verdict.
            var reason = EvidenceStore.IsDiskFull(e)
                ? $"evidence disk full: {files.Root} has no space left ({e.Message})"
                : $"evidence not kept: {e.Message}";
            logger.LogError("scan of {Code} ({Site}) failed: {Reason}", lao.DlaCode, site, reason);
            cited = [];
            result = Failure(runId, lao, site, fiscalYear, startedAt, reason);
        }
        catch (Exception e) when (e is not OperationCanceledException && !IsInfrastructure(e))
        {
            // A bug or a broken page in crawler or scorer must not hide the LAO from the run: it ends with its reason.
            logger.LogError(e, "scan of {Code} ({Site}) failed", lao.DlaCode, site);
            cited = [];
            result = Failure(runId, lao, site, fiscalYear, startedAt, $"{e.GetType().Name}: {e.Message}");
        }
        var scanId = await scans.SaveAsync(result, cancellationToken);
        if (scanId is not null && result.Evidence.Count > 0)
        {
            // Retention may have removed a blob between promotion and commit; the committed row now protects it, so put it back.
            staging.Promote(cited);
        }
        return scanId is null ? ScanOutcome.Duplicate : Stored(scanId);
    }

    private static ScanOutcome Stored(long? scanId) => scanId is null ? ScanOutcome.Duplicate : new ScanOutcome(scanId, false, null);

    /// <summary>The database or the shared politeness table is away: not the site's fault, so the job is retried, not recorded.</summary>
    private static bool IsInfrastructure(Exception e) =>
        e is System.Data.Common.DbException or RequestGateUnavailableException || Database.IsTransient(e);

    private SiteScanResult Failure(long runId, LaoRecord lao, string site, int fiscalYear, DateTimeOffset startedAt, string reason) =>
        SiteScanResult.Failure(runId, lao.DlaCode, site, fiscalYear, startedAt, clock.GetUtcNow(), reason);
}
