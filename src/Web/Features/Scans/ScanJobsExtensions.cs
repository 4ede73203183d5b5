using System.Security.Cryptography;
using System.Text;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;
using PlanNacc.Crawler;
using PlanNacc.Web.Features.Criteria;
using PlanNacc.Crawler.Politeness;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Features.Runs.Politeness;
using PlanNacc.Web.Features.Runs.Retention;
using PlanNacc.Web.Features.Scans.Evidence;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Scans;

public static class ScanJobsExtensions
{
    /// <summary>Crawler, scorer, the scan jobs and Hangfire on the configured database; <paramref name="runServer"/> adds a job server.</summary>
    public static IHostApplicationBuilder AddScanJobs(this IHostApplicationBuilder builder, bool runServer, Action<CrawlerOptions>? configureCrawler = null)
    {
        builder.Services.AddOptions<ScanOptions>().BindConfiguration(ScanOptions.Section);
        builder.Services.AddOptions<JobDashboardOptions>().BindConfiguration(JobDashboardOptions.Section);
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section);
        builder.Services.AddOptions<RunSweeperOptions>().BindConfiguration(RunSweeperOptions.Section);
        builder.Services.AddOptions<CrawlerOptions>().BindConfiguration("Crawler").Configure<IOptions<ScanOptions>>((o, scans) =>
        {
            if (scans.Value.ResolveFile is { Length: > 0 } file)
            {
                ResolveFile.Apply(file, o);
            }
            configureCrawler?.Invoke(o);
        });
        builder.Services.AddSingleton<EvidenceRouter>();
        builder.Services.AddSingleton<EvidenceFiles>();
        builder.Services.AddSingleton<EvidenceRetention>();
        builder.Services.AddSingleton(sp =>
        {
            var crawler = sp.GetRequiredService<IOptions<CrawlerOptions>>().Value;
            var scans = sp.GetRequiredService<IOptions<ScanOptions>>().Value;
            var database = sp.GetRequiredService<Database>();
            // On PostgreSQL every worker shares one run, so politeness must be shared too; SQLite serves one process.
            IRequestGate? gate = database.Provider == DatabaseProvider.Postgres && scans.SharedPoliteness
                ? new SharedRequestGate(database, crawler.MaxConcurrentPerAddress, LeaseTime(scans, crawler), sp.GetRequiredService<ILogger<SharedRequestGate>>())
                : null;
            return new SiteCrawler(crawler, sp.GetRequiredService<EvidenceRouter>(), requestGate: gate);
        });
        builder.AddCriteria();
        builder.Services.AddSingleton<ScanStore>();
        builder.Services.AddSingleton<RunStore>();
        builder.Services.AddTransient<SiteScanService>();
        builder.Services.AddTransient<ScanJobs>();
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
                    });
            }
            else
            {
                // Hangfire keeps its own SQLite file: its polling and locks then never wait on the scans' writes.
                config.UseSQLiteStorage(storage.HangfireSqliteFile, new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) });
            }
        });
        if (runServer)
        {
            builder.Services.AddHangfireServer(o => o.WorkerCount = Math.Max(1, scanOptions.WorkerCount));
        }
        return builder;
    }

    /// <summary>An address slot is held for one exchange; its lease must outlast the longest exchange, or a slow one would share its slot.</summary>
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

    /// <summary>Schedules the nightly run, the run sweeper and the evidence clean-up and, only when an admin token is configured, the job dashboard at /hangfire.</summary>
    public static WebApplication MapScanJobs(this WebApplication app)
    {
        var manager = app.Services.GetRequiredService<IRecurringJobManager>();
        var scans = app.Services.GetRequiredService<IOptions<ScanOptions>>().Value;
        ScheduleNightlyRun(manager, scans);
        ScheduleRetention(manager, scans, app.Services.GetRequiredService<IOptions<RetentionOptions>>().Value);
        ScheduleRunSweeper(manager, scans, app.Services.GetRequiredService<IOptions<RunSweeperOptions>>().Value);
        var token = app.Services.GetRequiredService<IOptions<JobDashboardOptions>>().Value.AdminToken;
        if (!string.IsNullOrWhiteSpace(token))
        {
            app.UseHangfireDashboard("/hangfire", new DashboardOptions
            {
                Authorization = [new AdminTokenFilter(token)],
                DisplayStorageConnectionString = false,
                AppPath = "/",
            });
        }
        return app;
    }
}

/// <summary>
/// Lets through only requests that carry the configured admin token (query once, then an HttpOnly cookie, or a bearer
/// header). Not Hangfire's local-requests default: behind a reverse proxy every request looks local.
/// </summary>
public sealed class AdminTokenFilter : IDashboardAuthorizationFilter
{
    public const string CookieName = "plannacc_admin";
    private readonly byte[] _token;

    public AdminTokenFilter(string token)
    {
        if (token.Length < 16)
        {
            throw new StorageConfigurationException("JobDashboard:AdminToken must be at least 16 characters");
        }
        _token = Encoding.UTF8.GetBytes(token);
    }

    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (Matches(http.Request.Query["token"]))
        {
            http.Response.Cookies.Append(CookieName, Encoding.UTF8.GetString(_token), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                Path = "/hangfire",
            });
            return true;
        }
        var header = http.Request.Headers.Authorization.ToString();
        return Matches(http.Request.Cookies[CookieName])
            || (header.StartsWith("Bearer ", StringComparison.Ordinal) && Matches(header["Bearer ".Length..]));
    }

    private bool Matches(string? presented) =>
        !string.IsNullOrEmpty(presented) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _token);
}
