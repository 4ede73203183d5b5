using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using PlanNacc.Crawler;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.SiteFarm;
using PlanNacc.Web.Features.Criteria;
using PlanNacc.Web.Features.Demo;
using PlanNacc.Web.Features.Evidence;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Features.Scans;

namespace PlanNacc.Web.Tests.Runs;

/// <summary>
/// Stored runs re-scan incrementally (issue 13.5): an LAO's latest kept crawl is the state of its next crawl, which sends
/// conditional requests, downloads only what changed and judges exactly as the full crawl did; the full re-scan setting
/// forces a complete crawl.
/// </summary>
public sealed class IncrementalRunFacts
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SecondRun_SendsConditionalRequests_DownloadsLess_AndJudgesTheSame(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var laos = new LaoStore(db.Database);
        var runs = new RunStore(db.Database);
        var store = new ScanStore(db.Database);
        await using var farm = await Farm.StartAsync(new FarmOptions { Sites = 1, FiscalYear = 2568, Seed = 13 });
        await new RegistryImport(laos).ImportAsync(new StringReader(farm.RegistryCsv()), "farm", "test");
        var lao = (await laos.GetAsync(farm.Sites[0].DlaCode))!;

        async Task<(long ScanId, SiteVerdict Verdict)> ScanAsync(TimeSpan? fullRescanAfter)
        {
            var options = new CrawlerOptions { EnableRendering = false, FullRescanAfter = fullRescanAfter };
            DemoSetup.ConfigureCrawler(
                options, new FarmReady(farm.Port, new Uri($"http://127.0.0.1:{farm.Port}/_farm/"), farm.HostMap),
                new DemoOptions { RequestsPerSecondPerHost = 50 });
            var router = new EvidenceRouter();
            await using var crawler = new SiteCrawler(options, router);
            var scanner = new SiteScanService(crawler, CriteriaSource.For(db.Database), store, router,
                new EvidenceStore(db.Options.EvidenceDir), NullLogger<SiteScanService>.Instance);
            var runId = await runs.CreateAsync("nightly", "all", 2568, 1);
            var scanId = (await scanner.ScanAsync(runId, lao, 2568, CancellationToken.None))!.Value;
            await using var connection = await db.Database.OpenAsync();
            return (scanId, (await StoredVerdict.ReadAsync(connection, scanId, CancellationToken.None))!);
        }

        var (_, first) = await ScanAsync(TimeSpan.FromDays(7));
        var (secondId, second) = await ScanAsync(TimeSpan.FromDays(7));
        var (_, full) = await ScanAsync(TimeSpan.Zero);

        Assert.Equal(SiteStatus.Ok, first.Status);
        Assert.False(first.Crawl!.Incremental);
        Assert.Equal(0, first.Crawl.NotModified);
        // The second night asks with validators; the unchanged farm answers 304 and almost nothing is downloaded again.
        Assert.True(second.Crawl!.Incremental, string.Join("; ", second.Crawl.IncrementalNotes));
        Assert.True(second.Crawl.ConditionalRequests > 0);
        Assert.True(second.Crawl.NotModified > 0);
        Assert.True(second.Crawl.BodyBytes < first.Crawl.BodyBytes / 2, $"{second.Crawl.BodyBytes} of {first.Crawl.BodyBytes} bytes");
        // ... and judges exactly as the full crawl did.
        Assert.Equal(Judged(first), Judged(second));
        Assert.Equal(first.Score.Oit, second.Score.Oit);
        Assert.Equal(first.PagesFetched, second.PagesFetched);
        // The copies the second verdict rests on (kept on the first night, whose pages answered 304) are referenced by the
        // second scan as well; the places only listed beside them have no copy on either night.
        await using (var connection = await db.Database.OpenAsync())
        {
            var referenced = (await connection.QueryAsync<string>(
                "SELECT sha256 FROM scan_evidence WHERE scan_id = @secondId", new { secondId })).ToHashSet(StringComparer.Ordinal);
            var decisive = KeptEvidence.Hashes(second).ToHashSet(StringComparer.Ordinal);
            Assert.NotEmpty(decisive);
            Assert.Equal(decisive.Order(StringComparer.Ordinal), referenced.Order(StringComparer.Ordinal));
        }
        // The full re-scan setting: a complete crawl, no conditional requests, the same judgement.
        Assert.False(full.Crawl!.Incremental);
        Assert.Equal(0, full.Crawl.ConditionalRequests);
        Assert.Contains(full.Crawl.IncrementalNotes, n => n.StartsWith("full re-scan", StringComparison.Ordinal));
        Assert.Equal(Judged(first), Judged(full));
    }

    private static List<(string Code, VerdictStatus Status, string Evidence)> Judged(SiteVerdict verdict) =>
        verdict.Items.Select(i => (i.Code, i.Status, string.Join(" ", i.Evidence.Select(e => e.Url).Order(StringComparer.Ordinal))))
            .ToList();
}
