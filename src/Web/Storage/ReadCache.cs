using System.Collections.Concurrent;
using Dapper;

// DAP005: Dapper.AOT's analyzer arrives with Hangfire.PostgreSql; plain Dapper is used on purpose (platform.md).
#pragma warning disable DAP005

namespace PlanNacc.Web.Storage;

/// <summary>
/// Whole-country and whole-province aggregates (rankings, the items most LAOs miss, the provinces compared) read hundreds of
/// thousands of rows but change only when data lands. They are kept here, stamped with the store's data version, and read
/// again when the version moves: a scan stored (by any process, workers included), a run started, anything audited
/// (registry import, overrides, accounts). Versions are read from the database on every request, so a cached value is never
/// older than the data it was built from, except for a commit that lands with a lower id after a higher one (PostgreSQL's
/// sequences); <see cref="MaxAge"/> bounds that.
/// </summary>
public sealed class ReadCache(Database database, TimeProvider clock)
{
    /// <summary>The longest a value is served without being read again, whatever the version says.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(2);

    /// <summary>Keys are provinces and a few national views; far more means someone is making them up: start again.</summary>
    private const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The value of <paramref name="key"/> at the store's current data version; one reader builds it, the others wait.</summary>
    public async Task<T> GetAsync<T>(string key, Func<CancellationToken, Task<T>> build, CancellationToken cancellationToken = default)
    {
        var version = await VersionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        while (true)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.Version == version && now - entry.BuiltAt < MaxAge
                && !entry.Value.IsFaulted && !entry.Value.IsCanceled)
            {
                return (T)await entry.Value.WaitAsync(cancellationToken);
            }
            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }
            // Built without the request's token: other readers may be waiting for the same value.
            var fresh = new Entry(version, now, BuildAsync(build));
            if (entry is null ? _entries.TryAdd(key, fresh) : _entries.TryUpdate(key, fresh, entry))
            {
                try
                {
                    return (T)await fresh.Value.WaitAsync(cancellationToken);
                }
                catch (Exception) when (fresh.Value.IsFaulted)
                {
                    _entries.TryRemove(new KeyValuePair<string, Entry>(key, fresh));
                    throw;
                }
            }
        }
    }

    private static async Task<object> BuildAsync<T>(Func<CancellationToken, Task<T>> build) => (await build(CancellationToken.None))!;

    /// <summary>Three index lookups: the newest scan, run and audit entry.</summary>
    private async Task<DataVersion> VersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<DataVersion>(new CommandDefinition(
            """
            SELECT (SELECT max(id) FROM site_scans) AS scan, (SELECT max(id) FROM runs) AS run, (SELECT max(id) FROM audit_log) AS audit
            """, cancellationToken: cancellationToken));
    }

    private sealed record DataVersion
    {
        public long? Scan { get; init; }
        public long? Run { get; init; }
        public long? Audit { get; init; }
    }

    private sealed record Entry(DataVersion Version, DateTimeOffset BuiltAt, Task<object> Value);
}
