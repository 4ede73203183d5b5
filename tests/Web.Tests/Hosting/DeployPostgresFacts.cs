using System.Diagnostics;
using Dapper;
using Npgsql;
using PlanNacc.Tests.Shared;

namespace PlanNacc.Web.Tests.Hosting;

/// <summary>
/// deploy/backup on PostgreSQL: the scripts read the service's .NET connection string (spaces after the separators, as
/// operators write them) through the one shared pg-env.sh, and a backup restores the rows it held.
/// </summary>
public sealed class DeployPostgresFacts : IAsyncLifetime
{
    private readonly string _temp = Directory.CreateTempSubdirectory("plannacc-deploy-pg-").FullName;
    private ThrowawayStore? _store;

    [PostgresFact]
    public async Task Backup_ThenRestore_GivesBackThePostgresRows()
    {
        var connection = _store!.Options.ConnectionString!;
        await using (var db = new NpgsqlConnection(connection))
        {
            await db.ExecuteAsync("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('แผนปฏิบัติการ 🙂');");
        }
        var written = new NpgsqlConnectionStringBuilder(connection);
        var environment = new Dictionary<string, string>
        {
            ["PLANNACC_DATA"] = Path.Combine(_temp, "data"),
            ["PLANNACC_DB"] = "postgres",
            ["PLANNACC_CONNECTION"] =
                $"Host={written.Host}; Port={written.Port}; Username={written.Username}; Database={written.Database}",
        };
        Directory.CreateDirectory(environment["PLANNACC_DATA"]);

        var backup = await RunAsync("backup/plannacc-backup.sh", Path.Combine(_temp, "backups"), environment);
        await using (var db = new NpgsqlConnection(connection))
        {
            await db.ExecuteAsync("DELETE FROM t");
        }
        var restore = await RunAsync("backup/plannacc-restore.sh", Path.Combine(_temp, "backups", "latest"), environment);

        Assert.True(backup.Exit == 0, backup.Output);
        Assert.True(File.Exists(Path.Combine(_temp, "backups", "latest", "plannacc.pgdump")), backup.Output);
        Assert.True(restore.Exit == 0, restore.Output);
        NpgsqlConnection.ClearAllPools();
        await using (var db = new NpgsqlConnection(connection))
        {
            Assert.Equal(["แผนปฏิบัติการ 🙂"], await db.QueryAsync<string>("SELECT x FROM t"));
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(
        string script, string argument, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Path.Combine(TestEnvironment.RepoRoot, "deploy", script))
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    public async Task InitializeAsync()
    {
        if (TestEnvironment.PostgresConnectionString is not null)
        {
            _store = await ThrowawayStore.CreateAsync("postgres", prefix: "deploy");
        }
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
        Directory.Delete(_temp, recursive: true);
    }
}
