using Dapper;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlanNacc.Crawler;
using PlanNacc.SiteFarm;
using PlanNacc.Web.Features.Criteria;
using PlanNacc.Web.Features.Runs.Rescore;
using PlanNacc.Web.Features.Demo;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Features.Evidence;

namespace PlanNacc.Web.Tests.Criteria;

/// <summary>
/// The crawl kept and re-judged: real crawls of farm sites store their snapshots; after the farm is gone, a rescore run
/// judges every LAO again against another year, and LAOs without a kept crawl end with a status and a reason.
/// </summary>
[Collection(HangfireHosts.Name)]
public class RescoreFacts
{
    /// <summary>
    /// A host built by an earlier fact left Hangfire's process-wide log provider bound to its disposed logger factory; the
    /// job client made here would log through it and throw.
    /// </summary>
    public RescoreFacts() => Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rescore_JudgesKeptCrawls_WithoutTheWebsites_AndNamesLaosWithoutOne(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var laos = new LaoStore(db.Database);
        var runs = new RunStore(db.Database);
        var store = new ScanStore(db.Database);
        var criteria = CriteriaSource.For(db.Database);
        var client = new BackgroundJobClient(new InMemoryStorage());
        IReadOnlyList<FarmSite> sites;
        long crawlRun;
        await using (var farm = await Farm.StartAsync(new FarmOptions { Sites = 3, FiscalYear = 2568 }))
        {
            sites = farm.Sites;
            await new RegistryImport(laos).ImportAsync(new StringReader(farm.RegistryCsv()), "farm", "test");
            var options = new CrawlerOptions { EnableRendering = false };
            DemoSetup.ConfigureCrawler(options, new FarmReady(farm.Port, new Uri($"http://127.0.0.1:{farm.Port}/_farm/"), farm.HostMap),
                new DemoOptions { RequestsPerSecondPerHost = 50 });
            var router = new EvidenceRouter();
            await using var crawler = new SiteCrawler(options, router);
            var scanner = new SiteScanService(crawler, criteria, store, router, new EvidenceStore(db.Options.EvidenceDir),
                NullLogger<SiteScanService>.Instance);
            crawlRun = await runs.CreateAsync("on-demand", "all", 2568, sites.Count);
            foreach (var site in sites)
            {
                await scanner.ScanAsync(crawlRun, (await laos.GetAsync(site.DlaCode))!, 2568, CancellationToken.None);
            }
        }
        // One LAO never crawled, one whose crawl was not kept (stored before crawls were kept).
        await laos.UpsertAsync([
            new LaoRecord { DlaCode = "9990001", Type = "TAO", Name = "ไม่เคยตรวจ", Province = "ทดสอบ", Website = "http://never.example/" },
        ], "test");
        await using (var connection = await db.Database.OpenAsync())
        {
            await connection.ExecuteAsync("DELETE FROM crawl_snapshots WHERE dla_code = @code", new { code = sites[2].DlaCode });
            Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM crawl_snapshots"));
        }

        var scanJobs = new ScanJobs(laos, runs, null!, client, Options.Create(new ScanOptions { FiscalYear = 2569 }), TimeProvider.System);
        var rescore = new RescoreJobs(scanJobs, runs, store, criteria, db.Database, client, NullLogger<RescoreJobs>.Instance);
        var start = await rescore.StartAsync(RunScope.All, 2569, "admin");
        var runId = start.RunId!.Value;
        Assert.Equal(4, start.Sites);
        // The job server's part, in order: every site job of the run (the farm is gone: a request would fail the crawl).
        foreach (var code in await runs.LeftAsync(runId))
        {
            await rescore.RescoreSiteAsync(runId, code, 2569, CancellationToken.None);
        }

        var progress = (await runs.ProgressAsync(runId))!;
        Assert.True(progress.Finished);
        Assert.Equal(2, progress.Done);
        Assert.Equal(2, progress.ByStatus[ScanStatuses.Name(ScanStatus.NoSnapshot)]);
        var failures = await runs.FailuresAsync(runId);
        Assert.Equal("never crawled", failures.Single(f => f.DlaCode == "9990001").Reason);
        Assert.Equal("crawl not kept", failures.Single(f => f.DlaCode == sites[2].DlaCode).Reason);

        await using var check = await db.Database.OpenAsync();
        var rows = (await check.QueryAsync<(string Code, string Reason, long? From, int CriteriaYear, byte[] Verdict, int Requests)>(
            """
            SELECT dla_code, reason, rejudged_from_scan_id, criteria_year, verdict, requests_made FROM site_scans
            WHERE run_id = @runId AND status = 'ok' ORDER BY dla_code
            """, new { runId })).ToList();
        Assert.Equal(2, rows.Count);
        foreach (var row in rows)
        {
            Assert.StartsWith("re-judged from the crawl of ", row.Reason);
            Assert.NotNull(row.From);
            Assert.Equal(2569, row.CriteriaYear);
            Assert.Equal(0, row.Requests);
            var verdict = StoredVerdict.Read(row.Verdict)!;
            Assert.Equal(26, verdict.Items.Count);
            Assert.Equal("O25", verdict.Items[24].Code);
            Assert.True(verdict.Criteria.Provisional);
        }
        Assert.Equal("judged", await check.ExecuteScalarAsync<string>(
            "SELECT CASE WHEN judged_from = @source THEN 'judged' ELSE 'crawled' END FROM runs WHERE id = @runId",
            new { source = RescoreJobs.KeptCrawlSource, runId }));
    }

    [Fact]
    public async Task RescoreVerb_WithWait_JudgesInItsOwnProcess_AndPrintsTheRun()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        var laos = new LaoStore(db.Database);
        string code;
        await using (var farm = await Farm.StartAsync(new FarmOptions { Sites = 1, FiscalYear = 2568, Seed = 11 }))
        {
            await new RegistryImport(laos).ImportAsync(new StringReader(farm.RegistryCsv()), "farm", "test");
            var options = new CrawlerOptions { EnableRendering = false };
            DemoSetup.ConfigureCrawler(options, new FarmReady(farm.Port, new Uri($"http://127.0.0.1:{farm.Port}/_farm/"), farm.HostMap),
                new DemoOptions { RequestsPerSecondPerHost = 50 });
            var router = new EvidenceRouter();
            await using var crawler = new SiteCrawler(options, router);
            var scanner = new SiteScanService(crawler, CriteriaSource.For(db.Database), new ScanStore(db.Database), router,
                new EvidenceStore(db.Options.EvidenceDir), NullLogger<SiteScanService>.Instance);
            code = farm.Sites[0].DlaCode;
            var runId = await new RunStore(db.Database).CreateAsync("on-demand", "all", 2568, 1);
            await scanner.ScanAsync(runId, (await laos.GetAsync(code))!, 2568, CancellationToken.None);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var (exit, stdout,
            stderr) = await WebProcess.RunAsync(["--data-dir", db.Folder, "rescore", "--year", "2569", "--lao", code, "--wait"]);

        Assert.True(exit == 0, stderr);
        Assert.Contains("re-judged from their kept crawls against ITA criteria for 2569", stdout);
        Assert.Contains("done 1, failed 0", stdout);
        await using var connection = await db.Database.OpenAsync();
        Assert.StartsWith("re-judged from the crawl of ", await connection.ExecuteScalarAsync<string>(
            "SELECT reason FROM site_scans WHERE dla_code = @code AND criteria_year = 2569", new { code }));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task KeptCrawl_JudgedAgainstTheSameYear_GivesTheCrawlsOwnVerdict(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var laos = new LaoStore(db.Database);
        var store = new ScanStore(db.Database);
        var criteria = CriteriaSource.For(db.Database);
        await using var farm = await Farm.StartAsync(new FarmOptions { Sites = 2, FiscalYear = 2568, Seed = 7 });
        await new RegistryImport(laos).ImportAsync(new StringReader(farm.RegistryCsv()), "farm", "test");
        var options = new CrawlerOptions { EnableRendering = false };
        DemoSetup.ConfigureCrawler(options, new FarmReady(farm.Port, new Uri($"http://127.0.0.1:{farm.Port}/_farm/"), farm.HostMap),
            new DemoOptions { RequestsPerSecondPerHost = 50 });
        var router = new EvidenceRouter();
        await using var crawler = new SiteCrawler(options, router);
        var scanner = new SiteScanService(crawler, criteria, store, router, new EvidenceStore(db.Options.EvidenceDir),
            NullLogger<SiteScanService>.Instance);
        var runs = new RunStore(db.Database);
        var crawlRun = await runs.CreateAsync("on-demand", "all", 2568, farm.Sites.Count);
        foreach (var site in farm.Sites)
        {
            await scanner.ScanAsync(crawlRun, (await laos.GetAsync(site.DlaCode))!, 2568, CancellationToken.None);
        }

        var client = new BackgroundJobClient(new InMemoryStorage());
        var rescore = new RescoreJobs(new ScanJobs(laos, runs, null!, client, Options.Create(new ScanOptions()), TimeProvider.System),
            runs, store, criteria, db.Database, client,
            NullLogger<RescoreJobs>.Instance);
        var runId = (await rescore.StartAsync(RunScope.All, 2568, "admin")).RunId!.Value;
        foreach (var code in await runs.LeftAsync(runId))
        {
            await rescore.RescoreSiteAsync(runId, code, 2568, CancellationToken.None);
        }

        await using var connection = await db.Database.OpenAsync();
        var pairs = (await connection.QueryAsync<(string Code, double Crawled, double Rejudged, int CrawledItems, int RejudgedItems)>(
            """
            SELECT a.dla_code, a.oit_score, b.oit_score,
                   (SELECT count(*) FROM item_results i WHERE i.scan_id = a.id AND i.status = 'pass'),
                   (SELECT count(*) FROM item_results i WHERE i.scan_id = b.id AND i.status = 'pass')
            FROM site_scans a JOIN site_scans b ON b.dla_code = a.dla_code AND b.run_id = @runId
            WHERE a.run_id = @crawlRun
            """, new { runId, crawlRun })).ToList();
        Assert.Equal(farm.Sites.Count, pairs.Count);
        Assert.All(pairs, p => Assert.Equal((p.Crawled, p.CrawledItems), (p.Rejudged, p.RejudgedItems)));
        // The re-judged scans cite the same kept evidence copies.
        Assert.Equal(
            await connection.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM scan_evidence e JOIN site_scans s ON s.id = e.scan_id WHERE s.run_id = @crawlRun", new { crawlRun }),
            await connection.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM scan_evidence e JOIN site_scans s ON s.id = e.scan_id WHERE s.run_id = @runId", new { runId }));
    }
}
