using Dapper;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Tests.Storage;

/// <summary>The lock that keeps the sweeper and the evidence clean-up single: held while the work runs, gone with its holder.</summary>
public sealed class ExclusiveLockFacts(DatabasesFixture databases) : IClassFixture<DatabasesFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TryAcquire_RefusesASecondHolder_UntilTheFirstLetsGo(string provider)
    {
        var db = await databases.GetAsync(provider);
        var name = "fact-" + Guid.NewGuid().ToString("N");

        var first = await ExclusiveLock.TryAcquireAsync(db.Database, name);
        Assert.NotNull(first);
        Assert.Null(await ExclusiveLock.TryAcquireAsync(db.Database, name));
        await using (var other = await ExclusiveLock.TryAcquireAsync(db.Database, name + "-other"))
        {
            Assert.NotNull(other);
        }

        await first.DisposeAsync();
        await using var again = await ExclusiveLock.TryAcquireAsync(db.Database, name);
        Assert.NotNull(again);
    }

    /// <summary>A worker killed mid-sweep leaves no lock behind: its session ends, and the server drops the lock with it at once.</summary>
    [PostgresFact]
    public async Task TryAcquire_Succeeds_AsSoonAsTheHoldersSessionIsGone()
    {
        var db = await databases.GetAsync("postgres");
        var name = "fact-" + Guid.NewGuid().ToString("N");
        var held = await ExclusiveLock.TryAcquireAsync(db.Database, name);
        Assert.NotNull(held);
        Assert.Null(await ExclusiveLock.TryAcquireAsync(db.Database, name));

        await using (var connection = await db.Database.OpenAsync())
        {
            var ended = await connection.QueryAsync<bool>(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = (@key & 4294967295)::oid",
                new { key = ExclusiveLock.Key(name) });
            Assert.Equal([true], ended);
        }

        await using var next = await WaitForAsync(() => ExclusiveLock.TryAcquireAsync(db.Database, name));
        Assert.NotNull(next);
        await held.DisposeAsync();
    }

    private static async Task<IAsyncDisposable> WaitForAsync(Func<Task<IAsyncDisposable?>> acquire)
    {
        // The terminated backend exits asynchronously: wait for its lock to go, by condition, within a generous limit.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (await acquire() is { } held)
            {
                return held;
            }
            Assert.True(DateTime.UtcNow < deadline, "the lock outlived its holder's session");
            await Task.Delay(50);
        }
    }
}
