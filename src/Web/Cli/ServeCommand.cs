using Microsoft.AspNetCore.Connections;
using PlanNacc.Scoring.Thai;
using PlanNacc.Web.Features;
using PlanNacc.Web.Features.Demo;
using PlanNacc.Web.Features.Notifications;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Features.Scans.Evidence;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Cli;

/// <summary>`serve`: dashboard, job server and the nightly schedule in one process; `--demo` adds the site farm.</summary>
public static class ServeCommand
{
    /// <summary>The web host of `serve`: areas wired, schema migrated, nightly run scheduled. Tests build the same host.</summary>
    public static async Task<WebApplication> BuildAsync(WebApplicationBuilder builder, Action<PlanNacc.Crawler.CrawlerOptions>? configureCrawler, bool runJobServer = true)
    {
        builder.AddStorage();
        builder.AddScanJobs(runJobServer, configureCrawler);
        builder.AddDashboard();
        builder.AddNotifications();
        var app = builder.Build();
        await app.Services.GetRequiredService<Migrator>().MigrateAsync();
        app.Services.GetRequiredService<EvidenceFiles>().SweepStaleStaging(TimeSpan.FromDays(1));
        app.MapDashboard();
        app.MapScanJobs();
        app.MapNotifications();
        return app;
    }

    public static async Task<int> RunAsync(CliArgs cli, Dictionary<string, string?> overrides)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(overrides);
        if (cli.Value("--urls") is { } urls)
        {
            builder.WebHost.UseUrls(urls);
        }
        var storage = CommandLine.StorageOptions(builder.Configuration);
        storage.Validate();
        if (storage.Provider == DatabaseProvider.Sqlite)
        {
            StorageExtensions.EnsureDataDir(storage);
        }

        FarmProcess? farm = null;
        var demo = builder.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
        if (cli.Has("--demo"))
        {
            var year = builder.Configuration.GetSection(ScanOptions.Section).Get<ScanOptions>()?.FiscalYear ?? FiscalYears.Of(DateTimeOffset.UtcNow);
            farm = await FarmProcess.StartAsync(demo, year, CancellationToken.None);
        }
        try
        {
            await using var app = await BuildAsync(builder, farm is null ? null : crawler => DemoSetup.ConfigureCrawler(crawler, farm.Ready, demo));
            try
            {
                await app.StartAsync();
            }
            catch (IOException e) when (e.InnerException is AddressInUseException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliFailure($"cannot listen on {cli.Value("--urls") ?? "the default address"}: the port is already in use (choose another with --urls)", CommandLine.Failed);
            }
            if (farm is not null)
            {
                var runId = await DemoSetup.ImportAndScanAsync(app.Services, farm.Ready, app.Lifetime.ApplicationStopping);
                app.Logger.LogInformation("demo: site farm on port {Port}; run {RunId} scans its LAOs", farm.Ready.Port, runId);
            }
            await app.WaitForShutdownAsync();
            return CommandLine.Ok;
        }
        finally
        {
            if (farm is not null)
            {
                await farm.DisposeAsync();
            }
        }
    }
}
