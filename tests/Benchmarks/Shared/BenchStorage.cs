using Dapper;
using Npgsql;
using PlanNacc.Web.Storage;

// DAP005: Dapper.AOT's analyzer arrives with Hangfire.PostgreSql; plain Dapper is used on purpose (platform.md).
#pragma warning disable DAP005

namespace PlanNacc.Benchmarks.Shared;

/// <summary>
/// A throwaway PlanNacc store for one benchmark: a temporary data folder, and on PostgreSQL a database of its own created
/// through an admin connection. Disposing removes both unless <see cref="Keep"/> is set.
/// </summary>
public sealed class BenchStorage : IAsyncDisposable
{
    private readonly string? _adminConnection;
    private readonly string? _pgDatabase;

    private BenchStorage(StorageOptions options, string? adminConnection, string? pgDatabase)
    {
        Options = options;
        _adminConnection = adminConnection;
        _pgDatabase = pgDatabase;
    }

    public StorageOptions Options { get; }

    /// <summary>Leave the data folder (and database) in place at the end, e.g. to measure it again with --seeded.</summary>
    public bool Keep { get; set; }

    /// <summary>The PostgreSQL database's name, or the SQLite data folder: what --seeded takes to reuse it.</summary>
    public string Location => _pgDatabase is null ? Options.FullDataDir : Options.ConnectionString!;

    /// <param name="db">sqlite or postgres.</param>
    /// <param name="adminConnection">PostgreSQL: a connection string allowed to CREATE DATABASE (or PLANNACC_BENCH_PG / PLANNACC_TEST_PG).</param>
    public static async Task<BenchStorage> CreateAsync(string db, string? adminConnection, string prefix)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"plannacc-{prefix}-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var storage = new StorageOptions { DataDir = folder };
        if (db != "postgres")
        {
            return new BenchStorage(storage, null, null);
        }
        var admin = adminConnection ?? Environment.GetEnvironmentVariable("PLANNACC_BENCH_PG") ?? Environment.GetEnvironmentVariable("PLANNACC_TEST_PG")
            ?? throw new InvalidOperationException("--db postgres needs --connection (an admin connection string) or PLANNACC_BENCH_PG");
        var name = "bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync($"CREATE DATABASE {name}");
        }
        storage.Provider = DatabaseProvider.Postgres;
        storage.ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 200 }.ConnectionString;
        return new BenchStorage(storage, admin, name);
    }

    /// <summary>An existing store (a kept SQLite data folder, or a PostgreSQL connection string), never removed.</summary>
    public static BenchStorage Existing(string db, string location)
    {
        var storage = db == "postgres"
            ? new StorageOptions { Provider = DatabaseProvider.Postgres, ConnectionString = location, DataDir = Path.Combine(Path.GetTempPath(), "plannacc-seeded-pg") }
            : new StorageOptions { DataDir = location };
        return new BenchStorage(storage, null, null) { Keep = true };
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
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'");
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Keep)
        {
            return;
        }
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnection);
            await connection.OpenAsync();
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)");
        }
        try
        {
            Directory.Delete(Options.FullDataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
