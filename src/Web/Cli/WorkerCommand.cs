using PlanNacc.Web.Features.Notifications;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Features.Scans.Evidence;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Cli;

/// <summary>`worker`: Hangfire job servers only, sharing the runs of a PostgreSQL database with any number of other workers.</summary>
public static class WorkerCommand
{
    public static async Task<int> RunAsync(Dictionary<string, string?> overrides)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(overrides);
        var storage = CommandLine.StorageOptions(builder.Configuration);
        if (storage.Provider != DatabaseProvider.Postgres)
        {
            throw new UsageException("worker needs PostgreSQL (SQLite serves one process: use `serve`); start it with --db postgres --connection \"Host=…;Username=…;Database=…\"");
        }
        storage.Validate();
        StorageExtensions.EnsureDataDir(storage);
        builder.AddStorage();
        builder.AddScanJobs(runServer: true);
        builder.AddNotifications();
        var host = builder.Build();
        await host.Services.GetRequiredService<Migrator>().MigrateAsync();
        host.Services.GetRequiredService<EvidenceFiles>().SweepStaleStaging(TimeSpan.FromDays(1));
        await host.RunAsync();
        return CommandLine.Ok;
    }
}
