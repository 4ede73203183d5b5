using Dapper;
using PlanNacc.Tests.Shared;
using PlanNacc.Web.Storage;

// DAP005: Dapper.AOT's analyzer arrives with Hangfire.PostgreSql; plain Dapper is used on purpose (platform.md).
#pragma warning disable DAP005

namespace PlanNacc.Benchmarks.Shared;

/// <summary>
/// The store of one benchmark: a <see cref="ThrowawayStore"/> (the tests' helper: a temporary data folder, and on PostgreSQL
/// a database of its own), or with --seeded an existing one, never removed.
/// </summary>
public sealed class BenchStorage : IAsyncDisposable
{
    private readonly ThrowawayStore? _store;

    private BenchStorage(StorageOptions options, ThrowawayStore? store)
    {
        Options = options;
        _store = store;
    }

    public StorageOptions Options { get; }

    /// <summary>Leave the data folder (and database) in place at the end, e.g. to measure it again with --seeded.</summary>
    public bool Keep
    {
        get => _store?.Keep ?? true;
        set
        {
            if (_store is not null)
            {
                _store.Keep = value;
            }
        }
    }

    /// <summary>The PostgreSQL database's connection string, or the SQLite data folder: what --seeded takes to reuse it.</summary>
    public string Location => Options.Provider == DatabaseProvider.Postgres ? Options.ConnectionString! : Options.FullDataDir;

    /// <param name="db">sqlite or postgres.</param>
    /// <param name="adminConnection">
    /// PostgreSQL: a connection string allowed to CREATE DATABASE (or PLANNACC_BENCH_PG / PLANNACC_TEST_PG).
    /// </param>
    public static async Task<BenchStorage> CreateAsync(string db, string? adminConnection, string prefix)
    {
        var admin = db != "postgres"
            ? null
            : adminConnection
                ?? Environment.GetEnvironmentVariable("PLANNACC_BENCH_PG")
                ?? Environment.GetEnvironmentVariable("PLANNACC_TEST_PG")
                ?? throw new InvalidOperationException(
                    "--db postgres needs --connection (an admin connection string) or PLANNACC_BENCH_PG");
        var store = await ThrowawayStore.CreateAsync(db, admin, prefix, maxPoolSize: 200);
        return new BenchStorage(store.Options, store);
    }

    /// <summary>An existing store (a kept SQLite data folder, or a PostgreSQL connection string), never removed.</summary>
    public static BenchStorage Existing(string db, string location)
    {
        var storage = db == "postgres"
            ? new StorageOptions
            {
                Provider = DatabaseProvider.Postgres,
                ConnectionString = location,
                DataDir = Path.Combine(Path.GetTempPath(), "plannacc-seeded-pg"),
            }
            : new StorageOptions { DataDir = location };
        return new BenchStorage(storage, null);
    }

    /// <summary>Bytes of PlanNacc's own tables (not Hangfire's), after folding SQLite's WAL into the file.</summary>
    public async Task<long> DatabaseBytesAsync(Database database)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await using (var connection = await database.OpenAsync())
            {
                await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            return new FileInfo(Options.SqliteFile).Length;
        }
        await using var pg = await database.OpenAsync();
        return await pg.ExecuteScalarAsync<long>(
            """
            SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r'
            """);
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }
}
