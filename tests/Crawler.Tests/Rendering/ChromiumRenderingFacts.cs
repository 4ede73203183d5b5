using System.Text;
using PlanNacc.Crawler.Tests.Support;

namespace PlanNacc.Crawler.Tests.Rendering;

public sealed class ChromiumRenderingFacts
{
    private static TestServer ScriptMenuSite() => TestServer.Start(r => r.Path switch
    {
        "/robots.txt" => TestResponse.WithStatus(404),
        "/" => TestResponse.Html("""
            <html><head><title>เมนูสคริปต์</title><script src="/menu.js"></script></head>
            <body><div id="menu"></div><img src="/logo.png" alt="ตรา"><p>ยินดีต้อนรับ</p></body></html>
            """),
        "/menu.js" => new(200, Encoding.UTF8.GetBytes("""
            document.addEventListener('DOMContentLoaded', function () {
              document.getElementById('menu').innerHTML = '<ul><li><a href="/ita.html">ITA 2568</a></li></ul>';
            });
            """), "application/javascript"),
        "/ita.html" => TestResponse.Html("<html><head><title>ITA</title></head><body><a href='/o1.html'>o1 โครงสร้าง</a></body></html>"),
        "/o1.html" => TestResponse.Html("<html><head><title>โครงสร้าง</title></head><body><p>แผนภูมิ</p></body></html>"),
        _ => TestResponse.WithStatus(404),
    });

    [ChromiumFact]
    public async Task CrawlAsync_RendersScriptBuiltMenu_InChromium()
    {
        await using var server = ScriptMenuSite();
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => { o.EnableRendering = true; o.ChromiumPath = TestEnvironment.ChromiumPath; }));

        var snapshot = await crawler.CrawlAsync(server.Url());

        var home = snapshot.Pages.Single(p => p.Url.AbsolutePath == "/");
        Assert.True(home.Rendered, string.Join("; ", snapshot.Errors.Select(e => e.Error).Concat(snapshot.Findings)));
        Assert.Contains(home.Links, l => l.Text == "ITA 2568" && l.MenuLabel is null);
        Assert.Equal(["หน้าหลัก", "ITA 2568", "o1 โครงสร้าง"], snapshot.Pages.Single(p => p.Url.AbsolutePath == "/o1.html").ClickPath);
        Assert.False(snapshot.Pages.Single(p => p.Url.AbsolutePath == "/ita.html").Rendered);
        // The browser's own requests went through the crawler (its User-Agent), and images were never fetched.
        Assert.Contains(server.Requests, r => r.Path == "/menu.js" && r.UserAgent!.StartsWith("PlanNacc/", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Requests, r => r.Path == "/logo.png");
        Assert.Single(server.Requests, r => r.Path == "/");
        Assert.DoesNotContain(snapshot.Findings, f => f.StartsWith("render-unavailable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CrawlAsync_StaysStaticAndSaysSo_WhenRenderingIsUnavailable()
    {
        await using var server = ScriptMenuSite();
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.EnableRendering = false));

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        Assert.False(Assert.Single(snapshot.Pages).Rendered);
        Assert.Contains("render-unavailable: 1 page(s) look script-built (empty-menu-container); rendering disabled", snapshot.Findings);
    }
}
