using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PlanNacc.Benchmarks.Shared;
using PlanNacc.SiteFarm;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Storage;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Features.Evidence;

// DAP005: Dapper.AOT's analyzer arrives with Hangfire.PostgreSql; plain Dapper is used on purpose (platform.md).
#pragma warning disable DAP005

namespace PlanNacc.Benchmarks.National;

/// <summary>
/// A simulated national night: the site farm serves N LAO sites in-process (40-120 pages each by size group, documents
/// included), PlanNacc imports them and runs one nightly run through its real Hangfire job server, crawler, scorer and
/// storage, then prints time, rate, CPU per site, peak memory, database growth, and the workers a real night needs.
/// Run: dotnet run -c Release --project tests/Benchmarks -- national [--sites N] [--db sqlite|postgres] [--connection ADMIN_CS]
///      [--rate R] [--workers W] [--per-address K] [--render]
/// The last line is key=value pairs (lost=, duplicated=, sites=, minutes=, cpuSecondsPerSite=, peakMB=, …).
/// </summary>
public static class NationalBenchmark
{
    /// <summary>The real night the figures are projected onto: the DLA list, 1 request/s per host, four hours, 2-core workers.</summary>
    private const int RealSites = 7849;
    private const double RealNightHours = 4;
    private const int CoresPerWorker = 2;
    private const double CpuUtilisation = 0.75;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchOptions.Parse(args);
        await using var storage = await BenchStorage.CreateAsync(options.Db, options.Connection, "national");
        // PLANNACC_BENCH_KEEP=1 leaves the store in place to look into it (its location is printed), e.g. where the growth
        // went: sqlite3 plannacc.db "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC" (Debian's sqlite3 has
        // dbstat; the SQLite bundled with Microsoft.Data.Sqlite has not).
        if (Environment.GetEnvironmentVariable("PLANNACC_BENCH_KEEP") == "1")
        {
            storage.Keep = true;
            Console.Error.WriteLine($"keeping the store at {storage.Location}");
        }
        return await RunNightAsync(options, storage);
    }

    private static async Task<int> RunNightAsync(BenchOptions options, BenchStorage bench)
    {
        var log = Console.Error;
        var loadAtStart = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        var farmWatch = Stopwatch.StartNew();
        await using var farm = await Farm.StartAsync(new FarmOptions { Sites = options.Sites, Seed = 2568, RequestLogCapacity = 1000 });
        log.WriteLine($"farm: {farm.Sites.Count} sites on port {farm.Port} in {farmWatch.Elapsed.TotalSeconds:0.0} s");

        var storage = bench.Options;
        using var host = FarmHost.Build(farm, storage, options.Workers, crawler =>
        {
            crawler.EnableRendering = options.Render;
            crawler.RequestsPerSecondPerHost = options.Rate;
            // The farm's robots.txt asks for Crawl-delay 1-2 s: scaled like the rate (÷ rate), so the night is the real one, faster.
            crawler.MaxCrawlDelay = TimeSpan.FromSeconds(2.0 / options.Rate);
            crawler.MaxConcurrentPerAddress = options.PerAddress;
        });
        var database = host.Services.GetRequiredService<Database>();
        await host.Services.GetRequiredService<Migrator>().MigrateAsync();
        var import = await new RegistryImport(host.Services.GetRequiredService<LaoStore>())
            .ImportAsync(new StringReader(farm.RegistryCsv()), "farm", "benchmark");
        log.WriteLine(import.Summary);
        var dbBefore = await bench.DatabaseBytesAsync(database);
        var evidenceDir = host.Services.GetRequiredService<PlanNacc.Web.Features.Evidence.EvidenceStore>().Root;

        using var self = Process.GetCurrentProcess();
        GC.Collect();
        var cpuBefore = self.TotalProcessorTime;
        var dbCpuBefore = storage.Provider == DatabaseProvider.Postgres ? LocalPostgresCpuSeconds() : null;
        var watch = Stopwatch.StartNew();
        await host.StartAsync();
        long runId;
        using (var scope = host.Services.CreateScope())
        {
            runId = await scope.ServiceProvider.GetRequiredService<ScanJobs>().StartNightlyRunAsync();
        }
        var runs = host.Services.GetRequiredService<RunStore>();
        RunProgress progress;
        var lastLine = TimeSpan.Zero;
        while (true)
        {
            progress = (await runs.ProgressAsync(runId))!;
            if (progress.Finished)
            {
                break;
            }
            if (watch.Elapsed - lastLine >= TimeSpan.FromSeconds(30))
            {
                lastLine = watch.Elapsed;
                self.Refresh();
                log.WriteLine(
                    $"{watch.Elapsed.TotalMinutes,5:0.0} min  {PlanNacc.Web.Cli.RunCommand.Line(progress)}"
                    + $"  rss {self.WorkingSet64 / 1048576} MB");
            }
            await Task.Delay(1000);
        }
        watch.Stop();
        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
        // PostgreSQL works in its own processes: on this machine their CPU is part of the cost of a site too.
        var dbCpu = dbCpuBefore is { } before && LocalPostgresCpuSeconds() is { } after ? after - before : (double?)null;
        var peakMb = self.PeakWorkingSet64 / 1048576.0;
        await host.StopAsync();

        await using var connection = await database.OpenAsync();
        var stored = await connection.QuerySingleAsync<(int Rows, int Distinct, long Requests, long Pages, long Documents)>(
            """
            SELECT count(*), count(DISTINCT dla_code), coalesce(sum(requests_made), 0), coalesce(sum(pages_fetched), 0),
                coalesce(sum(documents_checked), 0)
            FROM site_scans WHERE run_id = @runId
            """,
            new { runId });
        var lost = await connection.ExecuteScalarAsync<int>(
            """
            SELECT count(*) FROM run_sites p
            WHERE p.run_id = @runId AND NOT EXISTS (SELECT 1 FROM site_scans s WHERE s.run_id = p.run_id AND s.dla_code = p.dla_code)
            """,
            new { runId });
        var duplicated = stored.Rows - stored.Distinct + Math.Max(0, progress.Done + progress.Failed - stored.Rows);
        var dbAfter = await bench.DatabaseBytesAsync(database);
        var evidenceBytes = Directory.Exists(evidenceDir)
            ? Directory.EnumerateFiles(evidenceDir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;

        var sites = progress.Total;
        var minutes = watch.Elapsed.TotalMinutes;
        var cpuPerSite = (cpu + (dbCpu ?? 0)) / Math.Max(1, sites);
        var dbCpuPerSite = dbCpu is { } d ? d / Math.Max(1, sites) : (double?)null;
        var requestsPerSite = stored.Requests / (double)Math.Max(1, sites);
        // A real night: each site's requests go one a second, so a site takes about requestsPerSite seconds of wall time;
        // the workers must hold that many crawls open at once, and have the CPU for every site.
        var concurrentCrawls = RealSites * requestsPerSite / (RealNightHours * 3600);
        var byConcurrency = (int)Math.Ceiling(concurrentCrawls / options.Workers);
        var byCpu = (int)Math.Ceiling(RealSites * cpuPerSite / (RealNightHours * 3600 * CoresPerWorker * CpuUtilisation));
        var workers = Math.Max(1, Math.Max(byConcurrency, byCpu));
        var extrapolatedMinutes = minutes * 5900 / Math.Max(1, sites);

        var addresses = farm.Sites.Select(s => s.Address).Distinct().Count();
        var dbCpuNote = dbCpu is { } dc
            ? $", with the PostgreSQL server's {dc:0} s"
            : storage.Provider == DatabaseProvider.Postgres ? ", the PostgreSQL server's CPU not seen (not on this machine)" : "";
        var byStatus = string.Join(", ", progress.ByStatus.Select(p => $"{p.Key} {p.Value}"));
        Console.WriteLine($"national simulation: {sites} sites ({stored.Pages} pages, {stored.Documents} documents,"
            + $" {stored.Requests} requests, {requestsPerSite:0} per site) on {options.Db}");
        Console.WriteLine($"politeness: {options.Rate} requests/s per host (Crawl-delay capped at {2.0 / options.Rate:0.00} s),"
            + $" {options.PerAddress} in flight per address ({addresses} hosting addresses), {options.Workers} sites at once;"
            + $" rendering {(options.Render ? "on" : "off")}");
        Console.WriteLine($"total {minutes:0.0} min = {sites / watch.Elapsed.TotalHours:0} sites/hour;"
            + $" CPU {cpu + (dbCpu ?? 0):0} s = {cpuPerSite:0.000} s per site (PlanNacc and the in-process farm together{dbCpuNote},"
            + $" on {Environment.ProcessorCount} cores; load average {loadAtStart} at start); peak working set {peakMb:0} MB");
        Console.WriteLine($"results: {progress.Done} done, {progress.Failed} failed ({byStatus}); lost {lost}, duplicated {duplicated}");
        Console.WriteLine($"database growth for the run {(dbAfter - dbBefore) / 1048576.0:0.0} MB"
            + $" ({(dbAfter - dbBefore) / Math.Max(1, sites) / 1024.0:0.0} KB per site); kept evidence {evidenceBytes / 1048576.0:0.0} MB");
        Console.WriteLine($"extrapolated (linear, not measured): 5,900 sites here in {extrapolatedMinutes:0} min");
        Console.WriteLine($"a real night of {RealSites} sites at 1 request/s per host in {RealNightHours} h:"
            + $" {concurrentCrawls:0} crawls open at once -> {byConcurrency} worker(s) of {options.Workers} crawls;"
            + $" CPU {RealSites * cpuPerSite / 3600:0.0} core-hours -> {byCpu} worker(s) of {CoresPerWorker} cores at {CpuUtilisation:P0};"
            + $" so {workers}");
        var dbCpuPerSiteText = dbCpuPerSite is { } dps
            ? dps.ToString("0.000", CultureInfo.InvariantCulture)
            : storage.Provider == DatabaseProvider.Postgres ? "unseen" : "in-process";
        Console.WriteLine(string.Join(' ',
            $"sites={sites}", $"minutes={minutes.ToString("0.00", CultureInfo.InvariantCulture)}",
            $"sitesPerHour={(sites / watch.Elapsed.TotalHours).ToString("0", CultureInfo.InvariantCulture)}",
            $"cpuSecondsPerSite={cpuPerSite.ToString("0.000", CultureInfo.InvariantCulture)}",
            $"dbServerCpuSecondsPerSite={dbCpuPerSiteText}", $"peakMB={peakMb.ToString("0", CultureInfo.InvariantCulture)}",
            $"dbMBPerRun={((dbAfter - dbBefore) / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture)}",
            $"evidenceMB={(evidenceBytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture)}",
            $"requests={stored.Requests}", $"done={progress.Done}", $"failed={progress.Failed}", $"lost={lost}", $"duplicated={duplicated}",
            $"rate={options.Rate.ToString(CultureInfo.InvariantCulture)}", $"workersFor{RealSites}={workers}", $"db={options.Db}"));
        return lost == 0 && duplicated == 0 ? 0 : 1;
    }

    /// <summary>
    /// CPU seconds of the PostgreSQL processes on this machine: the live ones (postmaster, backends, background workers) and
    /// what the postmaster collected from backends that ended (cutime, cstime). Null without /proc or without such processes.
    /// </summary>
    private static double? LocalPostgresCpuSeconds()
    {
        const double ticksPerSecond = 100; // USER_HZ on Linux
        if (!Directory.Exists("/proc"))
        {
            return null;
        }
        double ticks = 0;
        var seen = false;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _))
            {
                continue;
            }
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            var close = stat.LastIndexOf(')');
            if (close < 0 || !stat.AsSpan(0, close).EndsWith("(postgres"))
            {
                continue;
            }
            // After "pid (comm) ": state ppid … utime(14) stime(15) cutime(16) cstime(17), counted from field 3.
            var fields = stat[(close + 2)..].Split(' ');
            ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
                + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            seen = true;
        }
        return seen ? ticks / ticksPerSecond : null;
    }

    private sealed record BenchOptions(int Sites, string Db, string? Connection, double Rate, int Workers, int PerAddress, bool Render)
    {
        public static BenchOptions Parse(string[] args)
        {
            // Scaled politeness: loopback answers in about a millisecond where the real web takes hundreds, so the farm gets
            // 10 requests/s per host instead of 1; the per-address limit and the sites crawled at once stay at their defaults.
            var o = new BenchOptions(300, "sqlite", null, 10, 32, 2, false);
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                o = args[i] switch
                {
                    "--sites" => o with { Sites = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--db" => o with { Db = Next() is "postgres" or "pg" ? "postgres" : "sqlite" },
                    "--connection" => o with { Connection = Next() },
                    "--rate" => o with { Rate = double.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--workers" => o with { Workers = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--per-address" => o with { PerAddress = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--render" => o with { Render = true },
                    _ => throw new ArgumentException($"unknown option {args[i]} (national [--sites N] [--db sqlite|postgres]"
                        + " [--connection CS] [--rate R] [--workers W] [--per-address K] [--render])"),
                };
            }
            return o;
        }
    }
}
