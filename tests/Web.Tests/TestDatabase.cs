using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Tests;

/// <summary>
/// A fresh, migrated database for a test class (a <see cref="ThrowawayStore"/>): SQLite in a temp folder, or PostgreSQL on
/// PLANNACC_TEST_PG.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly ThrowawayStore _store;

    private TestDatabase(ThrowawayStore store)
    {
        _store = store;
        Database = new Database(store.Options);
    }

    public StorageOptions Options => _store.Options;
    public string Folder => _store.Folder;
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
        var db = new TestDatabase(await ThrowawayStore.CreateAsync(provider, prefix: "web-tests"));
        await new Migrator(db.Database).MigrateAsync();
        return db;
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();
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
