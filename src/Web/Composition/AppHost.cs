using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;
using PlanNacc.Crawler;
using PlanNacc.Scoring.Classification;
using PlanNacc.Scoring.Criteria;
using PlanNacc.Web.Features;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Plans;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Composition;

/// <summary>
/// The one composition root. Every verb builds its host here, from the same settings (appsettings.json beside the
/// assembly, appsettings.{Environment}.json, environment variables, then <see cref="Settings.Overrides"/>: PLANNACC_*
/// and the command line) and the same registration (<see cref="AddPlanNacc"/>); `serve` adds the dashboard on top.
/// </summary>
public static class AppHost
{
    /// <summary>A host for a verb without a web server (worker, run, runs, scan, classify, criteria, import-registry, add-admin…).</summary>
    public static HostApplicationBuilder CreateBuilder(IReadOnlyDictionary<string, string?> overrides) =>
        Prepare(Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(AppHost).Assembly.GetName().Name,
        }), overrides);

    /// <summary>The web host of `serve`.</summary>
    public static WebApplicationBuilder CreateWebBuilder(IReadOnlyDictionary<string, string?> overrides) =>
        Prepare(WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory }), overrides);

    private static T Prepare<T>(T builder, IReadOnlyDictionary<string, string?> overrides) where T : IHostApplicationBuilder
    {
        builder.Configuration.AddInMemoryCollection(overrides);
        LogToStandardError(builder);
        return builder;
    }

    /// <summary>Standard output carries a verb's answer (JSON, a summary line) and nothing else; every log line goes to stderr.</summary>
    public static IHostApplicationBuilder LogToStandardError(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // A host that cannot start (a busy port) is reported by the verb as one clear line, not a logged stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        return builder;
    }

    /// <summary>
    /// Every service a verb may use, each bound to its settings section: storage, registry, criteria and scoring, the
    /// crawler, runs and their jobs (Hangfire client), accounts, plans. Services are built on first use, so a verb
    /// that needs no database never opens one. <paramref name="configureCrawler"/> is applied after the settings (the demo farm).
    /// </summary>
    public static IHostApplicationBuilder AddPlanNacc(this IHostApplicationBuilder builder, Action<CrawlerOptions>? configureCrawler = null)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(CriteriaCatalog.Default);
        builder.Services.TryAddSingleton(sp => new DisclosureClassifier(sp.GetRequiredService<CriteriaCatalog>()));
        builder.AddStorage();
        builder.AddRegistry();
        builder.AddScanJobs(configureCrawler);
        builder.AddAccountStore();
        builder.AddPlans();
        return builder;
    }

    /// <summary>
    /// Checks the storage settings before anything is built (one clear line when they cannot work) and creates the data
    /// folder where it is used: always for SQLite, and for the evidence a process that scans keeps.
    /// </summary>
    public static StorageOptions CheckStorage(this IHostApplicationBuilder builder, bool keepsEvidence)
    {
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        storage.Validate();
        if (storage.Provider == DatabaseProvider.Sqlite || keepsEvidence)
        {
            StorageExtensions.EnsureDataDir(storage);
        }
        return storage;
    }

    /// <summary>Brings the schema up to date before the verb touches the database.</summary>
    public static async Task<T> MigrateAsync<T>(this T host) where T : IHost
    {
        await host.Services.GetRequiredService<Migrator>().MigrateAsync();
        return host;
    }
}
