using PlanNacc.Web.Composition;
using PlanNacc.Web.Features.Registry;

namespace PlanNacc.Web.Cli;

/// <summary>`import-registry FILE.csv`: upsert LAOs by DLA code; bad rows are reported by line and skipped.</summary>
public static class ImportRegistryCommand
{
    public static async Task<int> RunAsync(CliArgs cli, Dictionary<string, string?> overrides)
    {
        var file = cli.Positionals[0];
        if (!File.Exists(file))
        {
            throw new UsageException($"import-registry: no such file {file}", cli.Verb);
        }
        var builder = AppHost.CreateBuilder(overrides);
        builder.CheckStorage(keepsEvidence: false);
        builder.AddPlanNacc();
        using var host = await builder.Build().MigrateAsync();
        var report = await host.Services.GetRequiredService<RegistryImport>().ImportAsync(file, "cli");
        foreach (var problem in report.Problems)
        {
            Console.Error.WriteLine(problem.ToString());
        }
        Console.WriteLine(report.Summary);
        return CommandLine.Ok;
    }
}
