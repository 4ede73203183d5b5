using Dapper;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlanNacc.Crawler;
using PlanNacc.Scoring;
using PlanNacc.SiteFarm;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Features.Evidence;

namespace PlanNacc.Web.Tests.Runs;

/// <summary>Runs by scope, and how a site job ends: a passing failure is retried later, a permanent one ends at once.</summary>
[Collection(HangfireHosts.Name)]
public sealed class RunJobsFacts : IAsyncLifetime
{
    private IRunningFarm? _farm;
    private TestDatabase? _db;
    private SiteCrawler? _crawler;

    public RunJobsFacts() => Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);

    public async Task InitializeAsync()
    {
        _farm = await Farm.StartAsync(new FarmOptions { Sites = 3, IncludeHostile = true, PagesPerSite = 6 });
        _db = await TestDatabase.CreateAsync("sqlite");
        await new LaoStore(_db.Database).UpsertAsync(RegistryCsvReader.Read(new StringReader(_farm.RegistryCsv())).Laos, "test");
        var options = new CrawlerOptions { AllowLoopback = true, EnableRendering = false, RequestsPerSecondPerHost = 50,
            MaxConcurrentPerAddress = 8, HonourCrawlDelay = false };
        foreach (var (host, address) in _farm.HostMap)
        {
            options.Resolve[host] = address;
        }
        options.Resolve["closed.farm.test"] = System.Net.IPAddress.Loopback;
        _crawler = new SiteCrawler(options, new EvidenceRouter());
    }

    public async Task DisposeAsync()
    {
        await _crawler!.DisposeAsync();
        await _farm!.DisposeAsync();
        await _db!.DisposeAsync();
    }

    private ScanJobs Jobs(InMemoryStorage storage, int[] delays) =>
        new(new LaoStore(_db!.Database), new RunStore(_db.Database),
            new SiteScanService(_crawler!, PlanNacc.Web.Features.Criteria.CriteriaSource.For(_db.Database), new ScanStore(_db.Database),
                new EvidenceRouter(), new EvidenceStore(_db.Options.EvidenceDir), NullLogger<SiteScanService>.Instance),
            new BackgroundJobClient(storage), Options.Create(new ScanOptions { FiscalYear = 2568, RetryDelaysSeconds = delays }),
                TimeProvider.System);

    private FarmSite Shape(string shape) => _farm!.Sites.Single(s => s.Shape == shape);

    private async Task<(string Status, string? Reason)?> ResultAsync(long runId, string code)
    {
        await using var connection = await _db!.Database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<(string, string?)?>(
            "SELECT status, reason FROM site_scans WHERE run_id = @runId AND dla_code = @code", new { runId, code });
    }

    [Fact]
    public async Task ScanSiteAsync_SchedulesAnotherAttempt_WhenSiteFailsForAPassingReason_ThenStoresTheLast()
    {
        using var storage = new InMemoryStorage();
        var jobs = Jobs(storage, [7]);
        var site = Shape("hostile-connection-reset");
        var run = (await jobs.StartAsync(RunScope.Lao(site.DlaCode))).RunId!.Value;

        await jobs.ScanSiteAsync(run, site.DlaCode, 2568, attempt: 1, CancellationToken.None);

        Assert.Null(await ResultAsync(run, site.DlaCode));
        var retry = Assert.Single(storage.GetMonitoringApi().ScheduledJobs(0, 10)).Value;
        Assert.Equal((run, site.DlaCode, 2), ((long)retry.Job.Args[0], (string)retry.Job.Args[1], (int)retry.Job.Args[3]));
        Assert.InRange(retry.EnqueueAt - DateTime.UtcNow, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(7));

        await jobs.ScanSiteAsync(run, site.DlaCode, 2568, attempt: 2, CancellationToken.None);

        var (status, reason) = (await ResultAsync(run, site.DlaCode))!.Value;
        Assert.Equal("unreachable", status);
        Assert.Contains("connection-reset", reason);
        Assert.Contains("after 2 attempts", reason);
        Assert.Single(storage.GetMonitoringApi().ScheduledJobs(0, 10));
    }

    [Theory]
    [InlineData("hostile-redirect-loop", "unreachable", "redirect-loop")]
    [InlineData("hostile-huge-body", "unreachable", "too-large")]
    public async Task ScanSiteAsync_EndsAtOnce_WhenFailureIsPermanent(string shape, string status, string reason)
    {
        using var storage = new InMemoryStorage();
        var jobs = Jobs(storage, [7, 7]);
        var site = Shape(shape);
        var run = (await jobs.StartAsync(RunScope.Lao(site.DlaCode))).RunId!.Value;

        await jobs.ScanSiteAsync(run, site.DlaCode, 2568, attempt: 1, CancellationToken.None);

        var stored = (await ResultAsync(run, site.DlaCode))!.Value;
        Assert.Equal(status, stored.Status);
        Assert.Contains(reason, stored.Reason);
        Assert.DoesNotContain("attempts", stored.Reason);
        Assert.Empty(storage.GetMonitoringApi().ScheduledJobs(0, 10));
    }

    [Fact]
    public async Task ScanSiteAsync_EndsAtOnce_WhenConnectionRefused()
    {
        using var storage = new InMemoryStorage();
        var jobs = Jobs(storage, [7, 7]);
        var code = TestData.NewCode();
        await new LaoStore(_db!.Database).UpsertAsync([TestData.Lao(code, website: $"http://closed.farm.test:{WebProcess.FreePort()}/")],
            "test");
        var run = (await jobs.StartAsync(RunScope.Lao(code))).RunId!.Value;

        await jobs.ScanSiteAsync(run, code, 2568, attempt: 1, CancellationToken.None);

        var stored = (await ResultAsync(run, code))!.Value;
        Assert.Equal("unreachable", stored.Status);
        Assert.Contains("connectionrefused", stored.Reason);
        Assert.Empty(storage.GetMonitoringApi().ScheduledJobs(0, 10));
        var progress = await new RunStore(_db.Database).ProgressAsync(run);
        Assert.Equal((1, 0, 1, 0, true), (progress!.Total, progress.Done, progress.Failed, progress.Left, progress.Finished));
        Assert.Equal(1, progress.ByStatus["unreachable"]);
    }

    [Fact]
    public async Task StartAsync_PlansTheLaosOfTheScope_AndRefusesAnEmptyOne()
    {
        using var storage = new InMemoryStorage();
        var jobs = Jobs(storage, [7]);
        var runs = new RunStore(_db!.Database);
        var province = _farm!.Sites[0].Province;
        var inProvince = _farm.Sites.Where(s => s.Province == province).Select(s => s.DlaCode).Order().ToList();

        var byProvince = await jobs.StartAsync(RunScope.Province(province));
        var all = await jobs.StartAsync(RunScope.All);
        var nowhere = await jobs.StartAsync(RunScope.Province("ไม่มีจังหวัดนี้"));
        var unknown = await jobs.StartAsync(RunScope.Lao("0000001"));

        Assert.Equal(inProvince, await runs.LeftAsync(byProvince.RunId!.Value));
        Assert.Equal($"province:{province}", (await runs.GetAsync(byProvince.RunId.Value))!.Scope);
        var laosWithSite = (await new LaoStore(_db.Database).WithWebsiteAsync()).Count;
        Assert.Equal(laosWithSite, all.Sites);
        Assert.Equal(laosWithSite, (await runs.LeftAsync(all.RunId!.Value)).Count);
        Assert.Equal(inProvince.Count + laosWithSite, storage.GetMonitoringApi().EnqueuedCount("default"));
        Assert.Null(nowhere.RunId);
        Assert.Contains("ไม่มีจังหวัดนี้", nowhere.Refusal);
        Assert.Contains("0000001", unknown.Refusal);
    }

    [Fact]
    public async Task ResumeAsync_EnqueuesAgainOnlyTheLaosWithoutAResult()
    {
        using var storage = new InMemoryStorage();
        var jobs = Jobs(storage, [7]);
        var start = await jobs.StartAsync(RunScope.All);
        var runId = start.RunId!.Value;
        var stored = (await new RunStore(_db!.Database).LeftAsync(runId))[0];
        await new ScanStore(_db.Database).SaveAsync(TestData.Result(runId, stored, []));
        var before = storage.GetMonitoringApi().EnqueuedCount("default");

        var again = await jobs.ResumeAsync(runId);

        Assert.Equal(start.Sites - 1, again);
        Assert.Equal(before + again, storage.GetMonitoringApi().EnqueuedCount("default"));
        var timesEnqueued = storage.GetMonitoringApi().EnqueuedJobs("default", 0,
            1000).GroupBy(j => (string)j.Value.Job.Args[1]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, timesEnqueued[stored]);
        Assert.Equal(start.Sites - 1, timesEnqueued.Count(p => p.Value == 2));
        Assert.Equal(-1, await jobs.ResumeAsync(987654321));
    }
}
