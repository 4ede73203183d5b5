using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PlanNacc.Benchmarks.Shared;
using PlanNacc.SiteFarm;
using PlanNacc.Web.Features.Runs.Rescore;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Storage;

#pragma warning disable DAP005

namespace PlanNacc.Benchmarks.Rescore;

/// <summary>
/// Re-judging from kept crawls: a real nightly run crawls N farm sites (their snapshots are kept as the product keeps
/// them: the figures per site are measured there), then their kept crawls are copied to M LAOs and one rescore run
/// re-judges all M through the real job server against another year's criteria, with no website at all.
/// Run: dotnet run -c Release --project tests/Benchmarks -- rescore [--crawl N] [--laos M] [--db sqlite|postgres] [--connection CS]
/// The last line is key=value pairs (laos=, minutes=, cpuSecondsPerLao=, snapshotKBPerSite=, crawlDbKBPerSite=, …).
/// </summary>
public static class RescoreBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (crawl, laos, db, connection) = Parse(args);
        await using var bench = await BenchStorage.CreateAsync(db, connection, "rescore");
        var log = Console.Error;
        await using var farm = await Farm.StartAsync(new FarmOptions { Sites = crawl, Seed = 2568, RequestLogCapacity = 1000 });
        using var host = FarmHost.Build(farm, bench.Options, 32, c =>
        {
            c.EnableRendering = false;
            c.RequestsPerSecondPerHost = 10;
            c.MaxCrawlDelay = TimeSpan.FromSeconds(0.2);
        });
        var database = host.Services.GetRequiredService<Database>();
        await host.Services.GetRequiredService<Migrator>().MigrateAsync();
        await new RegistryImport(host.Services.GetRequiredService<LaoStore>()).ImportAsync(new StringReader(farm.RegistryCsv()), "farm",
            "benchmark");
        await host.StartAsync();
        var runs = host.Services.GetRequiredService<RunStore>();

        // 1. One nightly crawl of the farm, as the product runs it: what a kept crawl costs per site.
        var before = await bench.DatabaseBytesAsync(database);
        long crawlRun;
        using (var scope = host.Services.CreateScope())
        {
            crawlRun = await scope.ServiceProvider.GetRequiredService<ScanJobs>().StartNightlyRunAsync();
        }
        await WaitAsync(runs, crawlRun, log);
        var afterCrawl = await bench.DatabaseBytesAsync(database);
        await using var connectionToDb = await database.OpenAsync();
        var kept = await connectionToDb.QuerySingleAsync<(int Count, double Compressed, double Raw)>(
            "SELECT count(*), coalesce(avg(length(snapshot)), 0), coalesce(avg(raw_length), 0) FROM crawl_snapshots");
        var verdictBytes = await connectionToDb.ExecuteScalarAsync<double>(
            "SELECT coalesce(avg(length(verdict)), 0) FROM site_scans WHERE run_id = @crawlRun", new { crawlRun });
        log.WriteLine($"crawl: {kept.Count} snapshots, {kept.Compressed / 1024:0.0} KB compressed"
            + $" ({kept.Raw / 1024:0.0} KB JSON) per site");

        // 2. M LAOs, each given one of the kept crawls (and the scan row a kept crawl belongs to).
        var sources = (await connectionToDb.QueryAsync<(long ScanId,
            string DlaCode)>("SELECT scan_id, dla_code FROM crawl_snapshots ORDER BY scan_id")).ToList();
        var copies = Enumerable.Range(0,
            laos).Select(i => (Code: (8_000_000 + i).ToString(CultureInfo.InvariantCulture), Source: sources[i % sources.Count])).ToList();
        var now = DateTime.UtcNow;
        await using (var transaction = await connectionToDb.BeginTransactionAsync())
        {
            await connectionToDb.ExecuteAsync(
                """
                INSERT INTO laos (dla_code, type, name, province, website, updated_at)
                VALUES (@Code, 'TAO', 'สำเนา ' || @Code, 'สำเนา', 'http://copy-' || @Code || '.example/', @now)
                """, copies.Select(c => new { c.Code, now }), transaction);
            await connectionToDb.ExecuteAsync(
                """
                INSERT INTO site_scans (run_id, dla_code, site_url, status, started_at, finished_at, duration_ms, pages_fetched,
                    documents_checked, requests_made, bytes_fetched)
                SELECT run_id, @Code, site_url, status, started_at, finished_at, duration_ms, pages_fetched, documents_checked, 0, 0
                FROM site_scans WHERE id = @ScanId
                """, copies.Select(c => new { c.Code, c.Source.ScanId }), transaction);
            await connectionToDb.ExecuteAsync(
                """
                INSERT INTO crawl_snapshots (scan_id, dla_code, crawled_at, format, raw_length, snapshot)
                SELECT s.id, s.dla_code, k.crawled_at, k.format, k.raw_length, k.snapshot
                FROM site_scans s JOIN crawl_snapshots k ON k.scan_id = @ScanId
                WHERE s.dla_code = @Code AND s.run_id = @crawlRun
                """, copies.Select(c => new { c.Code, c.Source.ScanId, crawlRun }), transaction);
            // The farm's own LAOs leave the registry's websites so the rescore covers exactly the M copies.
            await connectionToDb.ExecuteAsync("UPDATE laos SET website = NULL WHERE dla_code NOT LIKE '8%'", transaction: transaction);
            await transaction.CommitAsync();
        }
        log.WriteLine($"seeded {laos} LAOs with kept crawls");

        // 3. One rescore run of all M through the job server: no website exists for any of them.
        using var self = Process.GetCurrentProcess();
        GC.Collect();
        var dbBeforeRescore = await bench.DatabaseBytesAsync(database);
        var cpuBefore = self.TotalProcessorTime;
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        var watch = Stopwatch.StartNew();
        long rescoreRun;
        using (var scope = host.Services.CreateScope())
        {
            rescoreRun = (await scope.ServiceProvider.GetRequiredService<RescoreJobs>().StartAsync(RunScope.All, 2569,
                "benchmark")).RunId!.Value;
        }
        var progress = await WaitAsync(runs, rescoreRun, log);
        watch.Stop();
        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
        await host.StopAsync();
        var dbAfterRescore = await bench.DatabaseBytesAsync(database);
        var crawlKbPerSite = (afterCrawl - before) / 1024.0 / Math.Max(1, kept.Count);
        var minutes = watch.Elapsed.TotalMinutes;

        var cpuPerLao = cpu / Math.Max(1, progress.Total);
        Console.WriteLine($"crawl of {kept.Count} farm sites on {db}: database +{(afterCrawl - before) / 1048576.0:0.0} MB"
            + $" = {crawlKbPerSite:0.0} KB per site"
            + $" (kept crawl {kept.Compressed / 1024:0.0} KB compressed of {kept.Raw / 1024:0.0} KB JSON;"
            + $" verdict JSON {verdictBytes / 1024:0.0} KB)");
        Console.WriteLine($"rescore of {progress.Total} LAOs from kept crawls: {minutes:0.00} min"
            + $" ({progress.Total / Math.Max(1e-9, watch.Elapsed.TotalHours):0} per hour),"
            + $" CPU {cpu:0} s = {cpuPerLao:0.000} s per LAO on {Environment.ProcessorCount} cores;"
            + $" {progress.Done} done, {progress.Failed} failed;"
            + $" database +{(dbAfterRescore - dbBeforeRescore) / 1048576.0:0.0} MB; peak working set {self.PeakWorkingSet64 / 1048576} MB;"
            + $" load average {load} at start");
        Console.WriteLine($"CPU-bound projection (not measured): 5,900 LAOs x {cpuPerLao:0.000} s / {Environment.ProcessorCount} cores"
            + $" = {5900 * cpu / Math.Max(1, progress.Total) / Environment.ProcessorCount / 60:0.0} min on an otherwise idle machine");
        Console.WriteLine($"extrapolated (linear, not measured): 5,900 LAOs in {minutes * 5900 / Math.Max(1, progress.Total):0.0} min");
        var rescoreDbKbPerLao = (dbAfterRescore - dbBeforeRescore) / 1024.0 / Math.Max(1, progress.Total);
        Console.WriteLine(string.Join(' ',
            $"laos={progress.Total}", $"minutes={minutes.ToString("0.00", CultureInfo.InvariantCulture)}",
            $"cpuSecondsPerLao={(cpu / Math.Max(1, progress.Total)).ToString("0.000", CultureInfo.InvariantCulture)}",
            $"snapshotKBPerSite={(kept.Compressed / 1024).ToString("0.0", CultureInfo.InvariantCulture)}",
            $"snapshotRawKBPerSite={(kept.Raw / 1024).ToString("0.0", CultureInfo.InvariantCulture)}",
            $"crawlDbKBPerSite={crawlKbPerSite.ToString("0.0", CultureInfo.InvariantCulture)}",
            $"rescoreDbKBPerLao={rescoreDbKbPerLao.ToString("0.0", CultureInfo.InvariantCulture)}",
            $"done={progress.Done}", $"failed={progress.Failed}"));
        return progress.Done == progress.Total ? 0 : 1;
    }

    private static async Task<RunProgress> WaitAsync(RunStore runs, long runId, TextWriter log)
    {
        var watch = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        while (true)
        {
            var progress = (await runs.ProgressAsync(runId))!;
            if (progress.Finished)
            {
                return progress;
            }
            if (watch.Elapsed - last >= TimeSpan.FromSeconds(20))
            {
                last = watch.Elapsed;
                log.WriteLine($"{watch.Elapsed.TotalMinutes,5:0.0} min  {PlanNacc.Web.Cli.RunCommand.Line(progress)}");
            }
            await Task.Delay(500);
        }
    }

    private static (int Crawl, int Laos, string Db, string? Connection) Parse(string[] args)
    {
        var o = (Crawl: 20, Laos: 500, Db: "sqlite", Connection: (string?)null);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--crawl": o.Crawl = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--laos": o.Laos = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--db": o.Db = Next() is "postgres" or "pg" ? "postgres" : "sqlite"; break;
                case "--connection": o.Connection = Next(); break;
                default:
                    throw new ArgumentException(
                        $"unknown option {args[i]} (rescore [--crawl N] [--laos M] [--db sqlite|postgres] [--connection CS])");
            }
        }
        return o;
    }
}
