using PlanNacc.Crawler.Incremental;
using PlanNacc.Crawler.Extraction;
using PlanNacc.Crawler.Fetching;
using PlanNacc.Crawler.Politeness;
using PlanNacc.Crawler.Rendering;
using PlanNacc.Crawler.Safety;

namespace PlanNacc.Crawler;

/// <summary>Live progress of one site's crawl.</summary>
public sealed record CrawlProgress(int PagesFetched, int DocumentsChecked, int Queued, Uri? Current);

/// <summary>Receives the bytes of fetched pages and documents, keyed by SHA-256, so a verdict can later be shown as the site was.</summary>
public interface IEvidenceStore
{
    Task PutAsync(EvidenceBlob blob, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);
}

/// <summary>Metadata of one kept response body.</summary>
public sealed record EvidenceBlob(string Sha256, Uri Url, DateTimeOffset FetchedAt, int StatusCode, string? ContentType, long Length,
    IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// Crawls LAO websites into <see cref="SiteSnapshot"/>s. One instance per process; thread-safe; many sites at once, sharing one HTTP
/// stack, the per-host rate limiter, the per-address gate, the robots.txt cache and the browser.
/// A target refused by the address policy never throws: the snapshot has <see cref="SiteStatus.Refused"/> and a reason
/// ("refused: loopback 127.0.0.1"); only an invalid root URL (not absolute http/https) throws <see cref="ArgumentException"/>.
/// </summary>
public sealed class SiteCrawler : IAsyncDisposable
{
    private readonly IEvidenceStore? evidence;
    private readonly HttpFetcher http;
    private readonly PoliteFetcher fetcher;
    private readonly HostResolver resolver;
    private readonly IPageRenderer? renderer;
    private readonly TimeProvider clock;

    /// <param name="requestGate">Where requests wait for their host and address slots; null = this process only.</param>
    public SiteCrawler(CrawlerOptions options, IEvidenceStore? evidence = null, TimeProvider? clock = null,
        IRequestGate? requestGate = null)
    {
        HtmlDecoder.RegisterCodePages();
        Options = options;
        this.evidence = evidence;
        this.clock = clock ?? TimeProvider.System;
        resolver = new HostResolver(options.Resolve, new AddressPolicy(options.AllowLoopback, options.AllowPrivateNetwork), this.clock,
            options.TrustResolveMap);
        http = new HttpFetcher(options, resolver, this.clock);
        fetcher = new PoliteFetcher(options, http, resolver, new HostRateLimiter(this.clock),
            new AddressGate(options.MaxConcurrentPerAddress), this.clock, requestGate);
        renderer = options.EnableRendering ? new ChromiumRenderer(options) : null;
    }

    public CrawlerOptions Options { get; }

    /// <summary>Why script-built pages cannot be rendered (rendering disabled, Chromium missing), or null when they can.</summary>
    public string? RenderUnavailableReason => renderer is null ? "rendering disabled" : renderer.UnavailableReason;

    public Task<SiteSnapshot> CrawlAsync(Uri root, IProgress<CrawlProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        CrawlAsync(root, [], progress, cancellationToken);

    /// <summary>Crawls a site whose pages may also live on <paramref name="aliases"/> (other host names of the same LAO).</summary>
    public Task<SiteSnapshot> CrawlAsync(Uri root, IReadOnlyCollection<string> aliases, IProgress<CrawlProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!root.IsAbsoluteUri || root.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException("The site root must be an absolute http(s) URL", nameof(root));
        }
        var crawl = new SiteCrawl(Options, fetcher, resolver, evidence, renderer, clock, root, aliases, progress);
        return crawl.RunAsync(cancellationToken);
    }

    /// <summary>
    /// An incremental crawl: <paramref name="previous"/> is what the last scan of this site kept (null = a full scan). Pages and
    /// documents are requested with its validators; what answers 304 or hashes the same is taken from it, so the snapshot is the
    /// one a full scan would give. Keep <see cref="CrawlState.After"/> of the result for the next scan.
    /// </summary>
    public Task<SiteSnapshot> CrawlAsync(
        Uri root, IReadOnlyCollection<string> aliases, CrawlState? previous, string? stateNote,
        IProgress<CrawlProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!root.IsAbsoluteUri || root.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException("The site root must be an absolute http(s) URL", nameof(root));
        }
        var crawl = new SiteCrawl(Options, fetcher, resolver, evidence, renderer, clock, root, aliases, progress, previous, stateNote);
        return crawl.RunAsync(cancellationToken);
    }

    /// <summary>
    /// Crawls a site keeping its state in <paramref name="stateFolder"/>: the last scan's state is read from there (missing, corrupt
    /// or of an older version: a full scan, with the reason in <see cref="SiteSnapshot.IncrementalNotes"/>) and this scan's is written
    /// back whole. A cancelled or failed crawl leaves the folder as it was.
    /// </summary>
    public async Task<SiteSnapshot> CrawlWithStateAsync(
        Uri root, string stateFolder, IProgress<CrawlProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (previous, note) = CrawlStateFolder.Load(stateFolder, root);
        var snapshot = await CrawlAsync(root, [], previous, note, progress, cancellationToken).ConfigureAwait(false);
        if (CrawlState.After(snapshot, previous, snapshot.UnstableETagHosts) is { } next)
        {
            CrawlStateFolder.Save(stateFolder, next);
        }
        return snapshot;
    }

    public async ValueTask DisposeAsync()
    {
        if (renderer is not null)
        {
            await renderer.DisposeAsync().ConfigureAwait(false);
        }
        http.Dispose();
    }
}
