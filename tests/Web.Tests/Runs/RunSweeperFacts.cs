using Dapper;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using PlanNacc.SiteFarm;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Runs;
using Xunit.Abstractions;

namespace PlanNacc.Web.Tests.Runs;

/// <summary>
/// The run sweeper against Hangfire's real storage (SQLite's, PostgreSQL's) of the `serve` host: site jobs deleted, or failed
/// after their retries, in that storage; the sites scanned for real on the site farm by a real Hangfire server.
/// </summary>
[Collection(HangfireHosts.Name)]
public sealed class RunSweeperFacts(ITestOutputHelper output)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(30);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sweeper_EnqueuesAgainSitesWhoseJobsWereDeletedOrFailed_AndTheRunEndsWithOneResultPerLao(string provider)
    {
        await using var run = await FarmRun.StartAsync(provider, new FarmOptions { Sites = 6, PagesPerSite = 4, Seed = 5601 });
        await using var host = await HostAsync(run);
        var storage = host.App.Services.GetRequiredService<JobStorage>();
        var client = host.App.Services.GetRequiredService<IBackgroundJobClient>();
        var sweeper = host.App.Services.GetRequiredService<RunSweeper>();
        var runId = (await host.App.Services.GetRequiredService<ScanJobs>().StartAsync(RunScope.All)).RunId!.Value;
        var jobs = SiteJobs(storage, runId);
        var codes = jobs.Keys.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(6, codes.Count);
        // Two jobs deleted (from the dashboard, say), two failed after their last retry; two still wait in the queue.
        Assert.True(client.Delete(jobs[codes[0]]));
        Assert.True(client.Delete(jobs[codes[1]]));
        Fail(storage, client, jobs[codes[2]], "the database system is shutting down");
        Fail(storage, client, jobs[codes[3]], "the database system is shutting down");
        var started = DateTime.UtcNow;

        var early = await sweeper.SweepAsync(started);
        var swept = await sweeper.SweepAsync(started + Quiet + TimeSpan.FromMinutes(1));
        var again = await sweeper.SweepAsync(started + Quiet + TimeSpan.FromMinutes(2));

        Assert.Equal(SweepReport.Nothing, early);
        Assert.Equal(new SweepReport(1, 4, 0), swept);
        // Swept: the quiet period starts over.
        Assert.Equal(SweepReport.Nothing, again);
        // Each LAO has exactly one job waiting now: the four lost ones a new one, the two waiting ones none more.
        var waiting = storage.GetMonitoringApi().EnqueuedJobs("default", 0, 100)
            .Where(j => j.Value.State == EnqueuedState.StateName && j.Value.Job.Method.Name == nameof(ScanJobs.ScanSiteAsync))
            .GroupBy(j => (string)j.Value.Job.Args[1]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(codes, waiting.Keys.Order(StringComparer.Ordinal));
        Assert.All(waiting.Values, count => Assert.Equal(1, count));

        using (var server = Server(host, storage))
        {
            await FarmRun.WaitForAsync(() => run.FinishedAsync(runId), "the run's end", TimeSpan.FromMinutes(3));
        }
        await using var connection = await run.Db.Database.OpenAsync();
        var results = (await connection.QueryAsync<(string Code, string Status, string? Reason)>(
            "SELECT dla_code, status, reason FROM site_scans WHERE run_id = @runId", new { runId })).ToList();
        output.WriteLine(string.Join("\n", results.Select(r => $"{r.Code} {r.Status} {r.Reason}")));
        Assert.Equal(codes, results.Select(r => r.Code).Order(StringComparer.Ordinal));
        Assert.All(results, r => Assert.Equal("ok", r.Status));
        var progress = (await new RunStore(run.Db.Database).ProgressAsync(runId))!;
        Assert.Equal((6, 6, 0, 0, true, 1),
            (progress.Total, progress.Done, progress.Failed, progress.Left, progress.Finished, progress.SweepRounds));
        Assert.EndsWith("; lost LAOs enqueued again 1 times by the run sweeper", PlanNacc.Web.Cli.RunCommand.Summary(progress));
        Assert.Equal(SweepReport.Nothing, await sweeper.SweepAsync(DateTime.UtcNow + TimeSpan.FromDays(1)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sweeper_RecordsSitesAsLostWithTheLastError_WhenTheirJobsKeepFailing(string provider)
    {
        await using var run = await FarmRun.StartAsync(provider, new FarmOptions { Sites = 3, PagesPerSite = 4, Seed = 5602 });
        await using var host = await HostAsync(run, rounds: 2);
        var storage = host.App.Services.GetRequiredService<JobStorage>();
        var client = host.App.Services.GetRequiredService<IBackgroundJobClient>();
        var sweeper = host.App.Services.GetRequiredService<RunSweeper>();
        var runId = (await host.App.Services.GetRequiredService<ScanJobs>().StartAsync(RunScope.All)).RunId!.Value;
        var codes = SiteJobs(storage, runId).Keys.Order(StringComparer.Ordinal).ToList();
        // One LAO ends normally along the way; the other two fail after every retry, round after round.
        await new ScanStore(run.Db.Database).SaveAsync(TestData.Result(runId, codes[0], []));
        var now = DateTime.UtcNow;
        var reports = new List<SweepReport>();
        for (var round = 0; round <= 2; round++)
        {
            foreach (var (code, jobId) in SiteJobs(storage, runId).Where(j => j.Key != codes[0]))
            {
                Fail(storage, client, jobId, $"database away in round {round}");
            }
            now += Quiet + TimeSpan.FromMinutes(1);
            reports.Add(await sweeper.SweepAsync(now));
        }

        Assert.Equal(new[] { new SweepReport(1, 2, 0), new SweepReport(1, 2, 0), new SweepReport(1, 0, 2) }, reports);
        await using var connection = await run.Db.Database.OpenAsync();
        var results = (await connection.QueryAsync<(string Code, string Status, string? Reason)>(
            "SELECT dla_code, status, reason FROM site_scans WHERE run_id = @runId ORDER BY dla_code", new { runId })).ToList();
        output.WriteLine(string.Join("\n", results.Select(r => $"{r.Code} {r.Status} {r.Reason}")));
        Assert.Equal(codes, results.Select(r => r.Code));
        Assert.Equal("ok", results[0].Status);
        Assert.All(results.Skip(1), r =>
        {
            Assert.Equal("error", r.Status);
            Assert.Equal("lost: job failed repeatedly: System.InvalidOperationException: database away in round 2 (enqueued again 2 " +
                "times by the run sweeper)", r.Reason);
        });
        var progress = (await new RunStore(run.Db.Database).ProgressAsync(runId))!;
        Assert.Equal((3, 1, 2, 0, true), (progress.Total, progress.Done, progress.Failed, progress.Left, progress.Finished));
        // The LAOs' pages show the failure with its reason as their latest scan.
        Assert.Contains("database away in round 2", await host.Browser().GetStringAsync($"/runs/{runId}"));
        Assert.Equal(SweepReport.Nothing, await sweeper.SweepAsync(now + TimeSpan.FromDays(1)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sweeper_LeavesAloneARunWhoseSitesWaitForARetry_AndRecordsAJobThatVanished(string provider)
    {
        await using var run = await FarmRun.StartAsync(provider, new FarmOptions { Sites = 2, PagesPerSite = 4, Seed = 5603 });
        await using var host = await HostAsync(run, rounds: 0);
        var storage = host.App.Services.GetRequiredService<JobStorage>();
        var client = host.App.Services.GetRequiredService<IBackgroundJobClient>();
        var sweeper = host.App.Services.GetRequiredService<RunSweeper>();
        var runId = (await host.App.Services.GetRequiredService<ScanJobs>().StartAsync(RunScope.All)).RunId!.Value;
        var jobs = SiteJobs(storage, runId);
        var codes = jobs.Keys.Order(StringComparer.Ordinal).ToList();
        // One job waits for Hangfire's next retry (scheduled), the other vanished (deleted, its queue entry gone with it).
        Assert.True(client.ChangeState(jobs[codes[0]], new ScheduledState(TimeSpan.FromHours(1)), EnqueuedState.StateName));
        Assert.True(client.Delete(jobs[codes[1]]));

        var report = await sweeper.SweepAsync(DateTime.UtcNow + Quiet + TimeSpan.FromMinutes(1));

        Assert.Equal(new SweepReport(1, 0, 1), report);
        var left = await new RunStore(run.Db.Database).LeftAsync(runId);
        Assert.Equal(new[] { codes[0] }, left);
        await using var connection = await run.Db.Database.OpenAsync();
        var reason = await connection.ExecuteScalarAsync<string>("SELECT reason FROM site_scans WHERE run_id = @runId AND dla_code = @code",
            new { runId, code = codes[1] });
        Assert.Equal("lost: no result and no job left for this LAO (the job was deleted or never enqueued)", reason);
    }

    [Fact]
    public async Task Sweeper_WaitsForAShorterQueue_WhenMoreJobsWaitThanItReads()
    {
        await using var run = await FarmRun.StartAsync("sqlite", new FarmOptions { Sites = 3, PagesPerSite = 4, Seed = 5604 });
        await using var host = await HostAsync(run, rounds: 0, maxWaiting: 1);
        var storage = host.App.Services.GetRequiredService<JobStorage>();
        var runId = (await host.App.Services.GetRequiredService<ScanJobs>().StartAsync(RunScope.All)).RunId!.Value;
        var jobs = SiteJobs(storage, runId);
        Assert.True(host.App.Services.GetRequiredService<IBackgroundJobClient>().Delete(jobs.Values.First()));

        var report = await host.App.Services.GetRequiredService<RunSweeper>().SweepAsync(DateTime.UtcNow + Quiet + TimeSpan.FromMinutes(1));

        // Two jobs still wait: more than the sweeper reads, so the lost one waits for the queue to shrink; nothing is recorded.
        Assert.Equal(new SweepReport(1, 0, 0), report);
        Assert.Equal(3, (await new RunStore(run.Db.Database).LeftAsync(runId)).Count);
    }

    [Fact]
    public async Task Serve_SchedulesTheSweeperEvery15Minutes_AndRefusesAnIntervalCronCannotSay()
    {
        await using (var host = await TestHost.StartAsync())
        {
            using var connection = host.App.Services.GetRequiredService<JobStorage>().GetConnection();
            var sweeper = Assert.Single(connection.GetRecurringJobs(), j => j.Id == RunSweeper.JobId);
            Assert.Equal("*/15 * * * *", sweeper.Cron);
            Assert.Equal(nameof(RunSweeper.RunAsync), sweeper.Job.Method.Name);
        }
        await using (var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Scans:SweepEvery"] = "02:00:00" }))
        {
            using var connection = host.App.Services.GetRequiredService<JobStorage>().GetConnection();
            Assert.Equal("0 */2 * * *", Assert.Single(connection.GetRecurringJobs(), j => j.Id == RunSweeper.JobId).Cron);
        }
        var refused = await Assert.ThrowsAsync<PlanNacc.Web.Storage.StorageConfigurationException>(() =>
            TestHost.StartAsync(new Dictionary<string, string?> { ["Scans:SweepEvery"] = "00:07:00" }));
        Assert.Contains("Scans:SweepEvery", refused.Message);
    }

    /// <summary>The serve host (no job server) on the farm run's database, crawling the farm; the sweeper driven by the test.</summary>
    private static Task<TestHost> HostAsync(FarmRun run, int rounds = 3, int maxWaiting = 2000)
    {
        var settings = run.Environment(rate: 50, workers: 4).ToDictionary(p => p.Key.Replace("__", ":", StringComparison.Ordinal),
            p => (string?)p.Value);
        settings["Scans:SweepEvery"] = "00:00:00";
        settings["Scans:SweepRounds"] = rounds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Scans:FiscalYear"] = "2568";
        settings["Scans:SweepMaxWaitingJobs"] = maxWaiting.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (run.Db.Options.Provider == PlanNacc.Web.Storage.DatabaseProvider.Postgres)
        {
            settings["Storage:Provider"] = "Postgres";
            settings["Storage:ConnectionString"] = run.Db.Options.ConnectionString;
        }
        else
        {
            settings["Storage:ConnectionString"] = run.Db.Database.ConnectionString;
        }
        return TestHost.StartAsync(settings);
    }

    /// <summary>A Hangfire server on the host's storage and services, as `serve` and `worker` run one.</summary>
    private static BackgroundJobServer Server(TestHost host, JobStorage storage) => new(new BackgroundJobServerOptions
    {
        WorkerCount = 4,
        Activator = host.App.Services.GetRequiredService<JobActivator>(),
        SchedulePollingInterval = TimeSpan.FromSeconds(1),
    }, storage);

    /// <summary>The enqueued site job of each LAO of the run, by DLA code.</summary>
    private static Dictionary<string, string> SiteJobs(JobStorage storage, long runId) =>
        storage.GetMonitoringApi().EnqueuedJobs("default", 0, 1000)
            .Where(j => j.Value.State == EnqueuedState.StateName && j.Value.Job.Method.Name == nameof(ScanJobs.ScanSiteAsync)
                && (long)j.Value.Job.Args[0] == runId)
            .ToDictionary(j => (string)j.Value.Job.Args[1], j => j.Key);

    /// <summary>The job fails as after Hangfire's last automatic retry (its retry count spent, so it is not scheduled again).</summary>
    private static void Fail(JobStorage storage, IBackgroundJobClient client, string jobId, string message)
    {
        using (var connection = storage.GetConnection())
        {
            connection.SetJobParameter(jobId, "RetryCount", "10");
        }
        Assert.True(client.ChangeState(jobId, new FailedState(new InvalidOperationException(message)), EnqueuedState.StateName));
        Assert.Equal(FailedState.StateName, storage.GetMonitoringApi().JobDetails(jobId).History[0].StateName);
    }
}
