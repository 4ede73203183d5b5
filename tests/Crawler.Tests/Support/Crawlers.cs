namespace PlanNacc.Crawler.Tests.Support;

/// <summary>Crawler options for loopback tests: loopback allowed, fast rate, quick retries, no Chromium unless asked.</summary>
public static class Crawlers
{
    public static CrawlerOptions FastLoopback(Action<CrawlerOptions>? configure = null)
    {
        var options = new CrawlerOptions
        {
            AllowLoopback = true,
            RequestsPerSecondPerHost = 1000,
            // Connect, request and site limits stay the product's own: on two busy cores a loopback TLS handshake overran
            // 2 s and a rendered site 60 s. A fact about a limit sets that limit itself (a trickling body, a site budget).
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            EnableRendering = false,
        };
        configure?.Invoke(options);
        return options;
    }
}
