using System.Collections.Concurrent;
using System.Net;

namespace PlanNacc.Crawler.Politeness;

/// <summary>At most N requests in flight to one resolved address, whichever sites they belong to (LAO sites share hosting
/// servers).</summary>
public sealed class AddressGate(int maxConcurrentPerAddress)
{
    private readonly ConcurrentDictionary<IPAddress, SemaphoreSlim> gates = new();

    public async Task<IDisposable> EnterAsync(IPAddress address, CancellationToken cancellationToken)
    {
        var gate = gates.GetOrAdd(address, _ => new SemaphoreSlim(Math.Max(1, maxConcurrentPerAddress)));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(gate);
    }

    /// <summary>Requests in flight to <paramref name="address"/> now.</summary>
    public int InFlight(IPAddress address) =>
        gates.TryGetValue(address, out var gate) ? Math.Max(1, maxConcurrentPerAddress) - gate.CurrentCount : 0;

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
