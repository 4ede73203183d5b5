namespace PlanNacc.Crawler.Fetching;

/// <summary>What one site's crawl has spent; shared by its fetches (robots, sitemap, pages, documents, rendering).</summary>
internal sealed class SiteBudget(long maxBytes)
{
    private long bytes;
    private long bodyBytes;
    private int requests;
    private int conditional;
    private int notModified;
    private volatile bool spent;

    public long Bytes => Interlocked.Read(ref bytes);
    public int Requests => Volatile.Read(ref requests);
    /// <summary>Response body bytes received (a 304 has none).</summary>
    public long BodyBytes => Interlocked.Read(ref bodyBytes);
    /// <summary>Requests that carried validators, and those answered 304 Not Modified.</summary>
    public int Conditional => Volatile.Read(ref conditional);
    public int NotModified => Volatile.Read(ref notModified);
    public long MaxBytes { get; } = maxBytes;
    public long Remaining => Math.Max(0, MaxBytes - Bytes);
    public bool Exhausted => spent || Bytes >= MaxBytes;

    /// <summary>A response would not fit in what is left: nothing more is fetched for this site.</summary>
    public void MarkExhausted() => spent = true;

    public void Record(FetchResult result)
    {
        Interlocked.Increment(ref requests);
        Interlocked.Add(ref bytes, Math.Max(result.WireBytes, result.Body.LongLength));
        Interlocked.Add(ref bodyBytes, Math.Max(result.WireBytes, result.Body.LongLength));
        if (result.SentValidators is not null)
        {
            Interlocked.Increment(ref conditional);
        }
        if (result.NotModified)
        {
            Interlocked.Increment(ref notModified);
        }
    }
}
