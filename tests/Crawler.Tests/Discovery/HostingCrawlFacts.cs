using PlanNacc.Crawler.Tests.Support;
using PlanNacc.SiteFarm.Generation;
using PlanNacc.SiteFarm.Serving;

namespace PlanNacc.Crawler.Tests.Discovery;

/// <summary>The hosting farm, started once for the class.</summary>
public sealed class HostingFarmFixture : IAsyncLifetime
{
    public HostingFarm Farm { get; private set; } = null!;

    public async Task InitializeAsync() => Farm = await HostingFarm.StartAsync();

    public async Task DisposeAsync() => await Farm.DisposeAsync();

    public SiteCrawler Crawler(Action<CrawlerOptions>? configure = null) => new(Crawlers.FastLoopback(o =>
    {
        foreach (var (host, address) in Farm.HostMap)
        {
            o.Resolve[host] = address;
        }
        configure?.Invoke(o);
    }));

    public HostedSite Site(string shape, string? start = null) =>
        Farm.Sites.First(s => s.Shape == shape && (start is null || s.Start == start));
}

/// <summary>Real hosting on the hosting farm: Joomla query routing, LAOs under paths of shared hosts, intro pages, script menus.</summary>
public sealed class HostingCrawlFacts(HostingFarmFixture fixture) : IClassFixture<HostingFarmFixture>
{
    private static string Local(Uri url) => Uri.UnescapeDataString(url.PathAndQuery);

    [Fact]
    public async Task CrawlAsync_ReadsEveryJoomlaPage_WhenParametersSelectTheContent()
    {
        var site = fixture.Site("joomla");
        await using var crawler = fixture.Crawler();

        var snapshot = await crawler.CrawlAsync(fixture.Farm.Url(site));

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        var read = snapshot.Pages.Where(p => p.DuplicateOf is null).Select(p => Local(p.Url)).ToHashSet();
        Assert.All(site.OwnPages, own => Assert.Contains(own, read));
        Assert.Contains(snapshot.Pages, p => p.Title == "แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570)");
        // The "featured" view answers the home page's bytes: recognised by its hash, not by its URL.
        var featured = Assert.Single(snapshot.Pages, p => p.Url.Query.Contains("view=featured", StringComparison.Ordinal));
        Assert.Equal(snapshot.FinalRoot, featured.DuplicateOf);
        Assert.Contains(snapshot.Findings, f => f.StartsWith("duplicate-content: 1 URL(s)", StringComparison.Ordinal));
        // Session and tracking parameters are dropped, so the article linked with utm_source is one page.
        Assert.DoesNotContain(snapshot.Pages, p => p.Url.Query.Contains("utm_", StringComparison.Ordinal)
            || p.Url.Query.Contains("PHPSESSID", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> PathSites() => new()
    {
        { "shared-host", "/phrae/saiyoi/" },
        { "shared-host", "/phrae/nakhuha/" },
        { "shared-host", "/nan/pua/" },
        { "site-builder", "/view/saiyoi" },
        { "portal", "/numrid/home.php" },
    };

    [Theory]
    [MemberData(nameof(PathSites))]
    public async Task CrawlAsync_StaysUnderTheLaosPath_WhenItSharesItsHost(string shape, string start)
    {
        var site = fixture.Site(shape, start);
        await using var crawler = fixture.Crawler();

        var snapshot = await crawler.CrawlAsync(fixture.Farm.Url(site));

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        var read = snapshot.Pages.Select(p => Local(p.Url)).ToHashSet();
        Assert.All(site.OwnPages, own => Assert.Contains(own, read));
        Assert.All(site.ForeignPages, foreign => Assert.DoesNotContain(foreign, read));
        var prefix = Discovery_PrefixOf(site.Start);
        Assert.All(snapshot.Pages, p => Assert.StartsWith(prefix, p.Url.AbsolutePath + "/", StringComparison.Ordinal));
        Assert.DoesNotContain(snapshot.Errors, e => site.ForeignPages.Contains(Local(e.Url)));
    }

    [Fact]
    public async Task CrawlAsync_NeverCreditsTheNeighboursPlan_ToTheLaoWithout()
    {
        var site = fixture.Site("shared-host", "/phrae/saiyoi/");
        await using var crawler = fixture.Crawler();
        var before = fixture.Farm.Requests.Count;

        var snapshot = await crawler.CrawlAsync(fixture.Farm.Url(site));

        Assert.DoesNotContain(snapshot.Pages, p => p.Title?.Contains("แผนปฏิบัติการป้องกันการทุจริต", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(fixture.Farm.Requests.Skip(before),
            r => r.Host == site.Host && r.PathAndQuery.StartsWith("/phrae/nakhuha/ita/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("intro-image-link")]
    [InlineData("intro-script-button")]
    [InlineData("intro-meta-refresh")]
    [InlineData("intro-image-map")]
    [InlineData("intro-timed-redirect")]
    [InlineData("intro-form-button")]
    public async Task CrawlAsync_PassesThroughIntroPage_ToTheRealHome(string shape)
    {
        var site = fixture.Site(shape);
        await using var crawler = fixture.Crawler();

        var snapshot = await crawler.CrawlAsync(fixture.Farm.Url(site));

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        var read = snapshot.Pages.Select(p => Local(p.Url)).ToHashSet();
        Assert.All(site.OwnPages, own => Assert.Contains(own, read));
        // Click paths start at the real home page, as an assessor counts them.
        Assert.Equal(["หน้าหลัก", "ITA 2568"], snapshot.Pages.Single(p => p.Url.AbsolutePath == "/main/ita.html").ClickPath);
    }

    [ChromiumFact]
    public async Task CrawlAsync_RendersIntroPage_WhoseWayOnIsBuiltByScript()
    {
        var site = fixture.Site("intro-script-built");
        await using var crawler = fixture.Crawler(o =>
        {
            o.EnableRendering = true;
            o.ChromiumPath = TestEnvironment.ChromiumPath;
        });

        var snapshot = await crawler.CrawlAsync(fixture.Farm.Url(site));

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        Assert.True(snapshot.Pages[0].Rendered, string.Join("; ", snapshot.Errors.Select(e => e.Error).Concat(snapshot.Findings)));
        var read = snapshot.Pages.Select(p => Local(p.Url)).ToHashSet();
        Assert.All(site.OwnPages, own => Assert.Contains(own, read));
    }

    [Fact]
    public async Task CrawlAsync_SaysOnePage_WhenIntroLeadsNowhere()
    {
        var site = fixture.Site("intro-dead-end");
        await using var crawler = fixture.Crawler();

        var snapshot = await crawler.CrawlAsync(fixture.Farm.Url(site));

        Assert.Equal(SiteStatus.OnePage, snapshot.Status);
        Assert.StartsWith("one-page:", snapshot.StatusReason, StringComparison.Ordinal);
        Assert.Single(snapshot.Pages);
    }

    [Fact]
    public async Task CrawlAsync_FollowsPopUpMenuItems_WrittenOnlyAsWindowOpen()
    {
        var site = fixture.Site("script-menu");
        await using var crawler = fixture.Crawler();

        var snapshot = await crawler.CrawlAsync(fixture.Farm.Url(site));

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        var read = snapshot.Pages.Select(p => Local(p.Url)).ToHashSet();
        Assert.All(site.OwnPages, own => Assert.Contains(own, read));
        Assert.Equal(["หน้าหลัก", "วิสัยทัศน์"], snapshot.Pages.Single(p => p.Url.AbsolutePath == "/1/vision.php").ClickPath);
    }

    private static string Discovery_PrefixOf(string start) => PlanNacc.Crawler.Discovery.SiteScope.PrefixOf(new Uri("http://h" + start))!;
}
