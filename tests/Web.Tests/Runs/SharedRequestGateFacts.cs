using System.Net;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using PlanNacc.Web.Features.Runs.Politeness;

namespace PlanNacc.Web.Tests.Runs;

/// <summary>Two gates on one database stand for two worker processes: the limits hold for both together.</summary>
public sealed class SharedRequestGateFacts(DatabasesFixture databases) : IClassFixture<DatabasesFixture>
{
    private static SharedRequestGate Gate(TestDatabase db, int perAddress = 2, TimeSpan? lease = null) =>
        new(db.Database, perAddress, lease ?? TimeSpan.FromMinutes(2), NullLogger<SharedRequestGate>.Instance);

    [PostgresFact]
    public async Task AcquireAsync_AllowsAtMostTheLimitPerAddress_AcrossGates()
    {
        var db = await databases.GetAsync("postgres");
        var gates = new[] { Gate(db), Gate(db) };
        var address = IPAddress.Parse("127.0.9.1");
        int inFlight = 0, peak = 0;

        await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            await using (await gates[i % 2].AcquireAsync($"h{i}.farm.test", address, TimeSpan.Zero, CancellationToken.None))
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref peak, now);
                await Task.Delay(15);
                Interlocked.Decrement(ref inFlight);
            }
        }));

        Assert.Equal(2, peak);
    }

    [PostgresFact]
    public async Task ReserveHostSlotAsync_SpacesOneHostAcrossGates_ByTheInterval()
    {
        var db = await databases.GetAsync("postgres");
        var host = $"spaced-{Guid.NewGuid():N}.farm.test";
        var interval = TimeSpan.FromSeconds(20);

        var waits = await Task.WhenAll(Gate(db).ReserveHostSlotAsync(host, interval, CancellationToken.None),
            Gate(db).ReserveHostSlotAsync(host, interval, CancellationToken.None));

        // One goes now, the other one interval later (the database's clock decides, whichever worker asks).
        Assert.Equal(TimeSpan.Zero, waits.Min());
        Assert.InRange(waits.Max(), interval - TimeSpan.FromSeconds(5), interval);
    }

    [PostgresFact]
    public async Task AcquireAsync_ReclaimsSlots_OfAWorkerThatDied()
    {
        var db = await databases.GetAsync("postgres");
        var address = IPAddress.Parse("127.0.9.2");
        var dead = Gate(db, perAddress: 1, lease: TimeSpan.FromSeconds(1));
        _ = await dead.AcquireAsync("a.farm.test", address, TimeSpan.Zero, CancellationToken.None);

        // Never released: the dead worker's lease runs out and the slot comes back.
        await using (await Gate(db, perAddress: 1).AcquireAsync("b.farm.test", address, TimeSpan.Zero, CancellationToken.None))
        {
            await using var connection = await db.Database.OpenAsync();
            Assert.Equal(1,
                await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM crawl_address_leases WHERE address = '127.0.9.2' AND " +
                    "holder IS NOT NULL"));
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
