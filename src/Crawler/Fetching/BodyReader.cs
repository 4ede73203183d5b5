using System.IO.Compression;

namespace PlanNacc.Crawler.Fetching;

/// <summary>
/// Reads a response body as a stream, never whole: stops at the byte cap, and stops a compressed body whose decoded size outgrows
/// its wire size by more than the ratio cap (a gzip bomb is caught after a few kilobytes, not after a gigabyte).
/// </summary>
internal static class BodyReader
{
    private const int MinWireForRatio = 4096;

    /// <param name="truncate">Keep the first <paramref name="maxBytes"/> bytes of a longer body instead of failing (robots.txt).</param>
    public static async Task<BodyReadResult> ReadAsync(
        Stream wire, string? contentEncoding, long maxBytes, double maxRatio, long? declaredLength, CancellationToken cancellationToken,
        bool truncate = false)
    {
        var counted = new CountingStream(wire);
        var encoding = contentEncoding?.Trim().ToLowerInvariant();
        Stream decoded = encoding switch
        {
            "gzip" or "x-gzip" => new GZipStream(counted, CompressionMode.Decompress),
            "br" => new BrotliStream(counted, CompressionMode.Decompress),
            "deflate" => new ZLibStream(counted, CompressionMode.Decompress),
            _ => counted,
        };
        var compressed = !ReferenceEquals(decoded, counted);
        var initial = (int)Math.Clamp(declaredLength ?? 64 * 1024, 1024, Math.Min(maxBytes + 1, 4 * 1024 * 1024));
        using var buffer = new MemoryStream(initial);
        var chunk = new byte[16 * 1024];
        await using (decoded.ConfigureAwait(false))
        {
            while (true)
            {
                int read;
                try
                {
                    read = await decoded.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidDataException)
                {
                    return new BodyReadResult([], counted.Count, "bad-content-encoding");
                }
                if (read == 0)
                {
                    break;
                }
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes)
                {
                    if (truncate)
                    {
                        return new BodyReadResult(buffer.GetBuffer().AsSpan(0, (int)maxBytes).ToArray(), counted.Count, null);
                    }
                    return new BodyReadResult([], counted.Count, "too-large");
                }
                if (compressed && buffer.Length > maxRatio * Math.Max(counted.Count, MinWireForRatio))
                {
                    return new BodyReadResult([], counted.Count, "decompression-bomb");
                }
            }
        }
        return new BodyReadResult(buffer.ToArray(), counted.Count, null);
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Count { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Count; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Add(inner.Read(buffer, offset, count));
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Add(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }

        private int Add(int read)
        {
            Count += read;
            return read;
        }
    }
}

internal sealed record BodyReadResult(byte[] Body, long WireBytes, string? Error);
