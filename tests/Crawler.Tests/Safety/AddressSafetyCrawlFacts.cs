using PlanNacc.Crawler.Tests.Support;

namespace PlanNacc.Crawler.Tests.Safety;

public sealed class AddressSafetyCrawlFacts
{
    [Theory]
    [InlineData("http://10.0.0.1/", "refused: private 10.0.0.1")]
    [InlineData("http://[::ffff:192.168.0.9]/", "refused: private 192.168.0.9")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "refused: linklocal 169.254.169.254")]
    public async Task CrawlAsync_RefusesRedirectTarget_WhenItIsPrivate(string target, string reason)
    {
        await using var server = TestServer.Start(r => r.Path == "/robots.txt" ? TestResponse.WithStatus(404)
            : TestResponse.Redirect(target));
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());

        var snapshot = await crawler.CrawlAsync(server.Url("/"));

        Assert.Equal(SiteStatus.Refused, snapshot.Status);
        Assert.Equal(reason, snapshot.StatusReason?.Replace("::ffff:", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("127.1")]
    [InlineData("2130706433")]
    [InlineData("0x7f.1")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("localhost")]
    public async Task CrawlAsync_RefusesLoopbackInAnySpelling_WhenLoopbackIsNotAllowed(string host)
    {
        await using var server = TestServer.Start(_ => TestResponse.Html("<a href='/x'>x</a>"));
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.AllowLoopback = false));

        var snapshot = await crawler.CrawlAsync(new Uri($"http://{host}:{server.Port}/"));

        Assert.Equal(SiteStatus.Refused, snapshot.Status);
        Assert.StartsWith("refused: loopback", snapshot.StatusReason);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task CrawlAsync_RefusesMappedName_WhenItResolvesToPrivateAddress()
    {
        var options = Crawlers.FastLoopback().AddResolve("intranet.example.go.th:192.168.10.10");
        await using var crawler = new SiteCrawler(options);

        var snapshot = await crawler.CrawlAsync(new Uri("http://intranet.example.go.th/"));

        Assert.Equal((SiteStatus.Refused, "refused: private 192.168.10.10"), (snapshot.Status, snapshot.StatusReason));
        Assert.Equal(0, snapshot.RequestsMade);
    }

    [Fact]
    public async Task CrawlAsync_TrustsOnlyTheMappedHosts_WhenTheResolveMapIsTrusted()
    {
        // The site links and redirects to this machine by other names: only the mapped name may reach it.
        await using var server = TestServer.Start(r => r.Path switch
        {
            "/robots.txt" => TestResponse.WithStatus(404),
            "/" => TestResponse.Html("<a href='/about'>about</a>"),
            _ => TestResponse.Html("about"),
        });
        var options = Crawlers.FastLoopback(o => { o.AllowLoopback = false; o.TrustResolveMap = true; })
            .AddResolve("demo.farm.test:127.0.0.1");
        await using var crawler = new SiteCrawler(options);

        var mapped = await crawler.CrawlAsync(new Uri($"http://demo.farm.test:{server.Port}/"));
        var literal = await crawler.CrawlAsync(new Uri($"http://127.0.0.1:{server.Port}/"));
        var named = await crawler.CrawlAsync(new Uri($"http://localhost:{server.Port}/"));

        Assert.Equal(SiteStatus.Ok, mapped.Status);
        Assert.Contains(mapped.Pages, p => p.Url.AbsolutePath == "/about");
        Assert.Equal(SiteStatus.Refused, literal.Status);
        Assert.Equal(SiteStatus.Refused, named.Status);
    }

    [Theory]
    [InlineData("abc.go.th:127.0.0.1", "abc.go.th", "127.0.0.1")]
    [InlineData("abc.go.th:8080:127.0.0.1", "abc.go.th", "127.0.0.1")]
    [InlineData("abc.go.th:[::1]", "abc.go.th", "::1")]
    public void ParseResolve_ReadsCurlSpelling(string spec, string host, string address)
    {
        var parsed = CrawlerOptions.ParseResolve(spec);
        Assert.Equal((host, address), (parsed.Host, parsed.Address.ToString()));
    }

    [Theory]
    [InlineData("abc.go.th")]
    [InlineData("abc.go.th:")]
    [InlineData(":127.0.0.1")]
    [InlineData("abc.go.th:not-an-ip")]
    public void ParseResolve_Throws_WhenSpecIsMalformed(string spec)
        => Assert.Throws<FormatException>(() => CrawlerOptions.ParseResolve(spec));
}
