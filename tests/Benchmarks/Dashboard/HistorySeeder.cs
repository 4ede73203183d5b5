using System.Data.Common;
using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using PlanNacc.Benchmarks.Shared;
using PlanNacc.SiteFarm;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Storage;
using PlanNacc.Web.Features.Runs;

// DAP005: Dapper.AOT's analyzer arrives with Hangfire.PostgreSql; plain Dapper is used on purpose (platform.md).
#pragma warning disable DAP005

namespace PlanNacc.Benchmarks.Dashboard;

/// <summary>
/// Fills a store with the national registry and N nightly runs of history, as the dashboard meets it after a month.
/// Real verdicts, not invented ones: a template run crawls and scores farm sites (normal and hostile) through the product's
/// own job server and ScanStore; every nightly scan of every real LAO is then a copy of one template scan (its scan row,
/// item results and evidence references), chosen so that LAOs drift up and down between nights and some nights fail.
/// </summary>
public sealed class HistorySeeder(BenchStorage bench, TextWriter log)
{
    /// <summary>Codes no DLA code starts with (the list's start with 2-6): the template LAOs, removed after seeding.</summary>
    private const string TemplatePrefix = "9";
    private const string TemplateProvince = "bench-templates";

    public async Task<SeedReport> SeedAsync(
        string registryCsv, int nights, int templateSites, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        await using var farm = await Farm.StartAsync(
            new FarmOptions { Sites = templateSites, Seed = 2569, IncludeHostile = true, RequestLogCapacity = 1000 }, cancellationToken);
        using var host = FarmHost.Build(farm, bench.Options, workers: 32, crawler =>
        {
            crawler.RequestsPerSecondPerHost = 50;
            crawler.MaxCrawlDelay = TimeSpan.FromMilliseconds(20);
            crawler.MaxConcurrentPerAddress = 4;
        }, new Dictionary<string, string?> { ["Scans:RetryDelaysSeconds:0"] = "1" });
        var database = host.Services.GetRequiredService<Database>();
        await host.Services.GetRequiredService<Migrator>().MigrateAsync();

        using (var reader = new StreamReader(registryCsv))
        {
            var import = await new RegistryImport(host.Services.GetRequiredService<LaoStore>())
                .ImportAsync(reader, Path.GetFileName(registryCsv), "benchmark", cancellationToken);
            log.WriteLine(import.Summary);
        }

        var templates = farm.Sites.Select((site, i) => new LaoRecord
        {
            DlaCode = TemplatePrefix + (i + 1).ToString("000000", System.Globalization.CultureInfo.InvariantCulture),
            Type = site.Type,
            Name = site.Name,
            Province = TemplateProvince,
            District = site.District,
            Size = site.Size,
            Website = (site.Website ?? site.Root).AbsoluteUri,
        }).ToList();
        await host.Services.GetRequiredService<LaoStore>().UpsertAsync(templates, "benchmark", cancellationToken);
        await host.StartAsync(cancellationToken);
        var templateRun = await host.Services.GetRequiredService<ScanJobs>()
            .StartRunAsync("on-demand", "templates", templates.Select(t => t.DlaCode).ToList());
        var runs = host.Services.GetRequiredService<RunStore>();
        while ((await runs.ProgressAsync(templateRun, cancellationToken))!.Finished is false)
        {
            await Task.Delay(500, cancellationToken);
        }
        await host.StopAsync(cancellationToken);
        log.WriteLine($"templates: {templates.Count} farm sites crawled and scored in {watch.Elapsed.TotalSeconds:0} s");

        await using var connection = await database.OpenAsync(cancellationToken);
        var scored = (await connection.QueryAsync<(long Id, string Status, double? Score)>(
            "SELECT id, status, oit_score FROM site_scans WHERE run_id = @templateRun", new { templateRun })).AsList();
        log.WriteLine("template outcomes: " + string.Join(", ", scored.GroupBy(s => s.Status).Select(g => $"{g.Key} {g.Count()}")));
        var ok = scored.Where(s => s.Status == "ok" && s.Score is not null).OrderBy(s => s.Score).Select(s => s.Id).ToArray();
        var failed = scored.Where(s => s.Status != "ok").Select(s => s.Id).ToArray();
        if (ok.Length == 0)
        {
            throw new InvalidOperationException("no template scan was scored: the farm crawl failed");
        }
        var codes = (await connection.QueryAsync<string>(
            "SELECT dla_code FROM laos WHERE website IS NOT NULL AND province <> @TemplateProvince ORDER BY dla_code",
            new { TemplateProvince })).AsList();
        var criteriaYear = await connection.ExecuteScalarAsync<int>(
            "SELECT fiscal_year FROM runs WHERE id = @templateRun", new { templateRun });

        await connection.ExecuteAsync(database.Provider == DatabaseProvider.Sqlite
            ? "CREATE TABLE bench_seed (dla_code TEXT PRIMARY KEY, template_id INTEGER NOT NULL, started_at TEXT NOT NULL, "
                + "finished_at TEXT NOT NULL)"
            : "CREATE TABLE bench_seed (dla_code text PRIMARY KEY, template_id bigint NOT NULL, started_at timestamptz NOT NULL, "
                + "finished_at timestamptz NOT NULL)");
        var random = new Random(2568);
        // Each LAO sits at a place on the template ladder (ordered by score) and moves a step up or down some nights.
        var place = codes.ToDictionary(c => c, _ => random.Next(ok.Length), StringComparer.Ordinal);
        var today = DateTime.UtcNow.Date;
        var lastRun = 0L;
        for (var night = 1; night <= nights; night++)
        {
            var nightWatch = Stopwatch.StartNew();
            // 02:00 Bangkok = 19:00 UTC the day before.
            var started = today.AddDays(night - nights - 1).AddHours(19);
            var seeds = new List<Seed>(codes.Count);
            var failedCount = 0;
            foreach (var code in codes)
            {
                var roll = random.NextDouble();
                if (roll < 0.10)
                {
                    place[code] = Math.Clamp(place[code] + (roll < 0.05 ? -1 : 1), 0, ok.Length - 1);
                }
                var fails = failed.Length > 0 && random.NextDouble() < 0.04;
                failedCount += fails ? 1 : 0;
                var template = fails ? failed[random.Next(failed.Length)] : ok[place[code]];
                var finished = started.AddSeconds(random.Next(60, 4 * 3600));
                seeds.Add(new Seed(code, template, finished.AddSeconds(-random.Next(30, 600)), finished));
            }
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync("DELETE FROM bench_seed", transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO bench_seed (dla_code, template_id, started_at, finished_at) "
                    + "VALUES (@DlaCode, @TemplateId, @StartedAt, @FinishedAt)",
                seeds, transaction);
            var runId = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO runs (kind, scope, fiscal_year, started_at, finished_at, sites_total, sites_done, sites_failed)
                VALUES ('nightly', 'all', @criteriaYear, @started, @finished, @total, @done, @failed) RETURNING id
                """,
                new
                {
                    criteriaYear, started, finished = started.AddHours(4),
                    total = codes.Count, done = codes.Count - failedCount, failed = failedCount,
                },
                transaction);
            await connection.ExecuteAsync(
                "INSERT INTO run_sites (run_id, dla_code) SELECT @runId, dla_code FROM bench_seed", new { runId }, transaction);
            await connection.ExecuteAsync(
                """
                INSERT INTO site_scans (run_id, dla_code, site_url, status, reason, started_at, finished_at, duration_ms, pages_fetched,
                    documents_checked, requests_made, bytes_fetched, criteria_year, fiscal_year, oit_score, verdict)
                SELECT @runId, b.dla_code, l.website, t.status, t.reason, b.started_at, b.finished_at, t.duration_ms, t.pages_fetched,
                    t.documents_checked, t.requests_made, t.bytes_fetched, t.criteria_year, t.fiscal_year,
                    t.oit_score, t.verdict
                FROM bench_seed b JOIN laos l ON l.dla_code = b.dla_code JOIN site_scans t ON t.id = b.template_id
                ORDER BY b.finished_at
                """, new { runId }, transaction);
            await connection.ExecuteAsync(
                """
                INSERT INTO item_results (scan_id, code, status)
                SELECT s.id, i.code, i.status
                FROM site_scans s JOIN bench_seed b ON b.dla_code = s.dla_code JOIN item_results i ON i.scan_id = b.template_id
                WHERE s.run_id = @runId
                """, new { runId }, transaction);
            await connection.ExecuteAsync(
                """
                INSERT INTO scan_evidence (scan_id, sha256)
                SELECT s.id, e.sha256
                FROM site_scans s JOIN bench_seed b ON b.dla_code = s.dla_code JOIN scan_evidence e ON e.scan_id = b.template_id
                WHERE s.run_id = @runId
                """, new { runId }, transaction);
            await transaction.CommitAsync(cancellationToken);
            lastRun = runId;
            log.WriteLine(
                $"night {night}/{nights}: run {runId}, {codes.Count} scans ({failedCount} failed)"
                + $" in {nightWatch.Elapsed.TotalSeconds:0.0} s");
        }

        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await connection.ExecuteAsync(
                "UPDATE laos SET latest_scan_id = (SELECT s.id FROM site_scans s WHERE s.run_id = @lastRun AND s.dla_code = laos.dla_code) "
                    + "WHERE website IS NOT NULL",
                new { lastRun }, transaction);
            // The templates go: their LAOs are not in the registry, their run is not a night.
            await connection.ExecuteAsync(
                "DELETE FROM scan_evidence WHERE scan_id IN (SELECT id FROM site_scans WHERE run_id = @templateRun)",
                new { templateRun }, transaction);
            await connection.ExecuteAsync(
                "DELETE FROM item_results WHERE scan_id IN (SELECT id FROM site_scans WHERE run_id = @templateRun)",
                new { templateRun }, transaction);
            await connection.ExecuteAsync("DELETE FROM site_scans WHERE run_id = @templateRun", new { templateRun }, transaction);
            await connection.ExecuteAsync("DELETE FROM run_sites WHERE run_id = @templateRun", new { templateRun }, transaction);
            await connection.ExecuteAsync("DELETE FROM runs WHERE id = @templateRun", new { templateRun }, transaction);
            await connection.ExecuteAsync("DELETE FROM laos WHERE province = @TemplateProvince", new { TemplateProvince }, transaction);
            await connection.ExecuteAsync("DROP TABLE bench_seed", transaction: transaction);
            await transaction.CommitAsync(cancellationToken);
        }
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // What autovacuum does on its own soon after a bulk load.
            await connection.ExecuteAsync("VACUUM ANALYZE");
        }
        var counts = await connection.QuerySingleAsync<(int Laos, int Scans, int Items)>(
            "SELECT (SELECT count(*) FROM laos), (SELECT count(*) FROM site_scans), (SELECT count(*) FROM item_results)");
        return new SeedReport(counts.Laos, codes.Count, counts.Scans, counts.Items, ok.Length, failed.Length, watch.Elapsed);
    }
}

/// <summary>One LAO's scan of one night: which template it copies, and when it ran.</summary>
internal sealed record Seed(string DlaCode, long TemplateId, DateTime StartedAt, DateTime FinishedAt);

public sealed record SeedReport(int Laos, int WithWebsite, int Scans, int Items, int OkTemplates, int FailedTemplates, TimeSpan Took);
