using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;
using PlanNacc.Crawler;
using PlanNacc.Scoring;
using PlanNacc.Web.Features.Criteria;
using PlanNacc.Crawler.Politeness;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Features.Runs.Politeness;
using PlanNacc.Web.Features.Runs.Retention;
using PlanNacc.Web.Features.Evidence;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Runs;

public static class RunsExtensions
{
    /// <summary>
    /// Crawler, scorer, the scan jobs and Hangfire's client on the configured database (no job server: see <see cref="AddJobServer"/>).
    /// </summary>
    public static IHostApplicationBuilder AddRuns(this IHostApplicationBuilder builder, Action<CrawlerOptions>? configureCrawler = null)
    {
        builder.Services.AddOptions<ScanOptions>().BindConfiguration(ScanOptions.Section);
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section);
        builder.Services.AddOptions<RunSweeperOptions>().BindConfiguration(RunSweeperOptions.Section);
        builder.Services.AddOptions<CrawlerOptions>().BindConfiguration(CrawlerSection)
            .Configure<IOptions<ScanOptions>, IConfiguration>((o, scans, configuration) =>
            {
                if (scans.Value.ResolveFile is { Length: > 0 } file)
                {
                    ResolveFile.Apply(file, o);
                }
                ApplyResolveSettings(configuration.GetSection(CrawlerSection).GetSection("Resolve"), o);
                configureCrawler?.Invoke(o);
            });
        builder.Services.AddSingleton<EvidenceRouter>();
        builder.Services.AddSingleton<EvidenceStore>();
        builder.Services.AddSingleton<EvidenceRetention>();
        builder.Services.AddSingleton(sp =>
        {
            var crawler = sp.GetRequiredService<IOptions<CrawlerOptions>>().Value;
            var scans = sp.GetRequiredService<IOptions<ScanOptions>>().Value;
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            // On PostgreSQL every worker shares one run, so politeness must be shared too; SQLite serves one process.
            IRequestGate? gate = storage.Provider == DatabaseProvider.Postgres && scans.SharedPoliteness
                ? new SharedRequestGate(
                    sp.GetRequiredService<Database>(), crawler.MaxConcurrentPerAddress, LeaseTime(scans, crawler),
                    sp.GetRequiredService<ILogger<SharedRequestGate>>())
                : null;
            return new SiteCrawler(crawler, sp.GetRequiredService<EvidenceRouter>(), requestGate: gate);
        });
        // `scan` judges with the built-in years; site jobs ask CriteriaSource, which adds the years an operator imported.
        builder.Services.AddSingleton<SiteScorer>();
        builder.AddCriteria();
        builder.Services.AddSingleton<ScanStore>();
        builder.Services.AddSingleton<RunStore>();
        builder.Services.AddTransient<SiteScanService>();
        builder.Services.AddTransient<ScanJobs>();
        builder.Services.AddTransient<Rescore.RescoreJobs>();
        builder.Services.AddTransient<RunSweeper>();

        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var scanOptions = builder.Configuration.GetSection(ScanOptions.Section).Get<ScanOptions>() ?? new ScanOptions();
        builder.Services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (storage.Provider == DatabaseProvider.Postgres)
            {
                config.UsePostgreSqlStorage(
                    o => o.UseNpgsqlConnection(storage.EffectiveConnectionString),
                    new PostgreSqlStorageOptions
                    {
                        QueuePollInterval = TimeSpan.FromSeconds(1),
                        PrepareSchemaIfNecessary = true,
                        // A killed worker's jobs go back to the queue after this; live workers keep theirs fresh, so no crawl runs twice.
                        InvisibilityTimeout = scanOptions.InvisibilityTimeout,
                        UseSlidingInvisibilityTimeout = true,
                        DistributedLockTimeout = scanOptions.StaleLockTimeout,
                    });
            }
            else
            {
                // Hangfire keeps its own SQLite file: its polling and locks then never wait on the scans' writes.
                config.UseSQLiteStorage(
                    storage.HangfireSqliteFile, new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) });
            }
        });
        return builder;
    }

    /// <summary>A Hangfire job server in this process (`serve`, `worker`, `run --work`), as many workers as Scans:WorkerCount.</summary>
    public static IHostApplicationBuilder AddJobServer(this IHostApplicationBuilder builder)
    {
        var scanOptions = builder.Configuration.GetSection(ScanOptions.Section).Get<ScanOptions>() ?? new ScanOptions();
        builder.Services.AddHangfireServer(o =>
        {
            o.WorkerCount = Math.Max(1, scanOptions.WorkerCount);
            o.SchedulePollingInterval = scanOptions.SchedulePollingInterval;
        });
        return builder;
    }

    public const string CrawlerSection = "Crawler";

    /// <summary>
    /// Crawler:Resolve:&lt;host&gt; = address (env Crawler__Resolve__&lt;host&gt;), what `scan --resolve host:ip` does: the
    /// configuration binder cannot make an IPAddress, so the map is read here.
    /// </summary>
    public static void ApplyResolveSettings(IConfigurationSection resolve, CrawlerOptions crawler)
    {
        foreach (var entry in resolve.GetChildren())
        {
            crawler.Resolve[entry.Key] = System.Net.IPAddress.TryParse(entry.Value?.Trim().Trim('[', ']'), out var address)
                ? address
                : throw new StorageConfigurationException($"Crawler:Resolve:{entry.Key} must be an IP address, not '{entry.Value}'");
        }
    }

    /// <summary>
    /// An address slot is held for one exchange; its lease must outlast the longest exchange, or a slow one would share its slot.
    /// </summary>
    public static TimeSpan LeaseTime(ScanOptions scans, CrawlerOptions crawler)
    {
        var longest = crawler.ConnectTimeout + crawler.RequestTimeout + TimeSpan.FromSeconds(5);
        return scans.AddressLeaseTime > longest ? scans.AddressLeaseTime : longest;
    }

    /// <summary>Registers the nightly run (cron in Bangkok time by default).</summary>
    public static void ScheduleNightlyRun(IRecurringJobManager manager, ScanOptions options) =>
        manager.AddOrUpdate<ScanJobs>(
            ScanJobs.NightlyJobId,
            j => j.StartNightlyRunAsync(),
            options.NightlyCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone) });

    /// <summary>Registers the evidence clean-up (cron in the scans' time zone).</summary>
    public static void ScheduleRetention(IRecurringJobManager manager, ScanOptions scans, RetentionOptions retention) =>
        manager.AddOrUpdate<EvidenceRetention>(
            EvidenceRetention.JobId,
            r => r.RunAsync(CancellationToken.None),
            retention.Cron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(scans.TimeZone) });

    /// <summary>Registers the run sweeper (<see cref="RunSweeperOptions.SweepEvery"/>), or removes it when the setting is zero.</summary>
    public static void ScheduleRunSweeper(IRecurringJobManager manager, ScanOptions scans, RunSweeperOptions sweeper)
    {
        if (sweeper.Cron() is not { } cron)
        {
            manager.RemoveIfExists(RunSweeper.JobId);
            return;
        }
        manager.AddOrUpdate<RunSweeper>(
            RunSweeper.JobId,
            s => s.RunAsync(CancellationToken.None),
            cron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(scans.TimeZone) });
    }

    /// <summary>The run API; schedules the nightly run, the run sweeper and the evidence clean-up.</summary>
    public static WebApplication MapRuns(this WebApplication app)
    {
        app.MapRunApi();
        var manager = app.Services.GetRequiredService<IRecurringJobManager>();
        var scans = app.Services.GetRequiredService<IOptions<ScanOptions>>().Value;
        ScheduleNightlyRun(manager, scans);
        ScheduleRetention(manager, scans, app.Services.GetRequiredService<IOptions<RetentionOptions>>().Value);
        ScheduleRunSweeper(manager, scans, app.Services.GetRequiredService<IOptions<RunSweeperOptions>>().Value);
        return app;
    }
}
