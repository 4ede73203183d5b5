using Dapper;
using DbUp;

namespace PlanNacc.Web.Storage;

/// <summary>Brings the schema up to date at start-up with the embedded scripts of the configured database (idempotent).</summary>
public sealed class Migrator(Database database)
{
    // Any constant: serve and workers starting together on one PostgreSQL must not run the scripts twice.
    private const long PostgresMigrationLock = 0x506C616E4E616363;

    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default) =>
        MigrateAsync(lastScript: null, cancellationToken);

    /// <summary>
    /// Brings the schema only as far as <paramref name="lastScript"/> (e.g. "0030_exact_amounts.sql"): a store at an earlier
    /// schema, which a migration's tests fill with rows before running the rest.
    /// </summary>
    public Task<IReadOnlyList<string>> MigrateThroughAsync(string lastScript, CancellationToken cancellationToken = default) =>
        MigrateAsync(lastScript, cancellationToken);

    private async Task<IReadOnlyList<string>> MigrateAsync(string? lastScript, CancellationToken cancellationToken)
    {
        var prefix = $"PlanNacc.Web.Storage.Migrations.{database.Provider}.";
        Func<string, bool> wanted = name => name.StartsWith(prefix, StringComparison.Ordinal)
            && (lastScript is null || string.CompareOrdinal(name[prefix.Length..], lastScript) <= 0);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the dashboard read while a scan job writes; the mode is stored in the database file, so once is enough.
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
            }
            return Run(DeployChanges.To.SqliteDatabase(database.ConnectionString), prefix, wanted);
        }

        await using var lockConnection = await database.OpenAsync(cancellationToken);
        await lockConnection.ExecuteAsync("SELECT pg_advisory_lock(@key)", new { key = PostgresMigrationLock });
        try
        {
            return Run(DeployChanges.To.PostgresqlDatabase(database.ConnectionString), prefix, wanted);
        }
        finally
        {
            await lockConnection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = PostgresMigrationLock });
        }
    }

    private static IReadOnlyList<string> Run(DbUp.Builder.UpgradeEngineBuilder builder, string prefix, Func<string, bool> wanted)
    {
        var engine = builder
            .WithScriptsEmbeddedInAssembly(typeof(Migrator).Assembly, wanted)
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
