using System.Net;
using PlanNacc.Crawler.Safety;

namespace PlanNacc.Crawler;

/// <summary>Options for one crawler instance (one per process; many sites crawl through it concurrently).</summary>
public sealed class CrawlerOptions
{
    public int MaxPagesPerSite { get; set; } = 150;
    /// <summary>Documents (PDF, DOC(X), XLS(X), images) checked per site, beside the pages.</summary>
    public int MaxDocumentsPerSite { get; set; } = 100;
    public int MaxDepth { get; set; } = 6;
    public long MaxBytesPerResponse { get; set; } = 20 * 1024 * 1024;
    public long MaxBytesPerSite { get; set; } = 200 * 1024 * 1024;
    public TimeSpan SiteTimeBudget { get; set; } = TimeSpan.FromMinutes(10);
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Whole exchange, headers and body (an endless slow body ends here).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public int MaxRedirects { get; set; } = 5;
    /// <summary>Retries after a transient failure (reset, 429, 502-504), each after an exponential pause.</summary>
    public int MaxRetries { get; set; } = 2;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
    /// <summary>A Retry-After longer than this is not waited for (the URL fails instead).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Decoded bytes per compressed byte above which a gzip/br body is abandoned as a bomb.</summary>
    public double MaxDecompressionRatio { get; set; } = 100;
    /// <summary>Requests per second per host (default 1).</summary>
    public double RequestsPerSecondPerHost { get; set; } = 1.0;
    /// <summary>At most this many requests in flight to one resolved IP address (shared hosting).</summary>
    public int MaxConcurrentPerAddress { get; set; } = 2;
    /// <summary>Honour robots.txt Crawl-delay when it is longer than the rate interval (capped by <see cref="MaxCrawlDelay"/>).</summary>
    public bool HonourCrawlDelay { get; set; } = true;
    public TimeSpan MaxCrawlDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan RobotsCacheTime { get; set; } = TimeSpan.FromHours(24);
    /// <summary>Page text kept per page (characters).</summary>
    public int MaxTextChars { get; set; } = 20_000;
    /// <summary>PDF pages read for title and text.</summary>
    public int PdfPagesToRead { get; set; } = 3;
    /// <summary>Allow loopback targets (tests and the site farm only).</summary>
    public bool AllowLoopback { get; set; }
    /// <summary>Allow private, link-local, CGNAT targets (operator option). Loopback needs <see cref="AllowLoopback"/>.</summary>
    public bool AllowPrivateNetwork { get; set; }
    /// <summary>Continue past an invalid TLS certificate; every result then says so.</summary>
    public bool IgnoreCertificateErrors { get; set; }
    /// <summary>host → address overrides, like curl's --resolve (the site farm maps its host names to loopback).</summary>
    public Dictionary<string, IPAddress> Resolve { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>
    /// The addresses <see cref="Resolve"/> gives pass the address policy: the operator named those hosts and where they are (the
    /// demo's site farm on loopback). Every other host, IP literal, redirect and DNS answer is still checked, so this allows the
    /// mapped hosts only, where <see cref="AllowLoopback"/> would allow loopback for everything the process crawls.
    /// </summary>
    public bool TrustResolveMap { get; set; }
    /// <summary>Render script-built pages with Chromium when it is installed.</summary>
    public bool EnableRendering { get; set; } = true;
    public string? ChromiumPath { get; set; }
    /// <summary>Hard limit for one page render.</summary>
    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>The browser is closed and started afresh after this many rendered pages (Chromium grows).</summary>
    public int RenderRecycleAfterPages { get; set; } = 200;
    public int MaxRenderedPagesPerSite { get; set; } = 30;
    public string ContactUrl { get; set; } = "https://github.com/plannacc/plannacc";
    /// <summary>
    /// An incremental scan (one given the last scan's state) becomes a full one when the last full scan is this old: weekly by
    /// default, so what validators could hide (a server that never changes its ETag) is caught within a week. Null = never.
    /// </summary>
    public TimeSpan? FullRescanAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Adds a <c>host:address</c> mapping as curl's <c>--resolve</c> spells it (<c>host:port:address</c> also accepted; the port
    /// is ignored).</summary>
    public CrawlerOptions AddResolve(string spec)
    {
        var (host, address) = ParseResolve(spec);
        Resolve[host] = address;
        return this;
    }

    /// <summary>Parses <c>host:ip</c>, <c>host:port:ip</c>, <c>host:[v6]</c>; throws <see cref="FormatException"/> otherwise.</summary>
    public static (string Host, IPAddress Address) ParseResolve(string spec)
    {
        var colon = spec?.IndexOf(':') ?? -1;
        if (spec is null || colon <= 0 || colon == spec.Length - 1)
        {
            throw new FormatException($"--resolve expects host:address, got '{spec}'");
        }
        var host = spec[..colon].Trim();
        var rest = spec[(colon + 1)..].Trim();
        var second = rest.IndexOf(':');
        if (second > 0 && rest[..second].All(char.IsAsciiDigit) && !rest.StartsWith('['))
        {
            rest = rest[(second + 1)..];
        }
        if (!HostLiteral.TryParse(rest, out var address) || Uri.CheckHostName(host) is UriHostNameType.Unknown)
        {
            throw new FormatException($"--resolve expects host:address, got '{spec}'");
        }
        return (host, address);
    }
}
