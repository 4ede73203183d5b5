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
        var counting = new CountingStream(ctx.Response.Body);
        ctx.Response.Body = counting;
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
                    ctx.Request.Path.ToUriComponent() + ctx.Request.QueryString, ctx.Response.StatusCode, counting.Written,
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

    /// <summary>Counts body bytes on their way out, including those of streamed hostile bodies.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        private long _written;

        public long Written => Interlocked.Read(ref _written);
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            Interlocked.Add(ref _written, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _written, buffer.Length);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
