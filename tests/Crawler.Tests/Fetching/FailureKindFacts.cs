using System.Net;
using System.Net.Sockets;
using PlanNacc.Crawler.Fetching;
using PlanNacc.Crawler.Tests.Support;

namespace PlanNacc.Crawler.Tests.Fetching;

/// <summary>The snapshot types what stopped a crawl, so callers (the run's retry decision) never read the reason text.</summary>
public sealed class FailureKindFacts
{
    [Theory]
    [InlineData(503, SiteFailureKind.ServerBusy)]
    [InlineData(429, SiteFailureKind.ServerBusy)]
    [InlineData(404, SiteFailureKind.HttpStatus)]
    public async Task CrawlAsync_TypesTheHomePageAnswer(int status, SiteFailureKind expected)
    {
        await using var server = TestServer.Start(new Dictionary<string, TestResponse>
        {
            ["/robots.txt"] = TestResponse.WithStatus(404),
            ["/"] = TestResponse.WithStatus(status),
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.MaxRetries = 0));

        var snapshot = await crawler.CrawlAsync(server.Url("/"));

        Assert.Equal((SiteStatus.Unreachable, expected), (snapshot.Status, snapshot.Failure));
    }

    [Fact]
    public async Task CrawlAsync_TypesRobotsServerErrorAsServerBusy_AndAnAnsweredSiteAsNone()
    {
        await using var busy = TestServer.Start(new Dictionary<string, TestResponse> { ["/robots.txt"] = TestResponse.WithStatus(503) });
        await using var fine = TestServer.Start(
            new Dictionary<string, TestResponse>
            {
                // Two pages: a site that shows one page and no way on is "one-page", not "ok" (issue 12).
                ["/"] = TestResponse.Html("<html><body><a href='/a'>ok</a></body></html>"),
                ["/a"] = TestResponse.Html("<html><body>ok</body></html>"),
            });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.MaxRetries = 0));

        var robots = await crawler.CrawlAsync(busy.Url("/"));
        var ok = await crawler.CrawlAsync(fine.Url("/"));

        Assert.Equal((SiteStatus.RobotsDisallowed, SiteFailureKind.ServerBusy), (robots.Status, robots.Failure));
        Assert.Equal((SiteStatus.Ok, SiteFailureKind.None), (ok.Status, ok.Failure));
    }

    [Fact]
    public async Task CrawlAsync_TypesAClosedPortAsConnectionRefused()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.MaxRetries = 0));

        var snapshot = await crawler.CrawlAsync(new Uri($"http://127.0.0.1:{port}/"));

        Assert.Equal(SiteFailureKind.ConnectionRefused, snapshot.Failure);
    }

    [Theory]
    [InlineData("Unreachable", "connection-reset", 0, SiteFailureKind.ConnectionLost)]
    [InlineData("Unreachable", "truncated", 0, SiteFailureKind.ConnectionLost)]
    [InlineData("Unreachable", "unreachable: timedout", 0, SiteFailureKind.Timeout)]
    [InlineData("Unreachable", "unreachable: networkunreachable", 0, SiteFailureKind.ConnectionRefused)]
    [InlineData("Http", "invalid-response", 0, SiteFailureKind.ConnectionLost)]
    [InlineData("Timeout", "connect-timeout", 0, SiteFailureKind.Timeout)]
    [InlineData("Dns", "dns: no such host", 0, SiteFailureKind.NoSuchHost)]
    [InlineData("Redirects", "redirect-loop", 302, SiteFailureKind.Redirects)]
    [InlineData("DecompressionBomb", "decompression-bomb", 200, SiteFailureKind.TooLarge)]
    [InlineData("Refused", "refused: private 10.0.0.8", 0, SiteFailureKind.AddressRefused)]
    // The fetch failure by name: the enum is internal to the crawler.
    public void KindOf_MapsTheFetchersWords(string failure, string error, int status, SiteFailureKind expected) =>
        Assert.Equal(expected, FetchFailures.KindOf(Enum.Parse<FetchFailure>(failure), error, status));
}
