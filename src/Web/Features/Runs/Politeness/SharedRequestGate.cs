using System.Collections.Concurrent;
using System.Net;
using Dapper;
using PlanNacc.Crawler.Politeness;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Runs.Politeness;

/// <summary>
/// The shared politeness tables could not be reached for longer than the gate waits: the job is retried, the site not judged.
/// </summary>
public sealed class RequestGateUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Per-host rate and per-address concurrency held in PostgreSQL, so they hold across every worker together, not per process.
/// A host's next request time is reserved with one atomic upsert (the database's clock, so machines need not agree on the time);
/// an address slot is a leased row taken with FOR UPDATE SKIP LOCKED and given back after the exchange. A worker that dies keeps
/// its slots only until their lease runs out. Requests first queue on an in-process gate of the same size, so a busy address is
/// polled by at most that many requests of each worker.
/// </summary>
public sealed class SharedRequestGate(
    Database database, int maxConcurrentPerAddress, TimeSpan leaseTime, ILogger<SharedRequestGate> logger) : IRequestGate
{
    /// <summary>How long a request waits for the database to come back before its crawl gives up (the job is then retried).</summary>
    public static readonly TimeSpan DatabasePatience = TimeSpan.FromMinutes(3);

    private readonly string holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly AddressGate local = new(Math.Max(1, maxConcurrentPerAddress));
    private readonly ConcurrentDictionary<string, Task> seeded = new();
    private readonly int slots = Math.Max(1, maxConcurrentPerAddress);

    public async ValueTask<IAsyncDisposable> AcquireAsync(
        string host, IPAddress address, TimeSpan interval, CancellationToken cancellationToken)
    {
        var wait = await AwayTolerantAsync(() => ReserveHostSlotAsync(host, interval, cancellationToken), cancellationToken);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
        var localSlot = await local.EnterAsync(address, cancellationToken);
        try
        {
            var key = address.ToString();
            try
            {
                await seeded.GetOrAdd(key, k => AwayTolerantAsync(() => SeedAsync(k), CancellationToken.None));
            }
            catch
            {
                seeded.TryRemove(key, out _);
                throw;
            }
            var pause = TimeSpan.FromMilliseconds(10);
            while (true)
            {
                if (await AwayTolerantAsync(() => LeaseAsync(key, cancellationToken), cancellationToken) is { } slot)
                {
                    return new Lease(this, key, slot, localSlot);
                }
                // Other workers hold every slot of this address: wait a little, with jitter so workers do not poll in step.
                await Task.Delay(pause + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 10)), cancellationToken);
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 250));
            }
        }
        catch
        {
            localSlot.Dispose();
            throw;
        }
    }

    internal async Task<TimeSpan> ReserveHostSlotAsync(string host, TimeSpan interval, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var seconds = await connection.ExecuteScalarAsync<double>(new CommandDefinition(
            """
            WITH t AS (SELECT clock_timestamp() AS now)
            INSERT INTO crawl_host_slots AS s (host, next_at)
            SELECT @host, t.now + @interval FROM t
            ON CONFLICT (host) DO UPDATE SET next_at = greatest(s.next_at, (SELECT now FROM t)) + @interval
            RETURNING extract(epoch FROM s.next_at - @interval - (SELECT now FROM t))::float8
            """,
            new { host = host.ToLowerInvariant(), interval },
            cancellationToken: cancellationToken));
        return TimeSpan.FromSeconds(Math.Max(0, seconds));
    }

    private async Task<bool> SeedAsync(string address)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO crawl_address_leases (address, slot)
            SELECT @address, g FROM generate_series(1, @slots) AS g
            ON CONFLICT (address, slot) DO NOTHING
            """,
            new { address, slots });
        return true;
    }

    private async Task<int?> LeaseAsync(string address, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            """
            UPDATE crawl_address_leases AS l SET holder = @holder, expires_at = clock_timestamp() + @leaseTime
            WHERE (l.address, l.slot) = (
                SELECT address, slot FROM crawl_address_leases
                WHERE address = @address AND slot <= @slots AND (holder IS NULL OR expires_at < clock_timestamp())
                ORDER BY slot
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING l.slot
            """,
            new { holder, leaseTime, address, slots },
            cancellationToken: cancellationToken));
    }

    private async Task ReleaseAsync(string address, int slot)
    {
        try
        {
            await using var connection = await database.OpenAsync();
            await connection.ExecuteAsync(
                """
                UPDATE crawl_address_leases SET holder = NULL, expires_at = NULL
                WHERE address = @address AND slot = @slot AND holder = @holder
                """,
                new { address, slot, holder });
        }
        catch (Exception e) when (e is System.Data.Common.DbException || Database.IsTransient(e))
        {
            // The lease runs out by itself; only this slot's capacity is lost until then.
            logger.LogWarning(
                "address slot {Address}#{Slot} not released ({Message}); it frees itself within {Lease}",
                address, slot, e.Message, leaseTime);
        }
    }

    private static async Task<T> AwayTolerantAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await Database.RetryWhileAwayAsync(work, DatabasePatience, cancellationToken);
        }
        catch (Exception e) when (Database.IsTransient(e))
        {
            throw new RequestGateUnavailableException(
                $"the shared politeness tables were unreachable for {DatabasePatience.TotalMinutes:0} minutes: {e.Message}", e);
        }
    }

    private sealed class Lease(SharedRequestGate gate, string address, int slot, IDisposable localSlot) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await gate.ReleaseAsync(address, slot);
            }
            finally
            {
                localSlot.Dispose();
            }
        }
    }
}
