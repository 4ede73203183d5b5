using Microsoft.AspNetCore.Connections;
using PlanNacc.Web.Composition;
using PlanNacc.Web.Features;
using PlanNacc.Web.Features.Demo;
using PlanNacc.Web.Features.Evidence;
using PlanNacc.Web.Features.Notifications;
using PlanNacc.Web.Hosting;
using PlanNacc.Web.Storage;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Cli;

/// <summary>`serve`: dashboard, job server and the nightly schedule in one process; `--demo` adds the site farm.</summary>
public static class ServeCommand
{
    /// <summary>The web host of `serve`: areas wired, schema migrated, nightly run scheduled. Tests build the same host.</summary>
    public static async Task<WebApplication> BuildAsync(
        WebApplicationBuilder builder, Action<PlanNacc.Crawler.CrawlerOptions>? configureCrawler, bool runJobServer = true)
    {
        builder.LogToStandardError();
        builder.AddWebDefaults();
        builder.AddHealth();
        builder.AddProblems();
        builder.AddPlanNacc(configureCrawler);
        if (runJobServer)
        {
            builder.AddJobServer();
        }
        builder.Services.AddOptions<JobDashboardOptions>().BindConfiguration(JobDashboardOptions.Section);
        builder.AddDashboard();
        var app = builder.Build();
        app.UseWebDefaults();
        app.UseProblems();
        await app.MigrateAsync();
        app.Services.GetRequiredService<EvidenceStore>().SweepStaleStaging(TimeSpan.FromDays(1));
        app.MapJobDashboard();
        app.MapDashboard();
        app.MapRuns();
        app.MapNotifications();
        return app;
    }

    public static async Task<int> RunAsync(CliArgs cli, Dictionary<string, string?> overrides)
    {
        var builder = AppHost.CreateWebBuilder(overrides);
        if (cli.Value("--urls") is { } urls)
        {
            builder.WebHost.UseUrls(urls);
        }
        builder.CheckStorage(keepsEvidence: false);

        FarmProcess? farm = null;
        var demo = builder.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
        if (cli.Has("--demo"))
        {
            var scans = builder.Configuration.GetSection(ScanOptions.Section).Get<ScanOptions>() ?? new ScanOptions();
            var year = scans.AssessedYear(TimeProvider.System);
            farm = await FarmProcess.StartAsync(demo, year, CancellationToken.None);
        }
        try
        {
            Action<PlanNacc.Crawler.CrawlerOptions>? toFarm =
                farm is null ? null : crawler => DemoSetup.ConfigureCrawler(crawler, farm.Ready, demo);
            await using var app = await BuildAsync(builder, toFarm);
            try
            {
                await app.StartAsync();
            }
            catch (IOException e) when (e.InnerException is AddressInUseException
                || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliFailure(
                    $"cannot listen on {cli.Value("--urls") ?? "the default address"}: "
                    + "the port is already in use (choose another with --urls)",
                    CommandLine.Failed);
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
