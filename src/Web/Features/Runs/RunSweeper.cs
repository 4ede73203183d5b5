using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using Microsoft.Extensions.Options;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Runs;

/// <summary>What one sweep did: runs it found quiet, LAOs it enqueued again, LAOs it recorded as lost.</summary>
public sealed record SweepReport(int QuietRuns, int Requeued, int RecordedLost)
{
    public static readonly SweepReport Nothing = new(0, 0, 0);
}

/// <summary>
/// The recurring job that keeps a run from stalling. A run that stored nothing for <see cref="RunSweeperOptions.SweepQuietPeriod"/>
/// and has LAOs without a result and without a site job still scheduled, enqueued or processing (the job ran out of Hangfire's
/// retries, was deleted, or was never enqueued) gets those LAOs enqueued again, as `run --resume` does, at most
/// <see cref="RunSweeperOptions.SweepRounds"/> times; after that they are stored as failed ("error", reason "lost: …" with the
/// job's last error), so the run finishes and every LAO has a status and a reason.
/// </summary>
public sealed class RunSweeper(
    RunStore runs,
    ScanJobs jobs,
    ScanStore scans,
    LaoStore laos,
    JobStorage storage,
    Database database,
    IOptions<RunSweeperOptions> options,
    ILogger<RunSweeper> logger)
{
    public const string JobId = "run-sweeper";

    /// <summary>The start of the reason stored for an LAO the sweeper gave up on.</summary>
    public const string LostReason = "lost: ";

    /// <summary>The recurring job (never retried: the next occurrence is the retry; two sweeps never overlap).</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<SweepReport> RunAsync(CancellationToken cancellationToken)
    {
        await using var exclusive = await ExclusiveLock.TryAcquireAsync(database, JobId, cancellationToken);
        if (exclusive is null)
        {
            logger.LogInformation("run sweeper: another sweep is running; this one stops");
            return SweepReport.Nothing;
        }
        return await SweepAsync(DateTime.UtcNow, cancellationToken);
    }

    /// <summary>One sweep as of <paramref name="now"/> (UTC).</summary>
    public async Task<SweepReport> SweepAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var quiet = await runs.QuietAsync(now - settings.SweepQuietPeriod, cancellationToken);
        if (quiet.Count == 0)
        {
            return SweepReport.Nothing;
        }
        var left = new Dictionary<long, IReadOnlyList<string>>();
        foreach (var run in quiet)
        {
            left[run.Id] = await runs.LeftAsync(run.Id, cancellationToken);
        }
        if (left.Values.All(codes => codes.Count == 0))
        {
            // Runs without a planned list (created with a count only) have nothing the sweeper could enqueue.
            return new SweepReport(quiet.Count, 0, 0);
        }
        var queued = SiteJobs.WaitingCount(storage);
        if (queued > settings.SweepMaxWaitingJobs)
        {
            logger.LogInformation(
                "run sweeper: {Runs} quiet runs, but {Queued} jobs wait in Hangfire (more than {Max}): not swept this time",
                quiet.Count, queued, settings.SweepMaxWaitingJobs);
            return new SweepReport(quiet.Count, 0, 0);
        }
        // Hangfire is read after the results: a job that stores its result meanwhile is enqueued again and then stores nothing.
        var ids = quiet.Select(r => r.Id).ToHashSet();
        var waiting = SiteJobs.Waiting(storage, ids);
        Dictionary<(long, string), string>? lastErrors = null;
        int requeued = 0, recorded = 0;
        foreach (var run in quiet)
        {
            var lost = left[run.Id].Where(code => !waiting.Contains((run.Id, code))).ToList();
            if (lost.Count == 0)
            {
                // Every LAO left still has a job waiting for a retry or a lease: the run is slow, not stalled.
                continue;
            }
            if (run.SweepRounds < settings.SweepRounds)
            {
                jobs.EnqueueAgain(run, lost);
                await runs.MarkSweptAsync(run.Id, now, cancellationToken);
                requeued += lost.Count;
                logger.LogWarning(
                    "run sweeper: run {RunId} stored nothing since {Since:u}; {Count} LAOs without a result or a job enqueued again "
                    + "(round {Round} of {Rounds})",
                    run.Id, now - settings.SweepQuietPeriod, lost.Count, run.SweepRounds + 1, settings.SweepRounds);
                continue;
            }
            lastErrors ??= SiteJobs.LastErrors(storage, ids);
            try
            {
                recorded += await RecordLostAsync(run, lost, lastErrors, now, cancellationToken);
            }
            catch (System.Data.Common.DbException e)
            {
                // One run that cannot be written (an LAO gone from the registry, say) must not keep the others from ending.
                logger.LogError(e, "run sweeper: run {RunId}: recording its lost LAOs failed", run.Id);
            }
        }
        return new SweepReport(quiet.Count, requeued, recorded);
    }

    private async Task<int> RecordLostAsync(
        Run run,
        IReadOnlyList<string> lost,
        Dictionary<(long, string), string> lastErrors,
        DateTime now,
        CancellationToken cancellationToken)
    {
        var recorded = 0;
        foreach (var code in lost)
        {
            var reason = lastErrors.TryGetValue((run.Id, code), out var error)
                ? $"{LostReason}job failed repeatedly: {error}"
                : $"{LostReason}no result and no job left for this LAO (the job was deleted or never enqueued)";
            reason += run.SweepRounds == 0 ? "" : $" (enqueued again {run.SweepRounds} times by the run sweeper)";
            var lao = await laos.GetAsync(code, cancellationToken);
            var stored = await scans.SaveAsync(
                SiteScanResult.Failure(run.Id, code, lao?.Website ?? "", run.FiscalYear, now, now, reason), cancellationToken);
            recorded += stored is null ? 0 : 1;
        }
        logger.LogWarning(
            "run sweeper: run {RunId}: {Count} LAOs still without a result or a job after {Rounds} rounds of enqueuing again "
            + "recorded as lost",
            run.Id, lost.Count, run.SweepRounds);
        return recorded;
    }
}
