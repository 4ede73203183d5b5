using PlanNacc.Crawler.Robots;

namespace PlanNacc.Crawler.Tests.Robots;

public sealed class RobotsRulesFacts
{
    // Each line: robots.txt content, a path, whether PlanNacc may fetch it. Cases follow RFC 9309 sections 2.2 and 5.
    [Theory]
    [InlineData("User-agent: *\nDisallow: /", "/", false)]
    [InlineData("User-agent: *\nDisallow: /", "/robots.txt", true)]
    [InlineData("User-agent: *\nDisallow:", "/anything", true)]
    [InlineData("", "/anything", true)]
    [InlineData("User-agent: *\nDisallow: /private", "/private/a.html", false)]
    [InlineData("User-agent: *\nDisallow: /private", "/privateer", false)]
    [InlineData("User-agent: *\nDisallow: /private/", "/private", true)]
    [InlineData("User-agent: *\nDisallow: /ita\nAllow: /ita/2568", "/ita/2568/o1.html", true)]
    [InlineData("User-agent: *\nDisallow: /ita\nAllow: /ita/2568", "/ita/2567/o1.html", false)]
    [InlineData("User-agent: *\nAllow: /page\nDisallow: /*.php", "/page.php", false)]
    [InlineData("User-agent: *\nAllow: /page.php\nDisallow: /*.php", "/page.php", true)]
    [InlineData("User-agent: *\nDisallow: /*.pdf$", "/docs/a.pdf", false)]
    [InlineData("User-agent: *\nDisallow: /*.pdf$", "/docs/a.pdf?x=1", true)]
    [InlineData("User-agent: *\nDisallow: /*.pdf$", "/docs/a.pdfx", true)]
    [InlineData("User-agent: *\nDisallow: /*?sort=", "/news.php?sort=date", false)]
    [InlineData("User-agent: *\nDisallow: /index.php?menuid=9", "/index.php?menuid=99", false)]
    [InlineData("User-agent: *\nDisallow: /index.php?menuid=9$", "/index.php?menuid=99", true)]
    [InlineData("User-agent: *\nAllow: /a\nDisallow: /a", "/a/b", true)]
    [InlineData("user-agent: *\nDISALLOW: /x # comment", "/x", false)]
    [InlineData("User-agent: *\nDisallow: /%E0%B8%81", "/\u0E01", false)]
    [InlineData("User-agent: *\nDisallow: /\u0E01", "/%E0%B8%81/file", false)]
    [InlineData("User-agent: *\nDisallow: /%7Ejoe", "/~joe/a", false)]
    [InlineData("User-agent: *\nDisallow: /a%2fb", "/a%2Fb", false)]
    [InlineData("User-agent: *\nDisallow: /a%2Fb", "/a/b", true)]
    [InlineData("User-agent: googlebot\nDisallow: /", "/", true)]
    [InlineData("User-agent: PlanNacc\nDisallow: /ita\n\nUser-agent: *\nDisallow: /", "/news", true)]
    [InlineData("User-agent: PlanNacc\nDisallow: /ita\n\nUser-agent: *\nDisallow: /", "/ita/1", false)]
    [InlineData("User-agent: plannacc/1.0\nDisallow: /x", "/x", false)]
    [InlineData("User-agent: PlanNaccBot\nDisallow: /x", "/x", true)]
    [InlineData("User-agent: a\nUser-agent: plannacc\nDisallow: /x", "/x", false)]
    [InlineData("User-agent: plannacc\nDisallow: /x\n\nUser-agent: plannacc\nDisallow: /y", "/y", false)]
    [InlineData("Disallow: /x\nUser-agent: *\nDisallow: /y", "/x", true)]
    [InlineData("User-agent: *\nDisallow: /*/calendar/*", "/th/calendar/2026", false)]
    [InlineData("User-agent: *\nDisallow: /$", "/", false)]
    [InlineData("User-agent: *\nDisallow: /$", "/index.html", true)]
    public void IsAllowed_FollowsRfc9309_ForEachCase(string robots, string path, bool allowed) =>
        Assert.Equal(allowed, RobotsRules.Parse(robots, "PlanNacc").IsAllowed(path));

    [Fact]
    public void Parse_ReadsCrawlDelayAndSitemaps_FromMatchingGroup()
    {
        var rules = RobotsRules.Parse(
            "Sitemap: /sitemap.xml\nUser-agent: other\nCrawl-delay: 9\n\nUser-agent: *\nCrawl-delay: 2.5\n",
            "PlanNacc",
            new Uri("http://abc.go.th/robots.txt"));

        Assert.Equal(TimeSpan.FromSeconds(2.5), rules.CrawlDelay);
        Assert.Equal([new Uri("http://abc.go.th/sitemap.xml")], rules.Sitemaps);
    }

    [Fact]
    public void DisallowAll_DisallowsEverythingButRobotsTxt()
    {
        var rules = RobotsRules.DisallowAll("robots-unavailable: robots.txt 503");
        Assert.True(rules.DisallowsEverything);
        Assert.False(rules.IsAllowed("/index.php"));
        Assert.True(rules.IsAllowed("/robots.txt"));
    }
}
