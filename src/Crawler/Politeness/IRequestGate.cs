using System.Net;

namespace PlanNacc.Crawler.Politeness;

/// <summary>
/// Decides when one request may go out: the host's next rate slot, then a free slot on the resolved address. The default
/// (<see cref="InProcessRequestGate"/>) holds both in this process; a shared implementation (e.g. on a database) lets several
/// crawling processes stay polite together.
/// </summary>
public interface IRequestGate
{
    /// <summary>Waits for the host's slot (<paramref name="interval"/> after its previous request) and an address slot; dispose the lease
    /// once the exchange is over.</summary>
    ValueTask<IAsyncDisposable> AcquireAsync(string host, IPAddress address, TimeSpan interval, CancellationToken cancellationToken);
}

/// <summary>The per-process gate: <see cref="HostRateLimiter"/> for the host, <see cref="AddressGate"/> for the address.</summary>
public sealed class InProcessRequestGate(HostRateLimiter limiter, AddressGate gate) : IRequestGate
{
    public async ValueTask<IAsyncDisposable> AcquireAsync(string host, IPAddress address, TimeSpan interval,
        CancellationToken cancellationToken)
    {
        await limiter.WaitAsync(host, interval, cancellationToken).ConfigureAwait(false);
        return new Lease(await gate.EnterAsync(address, cancellationToken).ConfigureAwait(false));
    }

    private sealed class Lease(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
