using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Storage;

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
        var storage = CommandLine.StorageOptions(CommandLine.Configuration(overrides));
        if (storage.Provider == DatabaseProvider.Sqlite)
        {
            StorageExtensions.EnsureDataDir(storage);
        }
        var database = new Database(storage);
        await new Migrator(database).MigrateAsync();
        var report = await new RegistryImport(new LaoStore(database)).ImportAsync(file, "cli");
        foreach (var problem in report.Problems)
        {
            Console.Error.WriteLine(problem.ToString());
        }
        foreach (var note in report.SharedHosts.Select(h => h.ToString()).Concat(report.DuplicateWebsites.Select(d => d.ToString())))
        {
            Console.Error.WriteLine(note);
        }
        Console.WriteLine(report.Summary);
        return CommandLine.Ok;
    }
}
