using System.Security.Cryptography;
using System.Text;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;
using PlanNacc.Crawler;
using PlanNacc.Scoring;
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
        builder.Services.AddOptions<CrawlerOptions>().BindConfiguration("Crawler").Configure(o => configureCrawler?.Invoke(o));
        builder.Services.AddSingleton<EvidenceRouter>();
        builder.Services.AddSingleton<EvidenceFiles>();
        builder.Services.AddSingleton(sp => new SiteCrawler(sp.GetRequiredService<IOptions<CrawlerOptions>>().Value, sp.GetRequiredService<EvidenceRouter>()));
        builder.Services.AddSingleton<SiteScorer>();
        builder.Services.AddSingleton<ScanStore>();
        builder.Services.AddSingleton<RunStore>();
        builder.Services.AddTransient<SiteScanService>();
        builder.Services.AddTransient<ScanJobs>();

        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        builder.Services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (storage.Provider == DatabaseProvider.Postgres)
            {
                config.UsePostgreSqlStorage(
                    o => o.UseNpgsqlConnection(storage.EffectiveConnectionString),
                    new PostgreSqlStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1), PrepareSchemaIfNecessary = true });
            }
            else
            {
                // Hangfire keeps its own SQLite file: its polling and locks then never wait on the scans' writes.
                config.UseSQLiteStorage(storage.HangfireSqliteFile, new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) });
            }
        });
        if (runServer)
        {
            var workers = builder.Configuration.GetSection(ScanOptions.Section).Get<ScanOptions>()?.WorkerCount ?? new ScanOptions().WorkerCount;
            builder.Services.AddHangfireServer(o => o.WorkerCount = Math.Max(1, workers));
        }
        return builder;
    }

    /// <summary>Registers the nightly run (cron in Bangkok time by default).</summary>
    public static void ScheduleNightlyRun(IRecurringJobManager manager, ScanOptions options) =>
        manager.AddOrUpdate<ScanJobs>(
            ScanJobs.NightlyJobId,
            j => j.StartNightlyRunAsync(),
            options.NightlyCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone) });

    /// <summary>Schedules the nightly run and, only when an admin token is configured, the job dashboard at /hangfire.</summary>
    public static WebApplication MapScanJobs(this WebApplication app)
    {
        ScheduleNightlyRun(app.Services.GetRequiredService<IRecurringJobManager>(), app.Services.GetRequiredService<IOptions<ScanOptions>>().Value);
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
