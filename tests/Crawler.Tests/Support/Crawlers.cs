namespace PlanNacc.Crawler.Tests.Support;

/// <summary>Crawler options for loopback tests: loopback allowed, fast rate, short timeouts, no Chromium unless asked.</summary>
public static class Crawlers
{
    public static CrawlerOptions FastLoopback(Action<CrawlerOptions>? configure = null)
    {
        var options = new CrawlerOptions
        {
            AllowLoopback = true,
            RequestsPerSecondPerHost = 1000,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            RequestTimeout = TimeSpan.FromSeconds(5),
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            EnableRendering = false,
            SiteTimeBudget = TimeSpan.FromSeconds(60),
        };
        configure?.Invoke(options);
        return options;
    }
}
