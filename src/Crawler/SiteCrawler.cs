namespace PlanNacc.Crawler;

/// <summary>Options for one crawler instance (one per process; many sites crawl through it concurrently).</summary>
public sealed class CrawlerOptions
{
    public int MaxPagesPerSite { get; set; } = 150;
    public int MaxDepth { get; set; } = 6;
    public long MaxBytesPerResponse { get; set; } = 20 * 1024 * 1024;
    public long MaxBytesPerSite { get; set; } = 200 * 1024 * 1024;
    public TimeSpan SiteTimeBudget { get; set; } = TimeSpan.FromMinutes(10);
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public int MaxRedirects { get; set; } = 5;
    /// <summary>Requests per second per host (default 1).</summary>
    public double RequestsPerSecondPerHost { get; set; } = 1.0;
    /// <summary>At most this many requests in flight to one resolved IP address (shared hosting).</summary>
    public int MaxConcurrentPerAddress { get; set; } = 2;
    /// <summary>Allow loopback targets (tests and the site farm only).</summary>
    public bool AllowLoopback { get; set; }
    /// <summary>Allow private, link-local, CGNAT targets (operator option).</summary>
    public bool AllowPrivateNetwork { get; set; }
    /// <summary>Continue past an invalid TLS certificate; every result then says so.</summary>
    public bool IgnoreCertificateErrors { get; set; }
    /// <summary>host → address overrides, like curl's --resolve (the site farm maps its host names to loopback).</summary>
    public Dictionary<string, System.Net.IPAddress> Resolve { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Render script-built pages with Chromium when it is installed.</summary>
    public bool EnableRendering { get; set; } = true;
    public string? ChromiumPath { get; set; }
    public string ContactUrl { get; set; } = "https://github.com/plannacc/plannacc";
}

/// <summary>Live progress of one site's crawl.</summary>
public sealed record CrawlProgress(int PagesFetched, int DocumentsChecked, int Queued, Uri? Current);

/// <summary>Receives the bytes of fetched pages and documents, keyed by SHA-256, so a verdict can later be shown as the site was.</summary>
public interface IEvidenceStore
{
    Task PutAsync(EvidenceBlob blob, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);
}

/// <summary>Metadata of one kept response body.</summary>
public sealed record EvidenceBlob(string Sha256, Uri Url, DateTimeOffset FetchedAt, int StatusCode, string? ContentType, long Length, IReadOnlyDictionary<string, string> Headers);

/// <summary>Crawls LAO websites into <see cref="SiteSnapshot"/>s. One instance per process; thread-safe; many sites at once.</summary>
public sealed class SiteCrawler(CrawlerOptions options, IEvidenceStore? evidence = null) : IAsyncDisposable
{
    public CrawlerOptions Options { get; } = options;

    public Task<SiteSnapshot> CrawlAsync(Uri root, IProgress<CrawlProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        _ = evidence;
        throw new NotImplementedException("Crawler issue #4: first version pending");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
