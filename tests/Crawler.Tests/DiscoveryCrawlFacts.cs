using System.Text;
using PlanNacc.Crawler.Tests.Support;

namespace PlanNacc.Crawler.Tests;

public sealed class DiscoveryCrawlFacts
{
    private static TestServer Serve(Func<SeenRequest, TestResponse?> page) =>
        TestServer.Start(r => r.Path == "/robots.txt" ? TestResponse.WithStatus(404) : page(r) ?? TestResponse.WithStatus(404));

    [Fact]
    public async Task CrawlAsync_ReadsSitemap_AndMarksPagesReachedOnlyThroughIt()
    {
        await using var server = Serve(r => r.Path switch
        {
            "/" => TestResponse.Html("<html><body><a href='/linked'>ลิงก์</a></body></html>"),
            "/sitemap.xml" => new(200, Encoding.UTF8.GetBytes("""
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <url><loc>http://127.0.0.1:PORT/hidden-ita</loc></url>
                  <url><loc>http://127.0.0.1:PORT/linked</loc></url>
                  <url><loc>http://elsewhere.example.com/x</loc></url>
                </urlset>
                """.Replace("PORT", r.Host.Split(':')[1], StringComparison.Ordinal)), "application/xml"),
            "/hidden-ita" or "/linked" => TestResponse.Html("<p>x</p>"),
            _ => null,
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal(["หน้าหลัก", "sitemap.xml"], snapshot.Pages.Single(p => p.Url.AbsolutePath == "/hidden-ita").ClickPath);
        Assert.Equal(["หน้าหลัก", "ลิงก์"], snapshot.Pages.Single(p => p.Url.AbsolutePath == "/linked").ClickPath);
        Assert.DoesNotContain(snapshot.Pages, p => p.Url.Host == "elsewhere.example.com");
    }

    [Fact]
    public async Task CrawlAsync_CutsCalendarTrap_AndSaysSo()
    {
        await using var server = Serve(r =>
        {
            var month = r.Path.Contains("month=", StringComparison.Ordinal) ? int.Parse(r.Path.Split("month=")[1].Split('&')[0]) : 1;
            return r.Path == "/" || r.Path.StartsWith("/calendar.php", StringComparison.Ordinal)
                ? TestResponse.Html($"<html><body><a href='/calendar.php?month={month + 1}&amp;year=2026'>ถัดไป</a><a " +
                    $"href='/ita'>ITA</a></body></html>")
                : r.Path == "/ita" ? TestResponse.Html("<p>ita</p>") : null;
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.DoesNotContain(server.Requests, r => r.Path.StartsWith("/calendar.php", StringComparison.Ordinal));
        Assert.Contains(snapshot.Findings,
            f => f.StartsWith("infinite-url-space:", StringComparison.Ordinal) && f.EndsWith("calendar URL(s) cut",
                StringComparison.Ordinal));
        Assert.Contains(snapshot.Pages, p => p.Url.AbsolutePath == "/ita");
    }

    [Fact]
    public async Task CrawlAsync_CollapsesSessionIds_SoOnePageIsFetchedOnce()
    {
        await using var server = Serve(r => r.Path.StartsWith("/", StringComparison.Ordinal) && !r.Path.StartsWith("/sitemap",
            StringComparison.Ordinal)
            ? TestResponse.Html($"<html><body><a href='/index.php?menuid=5&amp;PHPSESSID={Guid.NewGuid():N}'>เมนู</a></body></html>")
            : null);
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal(2, snapshot.Pages.Count);
        Assert.Single(server.Requests, r => r.Path.StartsWith("/index.php", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CrawlAsync_StopsAtMaxDepth()
    {
        await using var server = Serve(r => r.Path.StartsWith("/d", StringComparison.Ordinal) || r.Path == "/"
            ? TestResponse.Html($"<html><body><a href='/d{(r.Path == "/" ? 1 : int.Parse(r.Path[2..]) + 1)}'>ลึกลงไป</a></body></html>")
            : null);
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.MaxDepth = 3));

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal(["/", "/d1", "/d2", "/d3"], snapshot.Pages.Select(p => p.Url.AbsolutePath));
        Assert.Equal(3, snapshot.Pages.Max(p => p.Depth));
    }

    [Fact]
    public async Task CrawlAsync_StopsAtSiteByteBudget()
    {
        var filler = new string('ก', 40_000);
        var links = string.Concat(Enumerable.Range(1, 30).Select(i => $"<a href='/p{i}'>p{i}</a>"));
        await using var server = Serve(r => r.Path == "/sitemap.xml" ? null
            : TestResponse.Html($"<html><body>{links}<p>{filler}</p></body></html>"));
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.MaxBytesPerSite = 500_000));

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.InRange(snapshot.BytesFetched, 400_000, 640_000);
        Assert.InRange(snapshot.Pages.Count, 3, 5);
        Assert.Contains(snapshot.Findings, f => f.StartsWith("byte-budget-exhausted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CrawlAsync_ChecksDocuments_ByExtensionAndByServedType()
    {
        await using var server = Serve(r => r.Path switch
        {
            "/" => TestResponse.Html("""
                <html><body>
                <a href="/files/plan.docx">แผนปฏิบัติการ (Word)</a>
                <a href="/download.php?id=7">รายงานผล</a>
                <a href="/files/missing.xlsx">สถิติ</a>
                <a href="/files/chart.jpg">โครงสร้าง (ภาพ)</a>
                </body></html>
                """),
            "/files/plan.docx" => TestResponse.Bytes(new byte[2048],
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            "/download.php?id=7" => TestResponse.Bytes(Pdfs.Latin("Annual report 2567"), "application/pdf"),
            "/files/chart.jpg" => TestResponse.Bytes(new byte[512], "image/jpeg"),
            _ => null,
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());

        var snapshot = await crawler.CrawlAsync(server.Url());

        var documents = snapshot.Documents.ToDictionary(d => d.Url.PathAndQuery);
        Assert.Equal((200, 2048L, false),
            (documents["/files/plan.docx"].StatusCode, documents["/files/plan.docx"].Length!.Value,
                documents["/files/plan.docx"].Unreadable));
        Assert.Equal("Annual report 2567", documents["/download.php?id=7"].Title);
        Assert.Equal(["หน้าหลัก", "รายงานผล"], documents["/download.php?id=7"].ClickPath);
        Assert.Equal((404, true, "http 404"),
            (documents["/files/missing.xlsx"].StatusCode, documents["/files/missing.xlsx"].Unreadable,
                documents["/files/missing.xlsx"].UnreadableReason));
        Assert.Equal("image/jpeg", documents["/files/chart.jpg"].ContentType);
        Assert.All(snapshot.Documents.Where(d => d.StatusCode == 200), d => Assert.Equal(64, d.ContentHash!.Length));
        Assert.DoesNotContain(snapshot.Pages, p => p.Url.AbsolutePath.StartsWith("/download", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CrawlAsync_CrawlsManySitesAtOnce_WithinEachSitesLimits()
    {
        await using var server = Serve(r => r.Path == "/sitemap.xml" ? null
            : TestResponse.Html("<html><body>" + string.Concat(Enumerable.Range(1, 8)
                .Select(i => $"<a href='/p{i}'>p{i}</a>")) + "</body></html>"));
        var options = Crawlers.FastLoopback(o => { o.MaxPagesPerSite = 5; o.MaxConcurrentPerAddress = 8; });
        var hosts = Enumerable.Range(1, 6).Select(i => $"lao{i}.farm.test").ToList();
        hosts.ForEach(h => options.AddResolve($"{h}:127.0.0.1"));
        await using var crawler = new SiteCrawler(options);

        var snapshots = await Task.WhenAll(hosts.Select(h => crawler.CrawlAsync(server.Url("/", h))));

        Assert.All(snapshots, s => Assert.Equal((SiteStatus.Ok, 5), (s.Status, s.Pages.Count)));
        Assert.All(snapshots, s => Assert.All(s.Pages, p => Assert.Equal(s.Root.Host, p.Url.Host)));
        Assert.All(hosts,
            h => Assert.Equal(5,
                server.Requests.Count(r => r.Host.StartsWith(h + ":", StringComparison.Ordinal) && r.Path.StartsWith("/p",
                    StringComparison.Ordinal)) + 1));
    }

    [Fact]
    public async Task CrawlAsync_NeverExceedsPerAddressLimit_AcrossSitesOnOneServer()
    {
        var inFlight = 0;
        var peak = 0;
        await using var server = TestServer.Start(r => new TestResponse
        {
            Write = async (stream, ct) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref peak, now);
                await Task.Delay(30, ct);
                Interlocked.Decrement(ref inFlight);
                var body = r.Path == "/" ? "<a href='/a'>a</a><a href='/b'>b</a><a href='/c'>c</a>" : "<p>x</p>";
                var status = r.Path is "/robots.txt" or "/sitemap.xml" ? "404 Not Found" : "200 OK";
                await stream.WriteAsync(Encoding.UTF8.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: text/html\r\nContent-Length: " +
                    $"{Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}"), ct);
            },
        });
        var options = Crawlers.FastLoopback(o => o.MaxConcurrentPerAddress = 2);
        var hosts = Enumerable.Range(1, 8).Select(i => $"shared{i}.hosting.test").ToList();
        hosts.ForEach(h => options.AddResolve($"{h}:127.0.0.1"));
        await using var crawler = new SiteCrawler(options);

        var snapshots = await Task.WhenAll(hosts.Select(h => crawler.CrawlAsync(server.Url("/", h))));

        Assert.All(snapshots, s => Assert.Equal(4, s.Pages.Count));
        Assert.InRange(peak, 1, 2);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
