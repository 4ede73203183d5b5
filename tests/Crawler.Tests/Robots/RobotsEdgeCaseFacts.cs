using System.Net;
using System.Text;
using PlanNacc.Crawler.Robots;
using PlanNacc.Crawler.Tests.Support;

namespace PlanNacc.Crawler.Tests.Robots;

/// <summary>robots.txt files as real hosts save them: byte order marks, CRLF, comments, odd casing, huge files, moved files.</summary>
public sealed class RobotsEdgeCaseFacts
{
    private const string Home = "<html><body><a href='/ita/'>ITA</a><a href='/news'>ข่าว</a></body></html>";

    [Theory]
    [InlineData("\uFEFFUser-agent: *\nDisallow: /ita/\n", "/ita/o1", false)]
    [InlineData("User-agent: *\r\nDisallow: /ita/\r\nAllow: /ita/open\r\n", "/ita/o1", false)]
    [InlineData("User-agent: *\r\nDisallow: /ita/\r\nAllow: /ita/open\r\n", "/ita/open", true)]
    [InlineData("# site robots\n  # indented comment\nUser-agent: *  # all\nDisallow: /ita/ # hub\n", "/ita/o1", false)]
    [InlineData("USER-AGENT: PLANNACC\nDISALLOW: /ita/\n\nuser-agent: *\ndisallow: /\n", "/news", true)]
    [InlineData("uSeR-aGeNt: plannacc\nDisallow: /ita/\n", "/ita/o1", false)]
    [InlineData("User-agent: other\nHost: example.go.th\nUser-agent: plannacc\nDisallow: /ita/\n", "/ita/o1", false)]
    [InlineData("User-agent: *\nClean-param: sid /\nNoindex: /x\nDisallow: /ita/\n", "/ita/o1", false)]
    [InlineData("this line has no colon\nUser-agent: *\nDisallow: /ita/\n", "/ita/o1", false)]
    [InlineData("\uFEFF\uFEFFUser-agent: *\nDisallow: /ita/\n", "/ita/o1", false)]
    public void Parse_ReadsRules_WhenFileHasRealWorldQuirks(string robots, string path, bool allowed) =>
        Assert.Equal(allowed, RobotsRules.Parse(robots, "PlanNacc").IsAllowed(path));

    [Fact]
    public void MaxBytes_Is500KiB_AsRfc9309Says() => Assert.Equal(500 * 1024, RobotsRules.MaxBytes);

    [Fact]
    public async Task CrawlAsync_HonoursDisallow_WhenRobotsHasUtf8ByteOrderMark()
    {
        var robots = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("User-agent: *\r\nDisallow: /ita/\r\n")).ToArray();
        await using var server = TestServer.Start(r => r.Path switch
        {
            "/robots.txt" => new(200, robots, "text/plain"),
            "/" => TestResponse.Html(Home),
            _ => TestResponse.Html("<p>x</p>"),
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        Assert.DoesNotContain(server.Requests, r => r.Path.StartsWith("/ita/", StringComparison.Ordinal));
        Assert.Contains(snapshot.Pages, p => p.Url.AbsolutePath == "/news");
    }

    [Fact]
    public async Task CrawlAsync_ParsesFirst500KiB_WhenRobotsIsHuge()
    {
        // 3 MiB of comments after the rules: bigger than any response cap for robots.txt, yet its first rules hold.
        var padding = string.Concat(Enumerable.Repeat("# padding padding padding padding padding\n", 75_000));
        var huge = "User-agent: *\nDisallow: /ita/\n" + padding
            + "Disallow: /news\n";
        await using var server = TestServer.Start(r => r.Path switch
        {
            "/robots.txt" => new(200, Encoding.UTF8.GetBytes(huge), "text/plain"),
            "/" => TestResponse.Html(Home),
            _ => TestResponse.Html("<p>x</p>"),
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        Assert.DoesNotContain(server.Requests, r => r.Path.StartsWith("/ita/", StringComparison.Ordinal));
        // The rule past 500 KiB is not read, so /news is allowed.
        Assert.Contains(snapshot.Pages, p => p.Url.AbsolutePath == "/news");
    }

    [Fact]
    public void Parse_IgnoresRulesPast500KiB()
    {
        var text = "User-agent: *\nDisallow: /a\n" + new string('#', RobotsRules.MaxBytes) + "\nDisallow: /b\n";

        var rules = RobotsRules.Parse(text, "PlanNacc");

        Assert.Equal((false, true), (rules.IsAllowed("/a"), rules.IsAllowed("/b")));
    }

    [Fact]
    public async Task CrawlAsync_FollowsRobotsRedirect_ToAnotherHost()
    {
        await using var server = TestServer.Start(r => (r.Host.Split(':')[0], r.Path) switch
        {
            ("site.test", "/robots.txt") => TestResponse.Redirect($"http://cdn.test:{r.Host.Split(':')[1]}/robots/site.txt", 301),
            ("cdn.test", "/robots/site.txt") => new(200, Encoding.UTF8.GetBytes("User-agent: *\nDisallow: /ita/\n"), "text/plain"),
            ("site.test", "/") => TestResponse.Html(Home),
            ("site.test", _) => TestResponse.Html("<p>x</p>"),
            _ => TestResponse.WithStatus(404),
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o =>
        {
            o.Resolve["site.test"] = IPAddress.Loopback;
            o.Resolve["cdn.test"] = IPAddress.Loopback;
        }));

        var snapshot = await crawler.CrawlAsync(server.Url("/", "site.test"));

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        Assert.Contains(server.Requests, r => r.Host.StartsWith("cdn.test", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Requests, r => r.Path.StartsWith("/ita/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CrawlAsync_AllowsAll_WhenRobotsRedirectsMoreThanFiveTimes()
    {
        await using var server = TestServer.Start(r => r.Path switch
        {
            "/" => TestResponse.Html(Home),
            _ when r.Path.StartsWith("/robots", StringComparison.Ordinal) =>
                TestResponse.Redirect("/robots" + (r.Path.Length - 10) + ".txt", 302),
            _ => TestResponse.Html("<p>x</p>"),
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        Assert.Equal(6, server.Requests.Count(r => r.Path.StartsWith("/robots", StringComparison.Ordinal)));
        Assert.Contains(server.Requests, r => r.Path == "/ita/");
    }

    [Fact]
    public async Task CrawlAsync_DoesNotSpendPageBudget_OnUrlsRefusedByRobots()
    {
        var refused = string.Concat(Enumerable.Range(1, 15).Select(i => $"<a href='/private/p{i}'>ลับ {i}</a>"));
        var open = string.Concat(Enumerable.Range(1, 10).Select(i => $"<a href='/open/p{i}'>เปิด {i}</a>"));
        await using var server = TestServer.Start(r => r.Path switch
        {
            "/robots.txt" => new(200, Encoding.UTF8.GetBytes("User-agent: *\nDisallow: /private/\n"), "text/plain"),
            "/" => TestResponse.Html($"<html><body><nav>{refused}</nav>{open}</body></html>"),
            "/sitemap.xml" => TestResponse.WithStatus(404),
            _ => TestResponse.Html("<p>x</p>"),
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.MaxPagesPerSite = 11));

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal(11, snapshot.Pages.Count);
        Assert.Equal(15, snapshot.RobotsSkipped);
        Assert.Contains(snapshot.Findings, f => f.StartsWith("robots-skipped: 15 URL(s)", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Requests, r => r.Path.StartsWith("/private/", StringComparison.Ordinal));
    }
}
