using Dapper;
using PlanNacc.SiteFarm;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Features.Runs.Retention;
using PlanNacc.Web.Features.Evidence;
using Xunit.Abstractions;

namespace PlanNacc.Web.Tests.Runs;

/// <summary>Two `plannacc worker` processes on one PostgreSQL run; one is killed (SIGKILL) halfway.</summary>
[Collection(WorkerProcesses.Name)]
public sealed class ScaleOutFacts(ITestOutputHelper output)
{
    private const int Sites = 300;

    [PostgresFact]
    public async Task TwoWorkers_EndEveryLaoExactlyOnce_WhenOneIsKilledHalfway()
    {
        await using var run = await FarmRun.StartAsync("postgres", new FarmOptions { Sites = Sites, PagesPerSite = 6, Seed = 5505 });
        var environment = run.Environment(rate: 50, workers: 16, invisibility: TimeSpan.FromSeconds(20));
        var runId = await run.StartRunAsync(environment);
        await using var a = run.StartWorker(environment);
        await using var b = run.StartWorker(environment);

        await FarmRun.WaitForAsync(async () => await run.StoredAsync(runId) >= Sites / 2, "half the run stored", watch: [a, b]);
        await a.DisposeAsync();
        var atKill = await run.StoredAsync(runId);
        var killedAt = DateTime.UtcNow;
        try
        {
            await FarmRun.WaitForAsync(() => run.FinishedAsync(runId), "the run's end", watch: [b]);
        }
        catch (Xunit.Sdk.XunitException)
        {
            Assert.Fail($"the run did not end within 5 minutes of the kill ({atKill} results then): {await run.DescribeAsync(runId)}; " +
                $"worker B exited: {b.HasExited}");
        }
        output.WriteLine($"the run ended {(DateTime.UtcNow - killedAt).TotalSeconds:0} s after the kill");
        var traffic = run.Farm.Traffic();

        await using var connection = await run.Db.Database.OpenAsync();
        var results = (await connection.QueryAsync<(string Code, string Status, string? Reason)>(
            "SELECT dla_code, status, reason FROM site_scans WHERE run_id = @runId", new { runId })).ToList();
        output.WriteLine($"{atKill} results when worker A was killed; {results.Count} at the end; statuses: " +
            $"{string.Join(", ", results.GroupBy(r => r.Status).Select(g => $"{g.Key} {g.Count()}"))}");
        Assert.True(atKill < Sites, "the kill came too late to matter");
        Assert.Equal(run.Farm.Sites.Select(s => s.DlaCode).Order(), results.Select(r => r.Code).Order());
        Assert.All(results, r => Assert.True(r.Status == "ok", $"{r.Code}: {r.Status} {r.Reason}"));
        var counts = await connection.QuerySingleAsync<(int Total, int Done, int Failed)>(
            "SELECT sites_total, sites_done, sites_failed FROM runs WHERE id = @runId", new { runId });
        Assert.Equal((Sites, Sites, 0), counts);

        // Politeness held across both workers together: never more than 2 requests in flight on one hosting address.
        output.WriteLine($"peak in flight per address: " +
            $"{string.Join(", ", traffic.PeakInFlightByAddress.Select(p => $"{p.Key} {p.Value}"))}; {traffic.Requests.Count} requests");
        Assert.All(traffic.PeakInFlightByAddress, p => Assert.InRange(p.Value, 0, 2));

        // Evidence: the killed worker may have written a blob whose scan never committed; the clean-up job removes such files.
        var evidence = new EvidenceStore(run.Evidence);
        var rows = (await connection.QueryAsync<string>("SELECT sha256 FROM evidence_blobs"))
            .Select(sha => Path.GetRelativePath(evidence.Root, evidence.FullPath(sha))).ToHashSet();
        var filesBefore = run.EvidenceFiles();
        var orphansBefore = filesBefore.Count(f => !rows.Contains(f));
        var retention = new EvidenceRetention(run.Db.Database, evidence,
            Microsoft.Extensions.Options.Options.Create(new RetentionOptions { KeepRuns = 7, Grace = TimeSpan.Zero }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<EvidenceRetention>.Instance);
        var report = await retention.RunAsync(CancellationToken.None);
        output.WriteLine($"evidence: {rows.Count} rows, {filesBefore.Count} files, {orphansBefore} orphan files before the clean-up; " +
            $"clean-up: {report}");
        Assert.NotEmpty(rows);
        Assert.Equal(0, report.BlobsRemoved);
        Assert.Equal(rows.Order(), run.EvidenceFiles().Order());
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM evidence_blobs b WHERE NOT EXISTS (SELECT 1 FROM scan_evidence e WHERE e.sha256 = b.sha256)"));
    }
}

/// <summary>What a worker killed with SIGKILL leaves in Hangfire's PostgreSQL tables, and that the workers left must get past.</summary>
[Collection(WorkerProcesses.Name)]
public sealed class KilledWorkerLeftoverFacts(ITestOutputHelper output)
{
    /// <summary>
    /// Hangfire changes a job's state under a row lock (`hangfire:job:ID:state-lock`) and polls scheduled jobs under another
    /// (`hangfire:locks:schedulepoller`). A worker killed inside either leaves the row behind; with Hangfire.PostgreSql's default it
    /// blocks that job's next state change (a worker thread sleeping on it) and every retry's enqueue for ten minutes.
    /// Here every job of the run and the schedule poller start out locked as a killed worker would leave them.
    /// </summary>
    [PostgresFact]
    public async Task Run_Finishes_WhenAKilledWorkerLeftHangfireLocksBehind()
    {
        const int sites = 6;
        await using var run = await FarmRun.StartAsync("postgres", new FarmOptions { Sites = sites, PagesPerSite = 4, Seed = 5508 });
        var environment = run.Environment(rate: 50, workers: 4, invisibility: TimeSpan.FromSeconds(20));
        // Short, so the fact is quick; without the setting reaching Hangfire the locks would last Hangfire.PostgreSql's ten minutes.
        environment["Scans__StaleLockTimeout"] = "00:00:10";
        var runId = await run.StartRunAsync(environment);
        await using (var connection = await run.Db.Database.OpenAsync())
        {
            var locked = await connection.ExecuteAsync(
                """
                INSERT INTO hangfire.lock (resource, updatecount, acquired)
                SELECT 'hangfire:job:' || id || ':state-lock', 0, now() AT TIME ZONE 'UTC' FROM hangfire.job
                UNION ALL SELECT 'hangfire:locks:schedulepoller', 0, now() AT TIME ZONE 'UTC'
                """);
            Assert.Equal(sites + 1, locked);
        }
        var started = DateTime.UtcNow;
        await using var worker = run.StartWorker(environment);
        await FarmRun.WaitForAsync(() => run.FinishedAsync(runId), "the run's end past the dead worker's locks", TimeSpan.FromMinutes(3),
            worker);
        output.WriteLine($"the run ended {(DateTime.UtcNow - started).TotalSeconds:0} s after the worker started");
        Assert.Equal(sites, await run.StoredAsync(runId));
    }

    /// <summary>The product's default: a dead worker's lock stalls its job and the retries' enqueue for a minute at most.</summary>
    [Fact]
    public void StaleLockTimeout_IsAMinute_ByDefault() =>
        Assert.Equal(TimeSpan.FromMinutes(1), new ScanOptions().StaleLockTimeout);
}
