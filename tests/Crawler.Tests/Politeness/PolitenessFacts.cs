using System.Net;
using PlanNacc.Crawler.Politeness;

namespace PlanNacc.Crawler.Tests.Politeness;

public sealed class HostRateLimiterFacts
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 19, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reserve_SpacesSlotsByInterval_ForOneHost()
    {
        var limiter = new HostRateLimiter(TimeProvider.System);
        var second = TimeSpan.FromSeconds(1);

        var slots = Enumerable.Range(0, 4).Select(_ => limiter.Reserve("abc.go.th", second, T0)).ToList();

        Assert.Equal([T0, T0.AddSeconds(1), T0.AddSeconds(2), T0.AddSeconds(3)], slots);
    }

    [Fact]
    public void Reserve_KeepsHostsIndependent_AndIgnoresCase()
    {
        var limiter = new HostRateLimiter(TimeProvider.System);
        var second = TimeSpan.FromSeconds(1);

        limiter.Reserve("abc.go.th", second, T0);
        var other = limiter.Reserve("xyz.go.th", second, T0);
        var sameHost = limiter.Reserve("ABC.go.th", second, T0);

        Assert.Equal((T0, T0.AddSeconds(1)), (other, sameHost));
    }

    [Fact]
    public void Reserve_StartsAtNow_WhenHostWasIdle()
    {
        var limiter = new HostRateLimiter(TimeProvider.System);
        limiter.Reserve("abc.go.th", TimeSpan.FromSeconds(1), T0);

        Assert.Equal(T0.AddSeconds(10), limiter.Reserve("abc.go.th", TimeSpan.FromSeconds(1), T0.AddSeconds(10)));
    }

    [Fact]
    public void Reserve_GivesDistinctSlots_WhenManySitesShareAHostConcurrently()
    {
        var limiter = new HostRateLimiter(TimeProvider.System);
        var slots = new System.Collections.Concurrent.ConcurrentBag<DateTimeOffset>();

        Parallel.For(0, 200, _ => slots.Add(limiter.Reserve("shared.go.th", TimeSpan.FromMilliseconds(500), T0)));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => T0.AddMilliseconds(500 * i)), slots.Order());
    }
}

public sealed class AddressGateFacts
{
    [Fact]
    public async Task EnterAsync_AdmitsAtMostLimit_PerAddress()
    {
        var gate = new AddressGate(2);
        var address = IPAddress.Parse("203.0.113.7");
        var first = await gate.EnterAsync(address, CancellationToken.None);
        var second = await gate.EnterAsync(address, CancellationToken.None);

        var third = gate.EnterAsync(address, CancellationToken.None);
        var elsewhere = await gate.EnterAsync(IPAddress.Parse("203.0.113.8"), CancellationToken.None);

        Assert.False(third.IsCompleted);
        Assert.Equal(2, gate.InFlight(address));
        first.Dispose();
        (await third).Dispose();
        second.Dispose();
        elsewhere.Dispose();
        Assert.Equal(0, gate.InFlight(address));
    }
}
