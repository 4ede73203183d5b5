using System.Text;
using PlanNacc.Crawler.Tests.Support;

namespace PlanNacc.Crawler.Tests;

public sealed class SiteCrawlerFacts
{
    private static Dictionary<string, TestResponse> SmallLaoSite() => new()
    {
        ["/robots.txt"] = new(200, Encoding.UTF8.GetBytes("User-agent: *\nDisallow: /private/\n"), "text/plain"),
        ["/"] = TestResponse.Html("""
            <html><head><title>อบต.ทดสอบ</title></head><body>
            <nav><ul>
              <li><a href="/">หน้าหลัก</a></li>
              <li><span>ข้อมูลพื้นฐาน</span><ul><li><a href="/about/structure.html">โครงสร้างองค์กร</a></li></ul></li>
              <li><a href="/ita.html">ITA 2568</a></li>
            </ul></nav>
            <main><h1>ยินดีต้อนรับ</h1>
              <a href="/gallery.html">ภาพกิจกรรม</a> <a href="/private/secret.html">ภายใน</a> <a
                href="/legacy.html">&#3611;&#3619;&#3632;&#3585;&#3634;&#3624;</a>
            </main>
            <footer><a href="/complaint.html">รับเรื่องราวร้องทุกข์</a></footer>
            </body></html>
            """),
        ["/ita.html"] = TestResponse.Html("""
            <html><head><title>ITA 2568</title></head><body><main><h2>การเปิดเผยข้อมูลสาธารณะ</h2><table>
            <tr><td>o1</td><td>โครงสร้าง</td><td><a href="/about/structure.html">ดูข้อมูล</a></td></tr>
            <tr><td>o23</td><td>การประเมินความเสี่ยงการทุจริตประจำปี</td><td><a href="/docs/risk.pdf">ดาวน์โหลด</a></td></tr>
            </table></main></body></html>
            """),
        ["/about/structure.html"] = new(200,
            ThaiBytes.Tis("<html><head><meta " +
                "charset=\"tis-620\"><title>โครงสร้างส่วนราชการ</title></head><body><h1>โครงสร้างองค์กร</h1>" +
                "<p>นายกองค์การบริหารส่วนตำบล</p></body></html>"), "text/html"),
        ["/legacy.html"] = new(200,
            ThaiBytes.Tis("<html><head><title>ประกาศ</title></head><body><p>ประกาศจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. " +
                "๒๕๖๘</p></body></html>"), "text/html"),
        ["/gallery.html"] = TestResponse.Html("<html><head><title>ภาพกิจกรรม</title></head><body>รูป</body></html>"),
        ["/complaint.html"] = TestResponse.Html("<html><head><title>ร้องทุกข์</title></head><body>ช่องทาง</body></html>"),
        ["/private/secret.html"] = TestResponse.Html("<html><body>ไม่ควรถูกอ่าน</body></html>"),
        ["/docs/risk.pdf"] = TestResponse.Bytes(Pdfs.Latin("Risk assessment 2568", "Fiscal year 2568"), "application/pdf"),
    };

    [Fact]
    public async Task CrawlAsync_ReadsPagesWithClickPathsAndContext_WhenSiteIsStatic()
    {
        await using var server = TestServer.Start(SmallLaoSite());
        var store = new MemoryEvidenceStore();
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(), store);

        var snapshot = await crawler.CrawlAsync(server.Url("/"));

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        var home = Assert.Single(snapshot.Pages, p => p.Url.AbsolutePath == "/");
        Assert.Equal(["หน้าหลัก"], home.ClickPath);
        Assert.Equal("อบต.ทดสอบ", home.Title);
        var structureLink = home.Links.First(l => l.Url.AbsolutePath == "/about/structure.html");
        Assert.Equal(("โครงสร้างองค์กร", "ข้อมูลพื้นฐาน", "nav"), (structureLink.Text, structureLink.MenuLabel, structureLink.Region));
        Assert.Equal("footer", home.Links.Single(l => l.Url.AbsolutePath == "/complaint.html").Region);
        Assert.Equal("ประกาศ", home.Links.Single(l => l.Url.AbsolutePath == "/legacy.html").Text);

        var ita = snapshot.Pages.Single(p => p.Url.AbsolutePath == "/ita.html");
        Assert.Equal(["หน้าหลัก", "ITA 2568"], ita.ClickPath);
        Assert.Contains("o23", ita.Links.Single(l => l.Url.AbsolutePath == "/docs/risk.pdf").RowText);

        var structure = snapshot.Pages.Single(p => p.Url.AbsolutePath == "/about/structure.html");
        Assert.Equal("windows-874", structure.Charset);
        Assert.Equal("โครงสร้างส่วนราชการ", structure.Title);
        Assert.Equal(["โครงสร้างองค์กร"], structure.Headings);
        Assert.Equal(["หน้าหลัก", "โครงสร้างองค์กร"], structure.ClickPath);

        var legacy = snapshot.Pages.Single(p => p.Url.AbsolutePath == "/legacy.html");
        Assert.Equal("windows-874", legacy.Charset);
        Assert.Contains("ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", legacy.Text);

        var pdf = Assert.Single(snapshot.Documents);
        Assert.Equal((200, "application/pdf"), (pdf.StatusCode, pdf.ContentType));
        Assert.Equal(["หน้าหลัก", "ITA 2568", "ดาวน์โหลด"], pdf.ClickPath);
        Assert.Contains("Fiscal year 2568", pdf.Text);
        Assert.False(pdf.Unreadable);

        Assert.DoesNotContain(server.Requests, r => r.Path.StartsWith("/private/", StringComparison.Ordinal));
        Assert.All(server.Requests, r => Assert.Matches(@"^PlanNacc/\S+ \(\+https?://\S+\)$", r.UserAgent));
        var order = snapshot.Pages.Select(p => p.Url.AbsolutePath).ToList();
        Assert.True(order.IndexOf("/ita.html") < order.IndexOf("/gallery.html"), string.Join(", ", order));

        Assert.Equal(64, home.ContentHash!.Length);
        Assert.Equal(store.Bodies[home.ContentHash!], SmallLaoSite()["/"].Body);
        Assert.True(store.Bodies.ContainsKey(pdf.ContentHash!));
        Assert.Equal(server.Requests.Count, snapshot.RequestsMade);
    }

    [Fact]
    public async Task CrawlAsync_RefusesBeforeConnecting_WhenLoopbackIsNotAllowed()
    {
        await using var server = TestServer.Start(SmallLaoSite());
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.AllowLoopback = false));

        var snapshot = await crawler.CrawlAsync(server.Url("/"));

        Assert.Equal(SiteStatus.Refused, snapshot.Status);
        Assert.Equal("refused: loopback 127.0.0.1", snapshot.StatusReason);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task CrawlAsync_FollowsResolveMap_WhenHostNameIsMappedToLoopback()
    {
        await using var server = TestServer.Start(SmallLaoSite());
        var options = Crawlers.FastLoopback().AddResolve("www.tambon-test.go.th:127.0.0.1");
        await using var crawler = new SiteCrawler(options);

        var snapshot = await crawler.CrawlAsync(server.Url("/", "www.tambon-test.go.th"));

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        Assert.All(server.Requests, r => Assert.Equal($"www.tambon-test.go.th:{server.Port}", r.Host));
        Assert.Contains(snapshot.Pages, p => p.Url.AbsolutePath == "/ita.html");
    }

    [Fact]
    public async Task CrawlAsync_KeepsOneSnapshot_WhenTwoLinksRedirectToOnePage()
    {
        await using var server = TestServer.Start(r => r.Path switch
        {
            "/" => TestResponse.Html("<html><body><a href='/old-ita'>ITA (เดิม)</a><a href='/ita'>ITA</a><a href='/ita-2568'>ITA " +
                "2568</a></body></html>"),
            "/old-ita" or "/ita-2568" => TestResponse.Redirect("/ita"),
            "/ita" => TestResponse.Html("<html><title>ITA</title></html>"),
            _ => TestResponse.WithStatus(404),
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.True(snapshot.Pages.Count(p => p.Url.AbsolutePath == "/ita") == 1,
            string.Join(", ",
                snapshot.Pages.Select(p => p.Url.PathAndQuery).Concat(snapshot.Errors.Select(e => e.Url.PathAndQuery + " " + e.Error))));
    }

    [Fact]
    public async Task CrawlAsync_CompletesAndSaysSo_WhenEvidenceStoreFails()
    {
        await using var server = TestServer.Start(SmallLaoSite());
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(), new FailingStore());

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        Assert.Contains(snapshot.Pages, p => p.Url.AbsolutePath == "/ita.html");
        Assert.Contains("evidence-not-kept: disk full", snapshot.Findings);
    }

    private sealed class FailingStore : IEvidenceStore
    {
        public Task PutAsync(EvidenceBlob blob, ReadOnlyMemory<byte> content,
            CancellationToken cancellationToken) => throw new IOException("disk full");
    }

    /// <summary>What the crawler hands to its evidence store (Web keeps it on disk; the crawler only hashes and hands over).</summary>
    private sealed class MemoryEvidenceStore : IEvidenceStore
    {
        public System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> Bodies { get; } = new();

        public Task PutAsync(EvidenceBlob blob, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
        {
            Bodies.TryAdd(blob.Sha256, content.ToArray());
            return Task.CompletedTask;
        }
    }
}
