using System.Text;
using PlanNacc.Crawler.Tests.Support;

namespace PlanNacc.Crawler.Tests.Robots;

public sealed class RobotsFetchFacts
{
    private const string Home = "<html><body><a href='/ita/'>ITA</a><a href='/news'>ข่าว</a></body></html>";

    [Fact]
    public async Task CrawlAsync_AllowsAll_WhenRobotsIs404()
    {
        await using var server = TestServer.Start(r => r.Path switch
        {
            "/" => TestResponse.Html(Home),
            "/ita/" or "/news" => TestResponse.Html("<p>x</p>"),
            _ => TestResponse.WithStatus(404),
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        Assert.Equal(3, snapshot.Pages.Count);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task CrawlAsync_DisallowsAll_WhenRobotsAnswersServerError(int status)
    {
        await using var server = TestServer.Start(r => r.Path == "/robots.txt" ? TestResponse.WithStatus(status) : TestResponse.Html(Home));
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.MaxRetries = 0));

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal(SiteStatus.RobotsDisallowed, snapshot.Status);
        Assert.Equal($"robots-unavailable: robots.txt {status}", snapshot.StatusReason);
        Assert.All(server.Requests, r => Assert.Equal("/robots.txt", r.Path));
    }

    [Fact]
    public async Task CrawlAsync_ReportsUnreachable_WhenRobotsGetsNoAnswer()
    {
        await using var server = TestServer.Start(
            r => r.Path == "/robots.txt" ? new TestResponse { Reset = true } : TestResponse.Html(Home));
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.MaxRetries = 1));

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal(SiteStatus.Unreachable, snapshot.Status);
        Assert.Equal("robots-unavailable: robots.txt unreachable (connection-reset)", snapshot.StatusReason);
        Assert.All(server.Requests, r => Assert.Equal("/robots.txt", r.Path));
    }

    [Fact]
    public async Task CrawlAsync_SkipsDisallowedSection_AndFollowsRobotsRedirect()
    {
        await using var server = TestServer.Start(r => r.Path switch
        {
            "/robots.txt" => TestResponse.Redirect("/real-robots.txt", 301),
            "/real-robots.txt" => new(200, Encoding.UTF8.GetBytes("User-agent: plannacc\nDisallow: /ita/\n"), "text/plain"),
            "/" => TestResponse.Html(Home),
            _ => TestResponse.Html("<p>x</p>"),
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        Assert.DoesNotContain(server.Requests, r => r.Path.StartsWith("/ita/", StringComparison.Ordinal));
        Assert.Contains(snapshot.Errors, e => e.Url.AbsolutePath == "/ita/" && e.Error == "robots-disallowed");
        Assert.Contains(snapshot.Pages, p => p.Url.AbsolutePath == "/news");
    }

    [Fact]
    public async Task CrawlAsync_ReusesCachedRobots_AcrossCrawlsOfOneProcess()
    {
        await using var server = TestServer.Start(r => r.Path == "/" ? TestResponse.Html("<p>home</p>") : TestResponse.WithStatus(404));
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());

        await crawler.CrawlAsync(server.Url());
        await crawler.CrawlAsync(server.Url());

        Assert.Single(server.Requests, r => r.Path == "/robots.txt");
    }

    [Fact]
    public async Task CrawlAsync_SpacesRequestsByCrawlDelay_WhenRobotsAsksForIt()
    {
        var links = string.Concat(Enumerable.Range(1, 3).Select(i => $"<a href='/p{i}'>p{i}</a>"));
        await using var server = TestServer.Start(r => r.Path switch
        {
            "/robots.txt" => new(200, Encoding.UTF8.GetBytes("User-agent: *\nCrawl-delay: 2.5\n"), "text/plain"),
            "/" => TestResponse.Html($"<html><body>{links}</body></html>"),
            _ => TestResponse.Html("<p>x</p>"),
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(), clock: new SteppingClock(DateTimeOffset.UnixEpoch));

        var snapshot = await crawler.CrawlAsync(server.Url());

        // Home, sitemap.xml (404) and three pages, each 2.5 s after the one before on the crawler's clock.
        var times = snapshot.Pages.Select(p => p.FetchedAt).Order().ToList();
        Assert.Equal(4, times.Count);
        Assert.Equal(
            [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(2.5)],
            times.Zip(times.Skip(1), (a, b) => b - a));
    }

    [Fact]
    public async Task CrawlAsync_KeepsOneRequestPerSecond_ByDefault()
    {
        var links = string.Concat(Enumerable.Range(1, 4).Select(i => $"<a href='/p{i}'>p{i}</a>"));
        await using var server = TestServer.Start(r => r.Path switch
        {
            "/" => TestResponse.Html($"<html><body>{links}</body></html>"),
            "/robots.txt" or "/sitemap.xml" => TestResponse.WithStatus(404),
            _ => TestResponse.Html("<p>x</p>"),
        });
        await using var crawler = new SiteCrawler(
            Crawlers.FastLoopback(o => o.RequestsPerSecondPerHost = 1), clock: new SteppingClock(DateTimeOffset.UnixEpoch));

        var snapshot = await crawler.CrawlAsync(server.Url());

        // robots.txt at 0 s, home at 1 s, sitemap.xml at 2 s, then one page a second.
        Assert.Equal([1, 3, 4, 5, 6], snapshot.Pages.Select(p => (p.FetchedAt - DateTimeOffset.UnixEpoch).TotalSeconds).Order());
        Assert.Equal(7, snapshot.RequestsMade);
    }

    [Fact]
    public async Task CrawlAsync_FetchesRobotsAgain_AfterTheCacheTime()
    {
        await using var server = TestServer.Start(r => r.Path == "/" ? TestResponse.Html("<p>home</p>") : TestResponse.WithStatus(404));
        var clock = new SteppingClock(DateTimeOffset.UnixEpoch);
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(), clock: clock);

        await crawler.CrawlAsync(server.Url());
        clock.Advance(TimeSpan.FromHours(23));
        await crawler.CrawlAsync(server.Url());
        var withinDay = server.Requests.Count(r => r.Path == "/robots.txt");
        clock.Advance(TimeSpan.FromHours(2));
        await crawler.CrawlAsync(server.Url());

        Assert.Equal((1, 2), (withinDay, server.Requests.Count(r => r.Path == "/robots.txt")));
    }
}
