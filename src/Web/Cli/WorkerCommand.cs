using PlanNacc.Web.Composition;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Features.Scans.Evidence;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Cli;

/// <summary>`worker`: Hangfire job servers only, sharing the runs of a PostgreSQL database with any number of other workers.</summary>
public static class WorkerCommand
{
    public static async Task<int> RunAsync(Dictionary<string, string?> overrides)
    {
        var builder = AppHost.CreateBuilder(overrides);
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (storage.Provider != DatabaseProvider.Postgres)
        {
            throw new UsageException(
                "worker needs PostgreSQL (SQLite serves one process: use `serve`); " +
                "start it with --db postgres --connection \"Host=…;Username=…;Database=…\"");
        }
        builder.CheckStorage(keepsEvidence: true);
        builder.AddPlanNacc();
        builder.AddJobServer();
        using var host = await builder.Build().MigrateAsync();
        host.Services.GetRequiredService<EvidenceFiles>().SweepStaleStaging(TimeSpan.FromDays(1));
        await host.RunAsync();
        return CommandLine.Ok;
    }
}
