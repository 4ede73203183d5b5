using PlanNacc.Crawler;
using PlanNacc.Crawler.Extraction;
using PlanNacc.Scoring.Verdicts;

namespace PlanNacc.Scoring.Tests;

/// <summary>
/// Issue 12's classes on a small site built from HTML (the crawler's own extractor, the product's scorer): empty item
/// pages decided by main content, link text against content, documents behind generic anchors, dedicated over general
/// standing pages, and bad input (a megabyte page, a frame-only page). Every page shares the chrome real sites repeat:
/// a menu, a header and a footer with a visitor counter that differs per page.
/// </summary>
public class PageJudgingFacts
{
    private const int Year = 2563;
    private static readonly Uri Root = new("http://lao.test/");

    private static readonly (string Href, string Text)[] Menu =
    [
        ("/structure", "โครงสร้างองค์กร"), ("/authority", "อำนาจหน้าที่"), ("/plan", "แผนพัฒนาท้องถิ่น"), ("/qa", "ถาม-ตอบ"),
        ("/contact", "ติดต่อเรา"), ("/basic", "ข้อมูลพื้นฐาน"), ("/manual", "คู่มือสำหรับประชาชน"), ("/laws", "กฎหมายที่เกี่ยวข้อง"),
    ];

    private static string Layout(string title, string main, int counter) =>
        $"<html><head><title>{title}</title></head><body><div class=header><h1>องค์การบริหารส่วนตำบลทดสอบ</h1></div>"
        + "<div class=menu><ul>" + string.Concat(Menu.Select(m => $"<li><a href='{m.Href}'>{m.Text}</a></li>")) + "</ul></div>"
        + $"<div id=content>{main}</div>"
        + $"<div class=footer>องค์การบริหารส่วนตำบลทดสอบ อำเภอเมือง จังหวัดทดสอบ โทร 0-5555-5555 ผู้เข้าชม {counter} คน</div></body></html>";

    private static SiteSnapshot Site(params (string Path, string Title, string Main)[] pages)
    {
        var all = new List<(string, string, string)> { ("/", "หน้าหลัก", "<p>ยินดีต้อนรับสู่เว็บไซต์ขององค์การบริหารส่วนตำบลทดสอบ บริการประชาชนด้วยใจ</p>") };
        all.AddRange(pages);
        // menu pages the case does not define are ordinary pages of their own, so the chrome is learnt from many pages
        foreach (var (href, text) in Menu.Where(m => pages.All(p => p.Path != m.Href)))
        {
            all.Add((href, text, "<h2>" + text + "</h2><p>ข้อมูลของหน่วยงานเรื่อง" + text + " จัดทำโดยสำนักปลัด รายละเอียดตามเอกสารแนบท้ายประกาศนี้</p>"));
        }
        var snapshots = all.Select((p, i) =>
        {
            var url = new Uri(Root, p.Item1);
            var x = PageExtractor.Extract(Layout(p.Item2, p.Item3, 1000 + i * 37), url);
            return new PageSnapshot
            {
                Url = url, StatusCode = 200, Title = x.Title, Headings = x.Headings, Text = x.Text, Links = x.Links, Images = x.Images,
                Forms = x.Forms, Depth = p.Item1 == "/" ? 0 : 1, ClickPath = p.Item1 == "/" ? [] : ["หน้าหลัก", Menu.FirstOrDefault(m => m.Href == p.Item1).Text ?? ""],
            };
        }).ToList();
        return new SiteSnapshot
        {
            Root = Root, StartedAt = DateTimeOffset.UnixEpoch, FinishedAt = DateTimeOffset.UnixEpoch, Status = SiteStatus.Ok, Pages = snapshots,
        };
    }

    private static ItemVerdict Item(SiteSnapshot site, string code) => new SiteScorer().Score(site, Year).Items.Single(i => i.Code == code);

    public static TheoryData<string, string> EmptyPages() => new()
    {
        { "heading only", "<h2>ถาม-ตอบ</h2>" },
        { "breadcrumb only", "<p><a href='/'>หน้าหลัก</a> » ถาม-ตอบ</p>" },
        { "empty table", "<h2>ถาม-ตอบ</h2><table><tr><th>ลำดับ</th><th>หัวข้อ</th><th>วันที่</th></tr></table>" },
        { "empty list", "<h2>ถาม-ตอบ</h2><ul></ul>" },
        { "no-data line", "<h2>ถาม-ตอบ</h2><p>ไม่พบข้อมูล</p>" },
        { "placeholder sentence", "<h2>ถาม-ตอบ</h2><p>หน้านี้อยู่ระหว่างปรับปรุงข้อมูล ขออภัยในความไม่สะดวก</p>" },
        { "a phrasing no list holds", "<h2>ถาม-ตอบ</h2><p>รอเพิ่มเติมเร็ว ๆ นี้</p>" },
    };

    [Theory]
    [MemberData(nameof(EmptyPages))]
    public void EmptyItemPage_Fails_NamingThePageAndItsUrl(string variant, string main)
    {
        var o8 = Item(Site(("/qa", "ถาม-ตอบ", main)), "O8");
        Assert.True(o8.Status == VerdictStatus.Fail, $"{variant}: {o8.Status} {string.Join(" / ", o8.Reasons.Select(r => r.En))}");
        Assert.Contains(o8.Reasons, r => r.En.Contains("http://lao.test/qa", StringComparison.Ordinal) && r.Th.Contains("ถาม-ตอบ", StringComparison.Ordinal));
    }

    [Fact]
    public void EmptyPage_Reason_SaysEmpty_InThaiAndEnglish()
    {
        var o8 = Item(Site(("/qa", "ถาม-ตอบ", "<h2>ถาม-ตอบ</h2>")), "O8");
        Assert.Contains(o8.Reasons, r => r.En.StartsWith("The page linked as \"ถาม-ตอบ\" is empty", StringComparison.Ordinal)
            && r.Th.Contains("ว่างเปล่า", StringComparison.Ordinal));
    }

    [Fact]
    public void ImageOnly_UnderConstruction_IsNeverAPass()
    {
        var o8 = Item(Site(("/qa", "ถาม-ตอบ", "<h2>ถาม-ตอบ</h2><img src='/images/under-construction.gif'>")), "O8");
        Assert.NotEqual(VerdictStatus.Pass, o8.Status);
    }

    [Fact]
    public void ChannelPage_WithAForm_IsContent()
    {
        var o8 = Item(Site(("/qa", "ถาม-ตอบ", "<h2>ถาม-ตอบ</h2><form><input name=n><textarea name=q></textarea><button>ส่ง</button></form>")), "O8");
        Assert.Equal(VerdictStatus.Pass, o8.Status);
    }

    [Fact]
    public void PageHoldingAnotherItem_IsReview_WithTheReason()
    {
        // the menu says structure; the page is the authority text (a copy of another item's page)
        var main = "<h2>อำนาจหน้าที่</h2><ol><li>จัดให้มีและบำรุงรักษาทางน้ำและทางบก</li><li>รักษาความสะอาดของถนน ทางน้ำ ทางเดิน และที่สาธารณะ</li>"
            + "<li>ป้องกันโรคและระงับโรคติดต่อ</li></ol>";
        var site = Site(("/structure", "อำนาจหน้าที่", main), ("/authority", "อำนาจหน้าที่", main));
        var o1 = Item(site, "O1");
        Assert.True(o1.Status == VerdictStatus.Review, string.Join(" / ", o1.Reasons.Select(r => r.En)));
        Assert.Contains(o1.Reasons, r => r.En.Contains("holds another item", StringComparison.Ordinal) && r.En.Contains("/structure", StringComparison.Ordinal));
        Assert.Equal(VerdictStatus.Pass, Item(site, "O3").Status);
    }

    [Fact]
    public void DocumentBehindAGenericAnchor_IsNamedByItsCard_AndShownWithIt()
    {
        var main = "<h2>เอกสารเผยแพร่</h2><div class=card><h5 class=card-title>แผนพัฒนาท้องถิ่น พ.ศ. 2561-2565</h5>"
            + "<a class=btn href='/files/doc1.pdf'>ดาวน์โหลด</a></div>"
            + "<div class=card><h5 class=card-title>รายงานการประชุมสภา</h5><a class=btn href='/files/doc2.pdf'>ดาวน์โหลด</a></div>";
        var site = Site(("/docs", "เอกสารเผยแพร่", main));
        var doc = new DocumentSnapshot
        {
            Url = new Uri(Root, "/files/doc1.pdf"), StatusCode = 200, ContentType = "application/pdf",
            Title = "แผนพัฒนาท้องถิ่น (พ.ศ. 2561 - 2565)", Text = "แผนพัฒนาท้องถิ่น (พ.ศ. 2561 - 2565) องค์การบริหารส่วนตำบลทดสอบ ยุทธศาสตร์การพัฒนา",
        };
        site = site with { Documents = [doc] };
        var o4 = Item(site, "O4");
        Assert.Equal(VerdictStatus.Pass, o4.Status);
        var ev = Assert.Single(o4.Evidence, e => e.Url.EndsWith("doc1.pdf", StringComparison.Ordinal));
        Assert.Equal("แผนพัฒนาท้องถิ่น พ.ศ. 2561-2565", ev.Text);
        Assert.DoesNotContain(o4.Evidence, e => e.Url.EndsWith("doc2.pdf", StringComparison.Ordinal));
    }

    [Fact]
    public void StandingItem_PrefersTheDedicatedPage_OverTheGeneralOne()
    {
        var basic = "<h2>ข้อมูลพื้นฐาน</h2><p>ประวัติความเป็นมา สภาพทั่วไป จำนวนประชากร 5,000 คน พื้นที่ 40 ตารางกิโลเมตร "
            + "โครงสร้างส่วนราชการ ประกอบด้วย สำนักปลัด กองคลัง กองช่าง</p>";
        var structure = "<h2>โครงสร้างส่วนราชการ</h2><p>สำนักปลัด กองคลัง กองช่าง กองการศึกษา ศาสนาและวัฒนธรรม</p><p>นายก อบต. ปลัด อบต. รองปลัด อบต.</p>";
        var o1 = Item(Site(("/basic", "ข้อมูลพื้นฐาน", basic), ("/structure", "โครงสร้างส่วนราชการ", structure)), "O1");
        Assert.Equal(VerdictStatus.Pass, o1.Status);
        Assert.EndsWith("/structure", o1.Evidence[0].Url, StringComparison.Ordinal);
    }

    [Fact]
    public void FrameOnlyPage_IsReview_NotPass()
    {
        var o8 = Item(Site(("/qa", "ถาม-ตอบ", "<iframe src='https://board.other.test/lao'></iframe>")), "O8");
        Assert.True(o8.Status == VerdictStatus.Review, string.Join(" / ", o8.Reasons.Select(r => r.En)));
    }

    [Fact]
    public void MegabytePage_IsJudged_WithinTheTextBound()
    {
        var big = "<h2>ถาม-ตอบ</h2>" + string.Concat(Enumerable.Repeat("<p>ข้อความยาวมากของกระทู้ถามตอบ ประชาชนถามเรื่องการชำระภาษี</p>", 20_000));
        var site = Site(("/qa", "ถาม-ตอบ", big));
        Assert.True(site.Pages.Max(p => p.Text!.Length) <= PageExtractor.DefaultMaxText);
        Assert.Equal(VerdictStatus.Pass, Item(site, "O8").Status);
    }

    [Fact]
    public void YearInTheChrome_BelongsToItsMenuEntry_NotToOtherPages()
    {
        // a varying breadcrumb above the sidebar stops the positional cut, so the menu's year span sits inside the page text
        static string Page(string title, string main) =>
            $"<html><head><title>{title}</title></head><body><div class=header>องค์การบริหารส่วนตำบลทดสอบ</div>"
            + $"<p class=crumb>หน้าหลัก » {title}</p><div class=side><ul><li><a href='/devplan'>แผนพัฒนาท้องถิ่น 2561-2565</a></li>"
            + "<li><a href='/opplan'>แผนการดำเนินงาน</a></li><li><a href='/news'>ข่าวประชาสัมพันธ์</a></li></ul></div>"
            + $"<div id=content>{main}</div><div class=footer>ติดต่อ อบต.ทดสอบ โทร 0-5555-5555</div></body></html>";
        var pages = new[]
        {
            ("/", "หน้าหลัก", "<p>ยินดีต้อนรับสู่เว็บไซต์ขององค์การบริหารส่วนตำบลทดสอบ</p>"),
            ("/devplan", "แผนพัฒนาท้องถิ่น", "<h2>แผนพัฒนาท้องถิ่น</h2><p>แผนพัฒนาท้องถิ่น (พ.ศ. 2561-2565) ยุทธศาสตร์การพัฒนา 5 ด้าน</p>"),
            ("/opplan", "แผนการดำเนินงาน", "<h2>แผนการดำเนินงาน</h2><p>แผนการดำเนินงานขององค์การบริหารส่วนตำบลทดสอบ รายการโครงการ ถนน ประปา</p>"),
            ("/news", "ข่าวประชาสัมพันธ์", "<h2>ข่าวประชาสัมพันธ์</h2><p>กิจกรรมวันเด็กแห่งชาติ จัดที่ลานอเนกประสงค์ ประชาชนร่วมงานจำนวนมาก</p>"),
        };
        var snapshots = pages.Select((p, i) =>
        {
            var url = new Uri(Root, p.Item1);
            var x = PageExtractor.Extract(Page(p.Item2, p.Item3), url);
            return new PageSnapshot
            {
                Url = url, StatusCode = 200, Title = x.Title, Headings = x.Headings, Text = x.Text, Links = x.Links, Images = x.Images,
                Depth = i == 0 ? 0 : 1, ClickPath = i == 0 ? [] : ["หน้าหลัก", p.Item2],
            };
        }).ToList();
        var site = new SiteSnapshot
        {
            Root = Root, StartedAt = DateTimeOffset.UnixEpoch, FinishedAt = DateTimeOffset.UnixEpoch, Status = SiteStatus.Ok, Pages = snapshots,
        };
        var o10 = Item(site, "O10");
        Assert.True(o10.Status == VerdictStatus.Review, $"{o10.Status}: {string.Join(" / ", o10.Reasons.Select(r => r.En))}");
        Assert.Contains(o10.Reasons, r => r.En.Contains("states no fiscal year", StringComparison.Ordinal));
        Assert.Equal(VerdictStatus.Pass, Item(site, "O4").Status);
    }
}
