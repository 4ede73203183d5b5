using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace PlanNacc.SiteFarm.Serving;

/// <summary>
/// What the farm saw of its clients: a bounded request log and the peak number of requests in flight per host and per
/// address. The server side is where politeness and the cost of a hostile site can be measured honestly.
/// </summary>
internal sealed class Traffic(int capacity)
{
    private readonly ConcurrentQueue<FarmRequest> _log = new();
    private readonly ConcurrentDictionary<string, Gauge> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Gauge> _addresses = new(StringComparer.Ordinal);
    private long _dropped;

    public async Task TrackAsync(HttpContext ctx, Func<HttpContext, Task> next)
    {
        var host = ctx.Request.Host.Host.ToLowerInvariant();
        var address = ctx.Connection.LocalIpAddress?.ToString() ?? "";
        var hostGauge = _hosts.GetOrAdd(host, _ => new Gauge());
        var addressGauge = _addresses.GetOrAdd(address, _ => new Gauge());
        hostGauge.Enter();
        addressGauge.Enter();
        var sent = new SentBytes();
        ctx.Items[typeof(SentBytes)] = sent;
        var start = DateTimeOffset.UtcNow;
        try
        {
            await next(ctx).ConfigureAwait(false);
        }
        finally
        {
            hostGauge.Leave();
            addressGauge.Leave();
            if (capacity > 0 && _log.Count < capacity)
            {
                _log.Enqueue(new FarmRequest(start, DateTimeOffset.UtcNow - start, host, address, ctx.Request.Method,
                    ctx.Request.Path.ToUriComponent() + ctx.Request.QueryString, ctx.Response.StatusCode, sent.Count,
                    ctx.Request.Headers.UserAgent.ToString(), ctx.RequestAborted.IsCancellationRequested));
            }
            else if (capacity > 0)
            {
                Interlocked.Increment(ref _dropped);
            }
        }
    }

    public FarmTraffic Snapshot() => new(
        [.. _log],
        _hosts.ToDictionary(kv => kv.Key, kv => kv.Value.Peak, StringComparer.OrdinalIgnoreCase),
        _addresses.ToDictionary(kv => IPAddress.Parse(kv.Key), kv => kv.Value.Peak),
        Interlocked.Read(ref _dropped));

    public void Reset()
    {
        _log.Clear();
        _hosts.Clear();
        _addresses.Clear();
        Interlocked.Exchange(ref _dropped, 0);
    }

    private sealed class Gauge
    {
        private int _current;
        private int _peak;

        public int Peak => Volatile.Read(ref _peak);

        public void Enter()
        {
            var now = Interlocked.Increment(ref _current);
            for (var peak = Volatile.Read(ref _peak); now > peak; peak = Volatile.Read(ref _peak))
            {
                if (Interlocked.CompareExchange(ref _peak, now, peak) == peak)
                {
                    break;
                }
            }
        }

        public void Leave() => Interlocked.Decrement(ref _current);
    }

    /// <summary>
    /// Records body bytes the connection accepted. Writers report through <see cref="Write"/>, which stops counting (and
    /// tells the caller to stop) as soon as the connection has gone: Kestrel turns later writes into no-ops and signals
    /// RequestAborted only later, from the thread pool.
    /// </summary>
    public static async ValueTask<bool> Write(HttpContext ctx, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var result = await ctx.Response.BodyWriter.WriteAsync(data, ct).ConfigureAwait(false);
        if (result.IsCompleted || result.IsCanceled)
        {
            return false;
        }
        if (ctx.Items.TryGetValue(typeof(SentBytes), out var holder) && holder is SentBytes sent)
        {
            Interlocked.Add(ref sent.Count, data.Length);
        }
        return true;
    }

    private sealed class SentBytes
    {
        public long Count;
    }
}
