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
        Assert.Equal($"robots {status}: disallow all", snapshot.StatusReason);
        Assert.All(server.Requests, r => Assert.Equal("/robots.txt", r.Path));
    }

    [Fact]
    public async Task CrawlAsync_ReportsUnreachable_WhenRobotsGetsNoAnswer()
    {
        await using var server = TestServer.Start(r => r.Path == "/robots.txt" ? new TestResponse { Reset = true } : TestResponse.Html(Home));
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.MaxRetries = 1));

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal(SiteStatus.Unreachable, snapshot.Status);
        Assert.StartsWith("robots unreachable", snapshot.StatusReason);
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
        Assert.Contains(snapshot.Errors, e => e.Url.AbsolutePath == "/ita/" && e.Error.StartsWith("robots", StringComparison.Ordinal));
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
            "/robots.txt" => new(200, Encoding.UTF8.GetBytes("User-agent: *\nCrawl-delay: 0.3\n"), "text/plain"),
            "/" => TestResponse.Html($"<html><body>{links}</body></html>"),
            _ => TestResponse.Html("<p>x</p>"),
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());

        await crawler.CrawlAsync(server.Url());

        // The limiter guarantees a lower bound only; the server's own clock measures it.
        var pageTimes = server.Requests.Where(r => r.Path != "/robots.txt" && r.Path != "/sitemap.xml").Select(r => r.At).Order().ToList();
        Assert.Equal(4, pageTimes.Count);
        var gaps = pageTimes.Zip(pageTimes.Skip(1), (a, b) => b - a).ToList();
        Assert.True(gaps.Min() >= TimeSpan.FromMilliseconds(200), string.Join(", ", gaps.Select(g => g.TotalMilliseconds)));
    }
}
