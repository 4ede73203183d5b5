using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlanNacc.Crawler;
using PlanNacc.Scoring;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Evidence;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Tests.Runs;

// Beside the in-process web hosts: Hangfire.AspNetCore points Hangfire's static log provider at a host's logger
// factory, which is disposed with that host; these facts then set it back to Hangfire's own default.
[Collection(HangfireHosts.Name)]
public sealed class ScanJobsFacts : IClassFixture<DatabasesFixture>
{
    private readonly DatabasesFixture databases;

    public ScanJobsFacts(DatabasesFixture databases)
    {
        this.databases = databases;
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
    }

    [Fact]
    public void ScheduleNightlyRun_RunsAtTwoInTheMorning_BangkokTime()
    {
        using var storage = new InMemoryStorage();

        RunsExtensions.ScheduleNightlyRun(new RecurringJobManager(storage), new ScanOptions());

        using var connection = storage.GetConnection();
        var job = Assert.Single(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection));
        Assert.Equal((ScanJobs.NightlyJobId, "0 2 * * *", "Asia/Bangkok"), (job.Id, job.Cron, job.TimeZoneId));
        Assert.NotNull(job.NextExecution);
        Assert.Equal(19, job.NextExecution.Value.ToUniversalTime().Hour);
        Assert.Equal(0, job.NextExecution.Value.Minute);
    }

    [Fact]
    public async Task StartNightlyRunAsync_EnqueuesOneJobPerLaoWithWebsite()
    {
        var db = await databases.GetAsync("sqlite");
        var laos = new LaoStore(db.Database);
        var withSite = new[] { TestData.NewCode(), TestData.NewCode() };
        var without = TestData.NewCode();
        await laos.UpsertAsync(
            [TestData.Lao(withSite[0], website: "https://a.example.go.th/"), TestData.Lao(withSite[1], website: "https://b.example.go.th/"),
                TestData.Lao(without, website: null)],
            "test");
        using var storage = new InMemoryStorage();
        await using var crawler = new SiteCrawler(new CrawlerOptions());
        var runs = new RunStore(db.Database);
        var scanner = new SiteScanService(crawler, PlanNacc.Web.Features.Criteria.CriteriaSource.For(db.Database),
            new ScanStore(db.Database), new EvidenceRouter(), new EvidenceStore(db.Options.EvidenceDir),
                NullLogger<SiteScanService>.Instance);
        var jobs = new ScanJobs(laos, runs, scanner, new BackgroundJobClient(storage),
            Options.Create(new ScanOptions { FiscalYear = 2569 }), TimeProvider.System);
        var expected = (await laos.WithWebsiteAsync()).Count;

        var runId = await jobs.StartNightlyRunAsync();

        var run = await runs.GetAsync(runId);
        Assert.Equal(("nightly", "all", 2569, expected), (run!.Kind, run.Scope, run.FiscalYear, run.SitesTotal));
        var enqueued = storage.GetMonitoringApi().EnqueuedJobs("default", 0, 10_000);
        Assert.Equal(expected, enqueued.Count);
        var codes = enqueued.Select(j => (string)j.Value.Job.Args[1]).ToHashSet();
        Assert.Contains(withSite[0], codes);
        Assert.Contains(withSite[1], codes);
        Assert.DoesNotContain(without, codes);
        Assert.All(enqueued,
            j => Assert.Equal((runId, nameof(ScanJobs.ScanSiteAsync)), ((long)j.Value.Job.Args[0], j.Value.Job.Method.Name)));
    }

    [Fact]
    public async Task StartLaoScanAsync_EnqueuesThatLaoOnly_AndRefusesLaoWithoutWebsite()
    {
        var db = await databases.GetAsync("sqlite");
        var laos = new LaoStore(db.Database);
        var code = TestData.NewCode();
        var noSite = TestData.NewCode();
        await laos.UpsertAsync([TestData.Lao(code), TestData.Lao(noSite, website: null)], "test");
        using var storage = new InMemoryStorage();
        await using var crawler = new SiteCrawler(new CrawlerOptions());
        var runs = new RunStore(db.Database);
        var scanner = new SiteScanService(crawler, PlanNacc.Web.Features.Criteria.CriteriaSource.For(db.Database),
            new ScanStore(db.Database), new EvidenceRouter(), new EvidenceStore(db.Options.EvidenceDir),
                NullLogger<SiteScanService>.Instance);
        var jobs = new ScanJobs(laos, runs, scanner, new BackgroundJobClient(storage),
            Options.Create(new ScanOptions { FiscalYear = 2569 }), TimeProvider.System);

        var runId = await jobs.StartLaoScanAsync(code);
        var refused = await jobs.StartLaoScanAsync(noSite);
        var unknown = await jobs.StartLaoScanAsync("0000002");

        Assert.NotNull(runId);
        Assert.Null(refused);
        Assert.Null(unknown);
        var run = await runs.GetAsync(runId.Value);
        Assert.Equal(("on-demand", "lao:" + code, 1), (run!.Kind, run.Scope, run.SitesTotal));
        var job = Assert.Single(storage.GetMonitoringApi().EnqueuedJobs("default", 0, 100));
        Assert.Equal(code, (string)job.Value.Job.Args[1]);
    }
}
