using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Tests;

/// <summary>A fresh, migrated database for a test class: a SQLite file in a temp folder, or a new PostgreSQL database on PLANNACC_TEST_PG.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _adminConnection;
    private readonly string? _pgName;

    private TestDatabase(StorageOptions options, string folder, string? adminConnection, string? pgName)
    {
        Options = options;
        Folder = folder;
        Database = new Database(options);
        _adminConnection = adminConnection;
        _pgName = pgName;
    }

    public StorageOptions Options { get; }
    public string Folder { get; }
    public Database Database { get; }

    /// <summary>"sqlite" always; "postgres" when PLANNACC_TEST_PG is set, and in CI (where its absence must fail, not vanish).</summary>
    public static TheoryData<string> Providers()
    {
        var data = new TheoryData<string> { "sqlite" };
        if (TestEnvironment.PostgresConnectionString is not null || TestEnvironment.IsCi)
        {
            data.Add("postgres");
        }
        return data;
    }

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        var folder = Path.Combine(Path.GetTempPath(), "plannacc-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        TestDatabase db;
        if (provider == "sqlite")
        {
            db = new TestDatabase(new StorageOptions { DataDir = folder }, folder, null, null);
        }
        else
        {
            var admin = TestEnvironment.PostgresConnectionString
                ?? throw new InvalidOperationException("PLANNACC_TEST_PG is not set: the PostgreSQL storage tests need the throwaway server scripts/test.sh starts");
            var name = "t_" + Guid.NewGuid().ToString("N");
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await connection.ExecuteAsync($"CREATE DATABASE {name}");
            }
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
            db = new TestDatabase(new StorageOptions { Provider = DatabaseProvider.Postgres, ConnectionString = cs, DataDir = folder }, folder, admin, name);
        }
        await new Migrator(db.Database).MigrateAsync();
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        if (_pgName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnection);
            await connection.OpenAsync();
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {_pgName} WITH (FORCE)");
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>One database per provider per test class, created on first use.</summary>
public sealed class DatabasesFixture : IAsyncLifetime
{
    private readonly Dictionary<string, Task<TestDatabase>> _databases = [];
    private readonly object _gate = new();

    public Task<TestDatabase> GetAsync(string provider)
    {
        lock (_gate)
        {
            if (!_databases.TryGetValue(provider, out var db))
            {
                _databases[provider] = db = TestDatabase.CreateAsync(provider);
            }
            return db;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var db in _databases.Values)
        {
            if (db.IsCompletedSuccessfully)
            {
                await db.Result.DisposeAsync();
            }
        }
    }
}
