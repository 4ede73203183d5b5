namespace PlanNacc.Crawler.Politeness;

/// <summary>
/// Spaces requests to one host at least <c>interval</c> apart, across every site the process crawls. A request reserves the next
/// free slot (so concurrent callers queue in order); <see cref="Reserve"/> is pure given the time, which keeps the schedule testable.
/// </summary>
public sealed class HostRateLimiter(TimeProvider clock)
{
    private readonly Dictionary<string, DateTimeOffset> nextSlot = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock gate = new();

    /// <summary>Reserves the next slot for <paramref name="host"/> and returns when it starts (never before <paramref
    /// name="now"/>).</summary>
    public DateTimeOffset Reserve(string host, TimeSpan interval, DateTimeOffset now)
    {
        lock (gate)
        {
            var slot = nextSlot.TryGetValue(host, out var next) && next > now ? next : now;
            nextSlot[host] = slot + interval;
            if (nextSlot.Count > 50_000)
            {
                Prune(now);
            }
            return slot;
        }
    }

    /// <summary>Waits for the host's next slot.</summary>
    public async Task WaitAsync(string host, TimeSpan interval, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var slot = Reserve(host, interval, now);
        if (slot > now)
        {
            await Task.Delay(slot - now, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var host in nextSlot.Where(p => p.Value < now).Select(p => p.Key).ToList())
        {
            nextSlot.Remove(host);
        }
    }
}
