using Dapper;
using DbUp;

namespace PlanNacc.Web.Storage;

/// <summary>Brings the schema up to date at start-up with the embedded scripts of the configured database (idempotent).</summary>
public sealed class Migrator(Database database)
{
    // Any constant: serve and workers starting together on one PostgreSQL must not run the scripts twice.
    private const long PostgresMigrationLock = 0x506C616E4E616363;

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var prefix = $"PlanNacc.Web.Storage.Migrations.{database.Provider}.";
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the dashboard read while a scan job writes; the mode is stored in the database file, so once is enough.
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
            }
            return Run(DeployChanges.To.SqliteDatabase(database.ConnectionString), prefix);
        }

        await using var lockConnection = await database.OpenAsync(cancellationToken);
        await lockConnection.ExecuteAsync("SELECT pg_advisory_lock(@key)", new { key = PostgresMigrationLock });
        try
        {
            return Run(DeployChanges.To.PostgresqlDatabase(database.ConnectionString), prefix);
        }
        finally
        {
            await lockConnection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = PostgresMigrationLock });
        }
    }

    private static IReadOnlyList<string> Run(DbUp.Builder.UpgradeEngineBuilder builder, string prefix)
    {
        var engine = builder
            .WithScriptsEmbeddedInAssembly(typeof(Migrator).Assembly, name => name.StartsWith(prefix, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();
        var result = engine.PerformUpgrade();
        if (!result.Successful)
        {
            throw new StorageConfigurationException(
                $"database migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
        }
        return result.Scripts.Select(s => s.Name[prefix.Length..]).ToList();
    }
}
