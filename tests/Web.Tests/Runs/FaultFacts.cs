using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PlanNacc.Crawler;
using PlanNacc.Scoring;
using PlanNacc.SiteFarm;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Evidence;
using Xunit.Abstractions;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Tests.Runs;

/// <summary>What breaks during a run: the evidence disk fills, the worker is told to stop (the database restarting: below).</summary>
[Collection(WorkerProcesses.Name)]
public sealed class FaultFacts(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task Worker_FinishesOrRequeuesInFlightSites_WhenSentSigterm()
    {
        const int sites = 12;
        await using var run = await FarmRun.StartAsync("postgres", new FarmOptions { Sites = sites, PagesPerSite = 8, Seed = 5507 });
        // A job whose worker vanished would come back only after 30 minutes: finishing sooner proves the stopped worker gave its jobs back.
        var environment = run.Environment(rate: 2, workers: 4, invisibility: TimeSpan.FromMinutes(30));
        var clock = Stopwatch.StartNew();
        var runId = await run.StartRunAsync(environment);
        await using var first = run.StartWorker(environment);
        await FarmRun.WaitForAsync(async () => await run.StoredAsync(runId) >= 1 && await ProcessingAsync(run) > 0, "sites in flight",
            watch: [first]);

        var inFlight = await ProcessingAsync(run);
        var signalled = clock.Elapsed;
        FarmRun.Terminate(first);
        using (var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            await first.WaitForExitAsync(limit.Token);
        }
        var afterStop = await run.StoredAsync(runId);
        output.WriteLine($"{inFlight} sites in flight at SIGTERM ({signalled.TotalSeconds:0} s in); {afterStop} results when the worker "
            + $"had exited (code {first.ExitCode}, {(clock.Elapsed - signalled).TotalSeconds:0} s after the signal)");
        Assert.Equal(0, first.ExitCode);
        Assert.True(afterStop < sites, "the run ended before the signal");
        // Every job the stopped worker held is back in the queue (not merely waiting for its lease to run out).
        Assert.Equal(0, await HeldAsync(run));

        // Nothing needs to be in flight any more: the second worker crawls at a brisk rate (the slow one made the run outlast the signal).
        await using var second = run.StartWorker(run.Environment(rate: 20, workers: 4, invisibility: TimeSpan.FromMinutes(30)));
        var restarted = clock.Elapsed;
        await FarmRun.WaitForAsync(() => run.FinishedAsync(runId), "the run's end on a second worker", TimeSpan.FromMinutes(4), second);
        output.WriteLine($"the second worker ended the run {(clock.Elapsed - restarted).TotalSeconds:0} s after it started");
        await using var connection = await run.Db.Database.OpenAsync();
        var results =
            (await connection.QueryAsync<(string Code, string Status)>("SELECT dla_code, status FROM site_scans WHERE run_id = " +
                "@runId", new { runId })).ToList();
        Assert.Equal(run.Farm.Sites.Select(s => s.DlaCode).Order(), results.Select(r => r.Code).Order());
        Assert.All(results, r => Assert.Equal("ok", r.Status));
    }

    [RootFact]
    public async Task ScanAsync_RecordsFailedWithReason_WhenEvidenceDiskIsFull()
    {
        await using var farm = await Farm.StartAsync(new FarmOptions { Sites = 1, PagesPerSite = 8, Seed = 5508 });
        await using var db = await TestDatabase.CreateAsync("sqlite");
        var lao = RegistryCsvReader.Read(new StringReader(farm.RegistryCsv())).Laos.Single();
        await new LaoStore(db.Database).UpsertAsync([lao], "test");
        var mount = Path.Combine(db.Folder, "small-disk");
        Directory.CreateDirectory(mount);
        Run("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", mount);
        try
        {
            var options = new CrawlerOptions { AllowLoopback = true, EnableRendering = false, RequestsPerSecondPerHost = 50,
                HonourCrawlDelay = false };
            foreach (var (host, address) in farm.HostMap)
            {
                options.Resolve[host] = address;
            }
            var router = new EvidenceRouter();
            await using var crawler = new SiteCrawler(options, router);
            var files = new EvidenceStore(Path.Combine(mount, "evidence"));
            var scanner = new SiteScanService(crawler, PlanNacc.Web.Features.Criteria.CriteriaSource.For(db.Database),
                new ScanStore(db.Database), router, files, NullLogger<SiteScanService>.Instance);
            var runId = await new RunStore(db.Database).CreateAsync("on-demand", "lao:" + lao.DlaCode, 2568, [lao.DlaCode]);

            var scanId = await scanner.ScanAsync(runId, lao, 2568, CancellationToken.None);

            await using var connection = await db.Database.OpenAsync();
            var (status, reason) =
                await connection.QuerySingleAsync<(string, string)>("SELECT status, reason FROM site_scans WHERE id = @scanId",
                    new { scanId });
            output.WriteLine(reason);
            Assert.Equal(("error", true), (status, reason.StartsWith("evidence disk full", StringComparison.Ordinal)));
            Assert.Equal(0,
                await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM scan_evidence WHERE scan_id = @scanId", new { scanId }));
            var progress = await new RunStore(db.Database).ProgressAsync(runId);
            Assert.Equal((0, 1, 0), (progress!.Done, progress.Failed, progress.Left));
            // Nothing half-written is left behind on the full disk.
            Assert.Empty(Directory.EnumerateFiles(files.Root, "*", SearchOption.AllDirectories));
        }
        finally
        {
            Run("umount", mount);
        }
    }

    private static async Task<int> ProcessingAsync(FarmRun run)
    {
        await using var connection = await run.Db.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM hangfire.job WHERE statename = 'Processing'");
    }

    private static async Task<int> HeldAsync(FarmRun run)
    {
        await using var connection = await run.Db.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM hangfire.jobqueue WHERE fetchedat IS NOT NULL");
    }

    internal static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)}: exit {process.ExitCode}: {stdout.Result} {stderr.Result}");
    }
}

/// <summary>The database restarts during a run. Alone: the shared PostgreSQL server goes away for every fact using it.</summary>
[Collection(DatabaseServerRestarts.Name)]
public sealed class DatabaseServerRestartFacts(ITestOutputHelper output)
{
    [PostgresRestartFact]
    public async Task Run_PausesAndResumes_WhenPostgresRestartsMidRun()
    {
        const int sites = 40;
        await using var run = await FarmRun.StartAsync("postgres", new FarmOptions { Sites = sites, PagesPerSite = 8, Seed = 5506 });
        var environment = run.Environment(rate: 4, workers: 8);
        var runId = await run.StartRunAsync(environment);
        await using var worker = run.StartWorker(environment);
        await FarmRun.WaitForAsync(async () => await run.StoredAsync(runId) >= 8, "the first results", watch: [worker]);

        var before = await run.StoredAsync(runId);
        await RestartPostgresAsync();
        var restartedAt = DateTime.UtcNow;
        output.WriteLine($"{before} results before the restart");

        await FarmRun.WaitForAsync(() => Tolerant(() => run.FinishedAsync(runId)), "the run's end after the restart", watch: [worker]);
        await using var connection = await run.Db.Database.OpenAsync();
        var results = (await connection.QueryAsync<(string Code, string Status, string? Reason, DateTime FinishedAt)>(
            "SELECT dla_code, status, reason, finished_at FROM site_scans WHERE run_id = @runId", new { runId })).ToList();
        output.WriteLine($"{results.Count} results; {results.Count(r => r.FinishedAt > restartedAt)} finished after the restart");
        Assert.False(worker.HasExited, $"the worker died with the database: {worker.Stderr}");
        Assert.True(before < sites);
        Assert.Equal(run.Farm.Sites.Select(s => s.DlaCode).Order(), results.Select(r => r.Code).Order());
        Assert.All(results, r => Assert.True(r.Status == "ok", $"{r.Code}: {r.Status} {r.Reason}"));
        Assert.Contains(results, r => r.FinishedAt > restartedAt);
    }

    private static async Task<T> Tolerant<T>(Func<Task<T>> query)
    {
        // The test's own pooled connections die with the server too.
        try
        {
            return await query();
        }
        catch (NpgsqlException)
        {
            NpgsqlConnection.ClearAllPools();
            return default!;
        }
    }

    private static async Task RestartPostgresAsync()
    {
        var data = Environment.GetEnvironmentVariable("PLANNACC_TEST_PG_DATA")!;
        FaultFacts.Run("runuser", "-u", "postgres", "--", Environment.GetEnvironmentVariable("PLANNACC_TEST_PG_CTL")!, "-D", data, "-l",
            Path.Combine(data, "restart.log"), "-m", "fast", "-w", "restart");
        NpgsqlConnection.ClearAllPools();
        // Accepting connections again before anything else (other test classes share this server) goes on.
        for (var i = 0; ; i++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
                await connection.OpenAsync();
                await connection.ExecuteScalarAsync<int>("SELECT 1");
                return;
            }
            catch (NpgsqlException) when (i < 120)
            {
                await Task.Delay(500);
            }
        }
    }
}

/// <summary>Needs the test script's PostgreSQL and its pg_ctl (PLANNACC_TEST_PG_CTL, PLANNACC_TEST_PG_DATA) to restart it.</summary>
public sealed class PostgresRestartFactAttribute : FactAttribute
{
    public PostgresRestartFactAttribute()
    {
        var ready = TestEnvironment.PostgresConnectionString is not null
            && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PLANNACC_TEST_PG_CTL"))
            && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PLANNACC_TEST_PG_DATA"));
        if (!ready && !TestEnvironment.IsCi)
        {
            Skip =
                "needs PLANNACC_TEST_PG, PLANNACC_TEST_PG_CTL and PLANNACC_TEST_PG_DATA (scripts/test.sh sets them for its throwaway " +
                    "PostgreSQL)";
        }
    }
}

/// <summary>Mounts a small tmpfs: needs root; skipped with the reason outside CI otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root" && !TestEnvironment.IsCi)
        {
            Skip = "mounting a small tmpfs to fill the evidence disk needs root";
        }
    }
}
