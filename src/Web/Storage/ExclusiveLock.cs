using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace PlanNacc.Web.Storage;

/// <summary>
/// Work that must not run twice at once across every process sharing the database (the run sweeper, the evidence clean-up),
/// held for as long as the work takes and released by the end of the holder's life, never by a timeout.
/// </summary>
/// <remarks>
/// Not Hangfire's <c>DisableConcurrentExecution</c>: Hangfire.PostgreSql keeps its locks as table rows that a killed process
/// leaves behind, so they must expire (<see cref="PlanNacc.Web.Features.Scans.ScanOptions.StaleLockTimeout"/>), and a lock that
/// expires cannot guard work that takes longer. On PostgreSQL this is a session advisory lock on a connection of its own:
/// the server drops it the moment that connection ends, however the process ended. SQLite serves one process, where a
/// process-wide semaphore per database and name is the same guarantee.
/// </remarks>
public static class ExclusiveLock
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Local = new(StringComparer.Ordinal);

    /// <summary>The lock named <paramref name="name"/>, or null when another holder has it now (the caller skips its work).</summary>
    public static async Task<IAsyncDisposable?> TryAcquireAsync(Database database, string name, CancellationToken cancellationToken = default)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var gate = Local.GetOrAdd(database.ConnectionString + "\n" + name, _ => new SemaphoreSlim(1, 1));
            return await gate.WaitAsync(TimeSpan.Zero, cancellationToken) ? new Held(null, gate, 0) : null;
        }
        var key = Key(name);
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            var acquired = await connection.ExecuteScalarAsync<bool>(
                new CommandDefinition("SELECT pg_try_advisory_lock(@key)", new { key }, cancellationToken: cancellationToken));
            if (acquired)
            {
                return new Held(connection, null, key);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>A stable 64-bit key for a name (the first 8 bytes of its SHA-256), the same in every process and version.</summary>
    public static long Key(string name) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("plannacc:" + name)), 0);

    private sealed class Held(DbConnection? connection, SemaphoreSlim? gate, long key) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1)
            {
                return;
            }
            gate?.Release();
            if (connection is not null)
            {
                try
                {
                    await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key });
                }
                catch (Exception e) when (Database.IsTransient(e))
                {
                    // The connection is gone, and the server released the lock with it.
                }
                finally
                {
                    // Back in the pool, Npgsql resets the session (DISCARD ALL), which would release a lock still held too.
                    await connection.DisposeAsync();
                }
            }
        }
    }
}
