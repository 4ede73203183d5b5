using PlanNacc.Crawler.Tests.Support;

namespace PlanNacc.Crawler.Tests.Robots;

/// <summary>
/// An unavailable robots.txt (5xx, no answer) disallows everything for the scan that met it only (RFC 9309 2.3.1): the scan
/// asks again before giving up, and the next scan of the same process asks afresh instead of a cached failure for a day.
/// </summary>
public sealed class RobotsFailureFacts
{
    private const string Home = "<html><body><a href='/ita/'>ITA</a></body></html>";

    private static TestServer Server(Func<int, TestResponse> robots)
    {
        var asked = 0;
        return TestServer.Start(r => r.Path switch
        {
            "/robots.txt" => robots(Interlocked.Increment(ref asked)),
            "/" => TestResponse.Html(Home),
            "/ita/" => TestResponse.Html("<p>ITA</p>"),
            _ => TestResponse.WithStatus(404),
        });
    }

    [Fact]
    public async Task OneConnectionFailure_IsRetriedWithinTheScan_AndTheSiteIsCrawled()
    {
        await using var server = Server(n => n == 1 ? new TestResponse { Reset = true } : TestResponse.WithStatus(404));
        // No fetch-level retries: the second request is the robots.txt load's own.
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.MaxRetries = 0));

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        Assert.Equal(2, server.Requests.Count(r => r.Path == "/robots.txt"));
        Assert.Contains(snapshot.Pages, p => p.Url.AbsolutePath == "/ita/");
    }

    [Fact]
    public async Task OneServerError_IsRetriedWithinTheScan_AndTheSiteIsCrawled()
    {
        await using var server = Server(n => n == 1 ? TestResponse.WithStatus(500) : TestResponse.WithStatus(404));
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.MaxRetries = 0));

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
    }

    [Fact]
    public async Task AnUnavailableRobots_DisallowsThatScanWithTheReason_AndTheNextScanAsksAgain()
    {
        var down = true;
        await using var server = Server(_ => Volatile.Read(ref down) ? TestResponse.WithStatus(503) : TestResponse.WithStatus(404));
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.MaxRetries = 0));

        var first = await crawler.CrawlAsync(server.Url());
        var askedInFirst = server.Requests.Count(r => r.Path == "/robots.txt");
        Volatile.Write(ref down, false);
        var second = await crawler.CrawlAsync(server.Url());

        Assert.Equal(SiteStatus.RobotsDisallowed, first.Status);
        Assert.Equal("robots-unavailable: robots.txt 503", first.StatusReason);
        Assert.Equal(2, askedInFirst);
        Assert.Empty(first.Pages);
        // Within the robots cache time (24 h), yet asked again: a failure is not kept for the next scan.
        Assert.Equal(SiteStatus.Ok, second.Status);
        Assert.Equal(3, server.Requests.Count(r => r.Path == "/robots.txt"));
        Assert.Contains(second.Pages, p => p.Url.AbsolutePath == "/ita/");
    }
}
