using PlanNacc.Crawler.Extraction;

namespace PlanNacc.Crawler.Tests.Extraction;

public sealed class PageExtractorFacts
{
    private static readonly Uri Page = new("http://www.abc.go.th/index.php?menuid=1");

    [Fact]
    public void Extract_ReadsMenuLabelRowTextAndRegion_ForEachLink()
    {
        var page = PageExtractor.Extract("""
            <html><body>
            <div id="topmenu"><ul><li><a href="#">ข้อมูลพื้นฐาน</a><ul><li><a href="?menuid=5">อำนาจหน้าที่</a></li></ul></li></ul></div>
            <div class="dropdown"><a class="dropdown-toggle">ITA</a><div class="dropdown-menu"><a href="/ita/2568">ปี 2568</a></div></div>
            <table><tr><td>o23</td><td>การประเมินความเสี่ยง</td><td><a href="/f/o23.pdf"><img src="/i/pdf.png"
                alt="PDF"></a></td></tr></table>
            <div class="site-footer"><a href="/complaint">ร้องเรียน</a></div>
            <aside><a href="javascript:void(0)">x</a><a href="mailto:a@b">mail</a><a href="#top">top</a></aside>
            </body></html>
            """, Page);

        var links = page.Links.ToDictionary(l => l.Url.PathAndQuery);
        Assert.Equal(4, links.Count);
        Assert.Equal(("อำนาจหน้าที่", "ข้อมูลพื้นฐาน", "nav"),
            (links["/index.php?menuid=5"].Text, links["/index.php?menuid=5"].MenuLabel, links["/index.php?menuid=5"].Region));
        Assert.Equal("ITA", links["/ita/2568"].MenuLabel);
        Assert.Equal(("PDF", "o23 การประเมินความเสี่ยง"), (links["/f/o23.pdf"].Text, links["/f/o23.pdf"].RowText));
        Assert.Equal("footer", links["/complaint"].Region);
        Assert.Equal(new Uri("http://www.abc.go.th/i/pdf.png"), page.Images.Single().Url);
    }

    [Fact]
    public void Extract_ReadsTheDialogText_WhenALinkOrButtonOpensAModalOfThePage()
    {
        var page = PageExtractor.Extract("""
            <html><body>
            <header><a href="#" data-toggle="modal" data-target="#board">คณะผู้บริหาร</a>
            <button data-bs-toggle="modal" data-bs-target="#council">สมาชิกสภา</button>
            <a href="#" data-toggle="modal" data-target="#missing">ไม่มีหน้าต่าง</a></header>
            <div class="modal fade" id="board"><h2>คณะผู้บริหาร</h2><p>นายก นายกเทศมนตรีตำบล</p></div>
            <div class="modal fade" id="council"><p>สมาชิกสภาเทศบาล เขต 1</p></div>
            </body></html>
            """, Page);

        var dialogs = page.Links.Where(l => l.InPageText is not null).ToDictionary(l => l.Text);
        Assert.Equal(2, dialogs.Count);
        Assert.Equal(new Uri("http://www.abc.go.th/index.php?menuid=1#board"), dialogs["คณะผู้บริหาร"].Url);
        Assert.Equal("คณะผู้บริหาร นายก นายกเทศมนตรีตำบล", dialogs["คณะผู้บริหาร"].InPageText);
        Assert.Equal("header", dialogs["คณะผู้บริหาร"].Region);
        Assert.Equal("สมาชิกสภาเทศบาล เขต 1", dialogs["สมาชิกสภา"].InPageText);
        // a toggle whose dialog is not on the page opens nothing and is no link
        Assert.DoesNotContain(page.Links, l => l.Text == "ไม่มีหน้าต่าง");
    }

    [Fact]
    public void Extract_HonoursBaseHrefAndMetaRefresh()
    {
        var page = PageExtractor.Extract("""
            <html><head><base href="http://www.abc.go.th/th/"><meta http-equiv="Refresh" content="0; URL='main.php'"></head>
            <body><a href="about.html">เกี่ยวกับ</a></body></html>
            """, new Uri("http://www.abc.go.th/"));

        Assert.Equal(new Uri("http://www.abc.go.th/th/about.html"), page.Links.Single().Url);
        Assert.Equal(new Uri("http://www.abc.go.th/th/main.php"), page.RefreshTo);
    }

    [Fact]
    public void Extract_FoldsTextAndBoundsIt_WithoutScripts()
    {
        var page = PageExtractor.Extract("<html><body><p>หนึ่ง</p><p>สอง\n\t &nbsp; สาม</p><script>var " +
            "x='ไม่ใช่ข้อความ';</script><style>p{}</style>" + new string('ก', 50_000) + "</body></html>", Page, maxText: 1000);

        Assert.StartsWith("หนึ่ง สอง สาม ", page.Text);
        Assert.DoesNotContain("ไม่ใช่ข้อความ", page.Text);
        Assert.True(page.Text.Length <= 1000);
    }

    [Fact]
    public void Extract_KeepsFramesAsLinks_OnFramesetSites()
    {
        var page = PageExtractor.Extract("<html><frameset cols='20%,80%'><frame src='menu.html' name='menu'><frame src='main.html' " +
            "name='main'></frameset></html>", new Uri("http://abc.go.th/"));

        Assert.Equal(["menu.html", "main.html"], page.Links.Select(l => l.Url.Segments[^1]));
        Assert.Null(page.RenderReason);
    }

    // Each line: the static HTML of a page, and whether its menus or content are built by script.
    [Theory]
    [InlineData("<body><div id='app'></div><script src='/app.js'></script></body>", "empty-app-mount")]
    [InlineData("<body><nav id='menu'></nav><a href='/a'>a</a><a href='/b'>b</a><a href='/c'>c</a><script src='/menu.js'></script></body>",
        "empty-menu-container")]
    [InlineData("<body><div class='x'><p>hi</p></div><script>document.getElementById('x').innerHTML = '<a " +
        "href=\"/ita\">ITA</a>';</script><a href='/a'>a</a><a href='/b'>b</a><a href='/c'>c</a></body>", "script-built-links")]
    [InlineData("<body><p>กำลังโหลด</p><script src='/site.js'></script></body>", "few-links-with-scripts")]
    [InlineData("<body><nav><a href='/a'>a</a><a href='/b'>b</a><a href='/c'>c</a></nav><script src='/analytics.js'></script></body>",
        null)]
    [InlineData("<body><p>ไม่มีสคริปต์</p></body>", null)]
    public void Extract_DecidesRenderNeed_FromStaticHtml(string html, string? reason) =>
        Assert.Equal(reason, PageExtractor.Extract("<html>" + html + "</html>", Page).RenderReason);
}
