using Dapper;
using Npgsql;
using PlanNacc.Web.Storage;

// DAP005: Dapper.AOT's analyzer arrives with Hangfire.PostgreSql; plain Dapper is used on purpose (platform.md).
#pragma warning disable DAP005

namespace PlanNacc.Tests.Shared;

/// <summary>
/// A throwaway PlanNacc store for a test class or a benchmark: a temporary data folder (SQLite file, kept evidence) and, on
/// PostgreSQL, a database of its own created through an admin connection (PLANNACC_TEST_PG, or the one given). Disposing
/// removes both unless <see cref="Keep"/> is set.
/// </summary>
public sealed class ThrowawayStore : IAsyncDisposable
{
    private readonly string? _adminConnection;

    private ThrowawayStore(StorageOptions options, string folder, string? adminConnection, string? databaseName)
    {
        Options = options;
        Folder = folder;
        _adminConnection = adminConnection;
        DatabaseName = databaseName;
    }

    public StorageOptions Options { get; }

    /// <summary>The data folder (always removed with the store unless kept).</summary>
    public string Folder { get; }

    /// <summary>The PostgreSQL database's name, or null on SQLite.</summary>
    public string? DatabaseName { get; }

    /// <summary>Leave the folder (and database) in place at the end, e.g. to measure it again.</summary>
    public bool Keep { get; set; }

    /// <param name="provider">sqlite or postgres.</param>
    /// <param name="adminConnection">PostgreSQL: a connection string allowed to CREATE DATABASE; default PLANNACC_TEST_PG.</param>
    /// <param name="prefix">Names the folder and the database, so a leftover says who left it.</param>
    /// <param name="maxPoolSize">PostgreSQL: the pool of the store's own connection string (benchmarks run many workers).</param>
    public static async Task<ThrowawayStore> CreateAsync(
        string provider, string? adminConnection = null, string prefix = "tests", int? maxPoolSize = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"plannacc-{prefix}", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (provider != "postgres")
        {
            return new ThrowawayStore(new StorageOptions { DataDir = folder }, folder, null, null);
        }
        var admin = adminConnection ?? (Environment.GetEnvironmentVariable("PLANNACC_TEST_PG") is { Length: > 0 } pg ? pg : null)
            ?? throw new InvalidOperationException(
                "PLANNACC_TEST_PG is not set: the PostgreSQL tests need the throwaway server scripts/test.sh starts");
        var name = $"{prefix.Replace('-', '_')}_{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync($"CREATE DATABASE {name}");
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        if (maxPoolSize is { } pool)
        {
            builder.MaxPoolSize = pool;
        }
        var options = new StorageOptions
        {
            Provider = DatabaseProvider.Postgres, ConnectionString = builder.ConnectionString, DataDir = folder,
        };
        return new ThrowawayStore(options, folder, admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Keep)
        {
            return;
        }
        if (DatabaseName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnection);
            await connection.OpenAsync();
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)");
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
