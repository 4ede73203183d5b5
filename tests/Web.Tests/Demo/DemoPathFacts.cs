using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using PlanNacc.Crawler;
using PlanNacc.Scoring;
using PlanNacc.Scoring.Criteria;
using PlanNacc.SiteFarm;
using PlanNacc.Web.Features.Demo;
using PlanNacc.Web.Features.Lao;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Evidence;
using Xunit.Abstractions;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Features.Scans;

namespace PlanNacc.Web.Tests.Demo;

/// <summary>The path of `serve --demo`, in-process: farm → registry → real crawl → score → one-transaction store in SQLite →
/// checklist.</summary>
public sealed class DemoPathFacts(ITestOutputHelper output) : IAsyncLifetime
{
    private const int FiscalYear = 2568;
    private TestDatabase? _db;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync("sqlite");

    public async Task DisposeAsync() => await _db!.DisposeAsync();

    [Fact]
    public async Task ScanAsync_StoresChecklistMatchingFarmTruth_ForEveryFarmLao()
    {
        var db = _db!;
        await using var farm = await Farm.StartAsync(new FarmOptions { Sites = 8, FiscalYear = FiscalYear });
        var import = await new RegistryImport(new LaoStore(db.Database)).ImportAsync(new StringReader(farm.RegistryCsv()), "farm", "test");
        Assert.Equal(farm.Sites.Count, import.Upserted.Inserted);
        Assert.Empty(import.Problems);

        var options =
            new CrawlerOptions { ChromiumPath = TestEnvironment.ChromiumPath, EnableRendering = TestEnvironment.ChromiumPath is not null };
        DemoSetup.ConfigureCrawler(options, new FarmReady(farm.Port, new Uri($"http://127.0.0.1:{farm.Port}/_farm/"), farm.HostMap),
            new DemoOptions { RequestsPerSecondPerHost = 50 });
        var router = new EvidenceRouter();
        await using var crawler = new SiteCrawler(options, router);
        var files = new EvidenceStore(db.Options.EvidenceDir);
        var scanner = new SiteScanService(crawler, PlanNacc.Web.Features.Criteria.CriteriaSource.For(db.Database),
            new ScanStore(db.Database), router, files, NullLogger<SiteScanService>.Instance);
        var runs = new RunStore(db.Database);
        var runId = await runs.CreateAsync("on-demand", "demo", FiscalYear, farm.Sites.Count);
        var laos = new LaoStore(db.Database);

        await Task.WhenAll(farm.Sites.Select(async site =>
            await scanner.ScanAsync(runId, (await laos.GetAsync(site.DlaCode))!, FiscalYear, CancellationToken.None)));

        var run = await runs.GetAsync(runId);
        Assert.Equal(farm.Sites.Count, run!.SitesDone + run.SitesFailed);
        Assert.NotNull(run.FinishedAt);
        var acceptedKinds = CriteriaCatalog.Default.Resolve(FiscalYear).Set.Items.SelectMany(i => i.Kinds).ToHashSet();
        var queries = new LaoQueries(db.Database);
        int published = 0, shown = 0;
        var decisive = new HashSet<string>(StringComparer.Ordinal);
        var shownOnly = new HashSet<string>(StringComparer.Ordinal);
        foreach (var site in farm.Sites)
        {
            var checklist = await queries.ChecklistAsync(site.DlaCode);
            Assert.NotNull(checklist?.Scan);
            Assert.True(checklist.Scan.Status == ScanStatus.Ok,
                $"{site.Host} ({site.Shape}): {checklist.Scan.Status} {checklist.Scan.Reason}");
            Assert.NotEmpty(checklist.Items);
            Assert.True(checklist.Scan.PagesFetched > 1, $"{site.Host}: {checklist.Scan.PagesFetched} pages");
            var evidenceKinds = checklist.Items.SelectMany(i => i.Evidence).Select(e => e.Kind).ToHashSet();
            var truthKinds = site.Truth
                .Where(t => t.Kind != "none" && !t.Placeholder && !t.NeedsReview && acceptedKinds.Contains(t.Kind))
                .Select(t => t.Kind)
                .ToHashSet();
            var missed = truthKinds.Except(evidenceKinds).ToList();
            // A copy of each place a status was decided on, and the page links exactly those it has a copy of.
            var rested = KeptEvidence.Hashes(checklist.Scan.Result!);
            Assert.Subset(checklist.KeptCopies.ToHashSet(), rested.ToHashSet());
            decisive.UnionWith(rested);
            shownOnly.UnionWith(checklist.Items.SelectMany(i => i.Evidence).Where(e => !e.Decisive).Select(e => e.ContentHash)
                .OfType<string>());
            published += truthKinds.Count;
            shown += truthKinds.Count - missed.Count;
            output.WriteLine($"{site.Host} {site.Shape}: {checklist.Scan.PagesFetched} pages, OIT {checklist.Scan.OitScore:0.0}, " +
                $"{truthKinds.Count - missed.Count}/{truthKinds.Count} published kinds shown; missed: {string.Join(", ", missed)}");
        }
        output.WriteLine($"published kinds shown as evidence: {shown}/{published}");
        Assert.True(published > 0);
        Assert.True(shown >= published * 0.8, $"only {shown} of {published} published kinds show up as evidence");

        await using var connection = await db.Database.OpenAsync();
        var kept = (await connection.QueryAsync<string>("SELECT sha256 FROM evidence_blobs")).ToList();
        Assert.NotEmpty(kept);
        Assert.All(kept, sha => Assert.True(File.Exists(files.FullPath(sha)), sha));
        // Only what a verdict rests on is copied; places shown as "also found here" (and nowhere decisive) are not.
        Assert.Equal(decisive.Order(), kept.Order());
        output.WriteLine($"kept copies: {kept.Count}; places shown without a copy: {shownOnly.Except(decisive).Count()}");
        Assert.NotEmpty(shownOnly.Except(decisive));
        Assert.Equal(0,
            await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM evidence_blobs b WHERE NOT EXISTS (SELECT 1 FROM " +
                "scan_evidence e WHERE e.sha256 = b.sha256)"));
        var onDisk = Directory.EnumerateFiles(files.Root, "*",
            SearchOption.AllDirectories).Count(f => !f.Contains(".staging") && !f.EndsWith(".json", StringComparison.Ordinal));
        Assert.Equal(kept.Count, onDisk);
        Assert.Empty(Directory.EnumerateFileSystemEntries(files.StagingRoot));
    }
}
