using PlanNacc.Crawler.Extraction;

namespace PlanNacc.Crawler.Tests.Extraction;

/// <summary>
/// Documents behind generic anchors ("ดาวน์โหลด", "คลิกที่นี่", an icon, a file name): the extractor records their nearest
/// context, in the card, list and heading layouts real LAO pages use; frames and forms are recorded as what they are.
/// </summary>
public sealed class AnchorContextFacts
{
    private static readonly Uri Page = new("http://lao.test/plan");

    private static LinkInfo Link(string body, string href = "/files/a.pdf") =>
        PageExtractor.Extract($"<html><body><div id=content>{body}</div></body></html>",
            Page).Links.Single(l => l.Url.AbsolutePath == href);

    public static TheoryData<string, string, string> Layouts() => new()
    {
        { "bootstrap card, heading before the button",
            "<div class=card><div class=card-body><h5 class=card-title>แผนพัฒนาท้องถิ่น พ.ศ. 2566-2570</h5>"
            + "<p>ฉบับทบทวน</p><a class='btn' href='/files/a.pdf'>ดาวน์โหลด</a></div></div>", "แผนพัฒนาท้องถิ่น พ.ศ. 2566-2570" },
        { "icon link before the title in its card",
            "<div class=item><a href='/files/a.pdf'><img src='/i/pdf.png'></a><div><strong>ข้อบัญญัติงบประมาณรายจ่าย ประจำปี " +
                "2567</strong></div></div>",
            "ข้อบัญญัติงบประมาณรายจ่าย ประจำปี 2567" },
        { "tab panel: h3 then a generic sentence",
            "<div class=tab-pane><h3>เทศบัญญัติงบประมาณรายจ่ายประจำปี 2561</h3><p>เอกสาร</p><p><a " +
                "href='/files/a.pdf'>คลิกที่นี้เพื่อดาวน์โหลดไฟล์ PDF</a></p></div>"
            + "<div class=tab-pane><h3>อื่น ๆ</h3><a href='/files/b.pdf'>ดาวน์โหลด</a></div>",
            "เทศบัญญัติงบประมาณรายจ่ายประจำปี 2561" },
        { "title attribute", "<p><a href='/files/a.pdf' title='แผนการจัดซื้อจัดจ้าง ปี 2568'>ดูไฟล์</a></p>",
            "แผนการจัดซื้อจัดจ้าง ปี 2568" },
        { "figure caption",
            "<figure><a href='/files/a.pdf'><img src='/i/cover.jpg'></a><figcaption>แผนอัตรากำลัง 3 ปี</figcaption></figure>",
            "แผนอัตรากำลัง 3 ปี" },
        { "preceding heading of a section with many links",
            "<h2>รายงานผลการดำเนินงานประจำปี 2567</h2><p>เอกสารประกอบ</p><ul><li><a href='/x1'>หนึ่ง</a></li><li><a href='/x2'>สอง</a></li>"
            + "<li><a href='/x3'>สาม</a></li><li><a href='/x4'>สี่</a></li><li><a href='/files/a.pdf'>อ่านต่อ</a></li></ul>",
            "รายงานผลการดำเนินงานประจำปี 2567" },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void GenericAnchor_TakesItsNearestContext(string layout, string body, string expected)
    {
        Assert.True(Link(body).Context == expected, $"{layout}: got '{Link(body).Context}'");
    }

    [Fact]
    public void MenuLinks_GetNoContext()
    {
        var page = PageExtractor.Extract("<html><body><nav><h2>เมนู</h2><a href='/files/a.pdf'>ดาวน์โหลด</a></nav></body></html>", Page);
        Assert.Null(page.Links.Single().Context);
    }

    [Fact]
    public void Frames_AreEmbedded_AndForms_AreCounted_ButNotSearchBoxes()
    {
        var page = PageExtractor.Extract("<html><body><header><form><input name=q><input name=r></form></header>"
            + "<form><input name=q><button>ค้นหา</button></form>"
            + "<form><input name=name><textarea name=detail></textarea><button>ส่ง</button></form>"
            + "<iframe src='https://other.test/embed'></iframe></body></html>", Page);
        Assert.True(page.Links.Single().Embedded);
        Assert.Equal(1, page.Forms);
    }

    [Fact]
    public void MessageForms_AreThoseTheReaderWritesAndSends_NotLoginsOrSearches()
    {
        var page = PageExtractor.Extract("<html><body>"
            // a login (two fields, a password) and a search box are no message forms
            + "<form><input name=user><input type=password name=pass><input type=submit value=เข้าสู่ระบบ></form>"
            + "<form><input name=q><button>ค้นหา</button></form>"
            // a text area with no way to send it is none either
            + "<form><textarea name=note></textarea></form>"
            // the contact form: name, e-mail, subject, a text area and a submit
            + "<form><input name=name><input name=email><input name=topic><textarea name=text></textarea>"
            + "<input type=submit value='ส่งเรื่อง'></form>"
            // a message typed in a field named as the message, sent by a button
            + "<form><input name=name><input type=text name=message><button type=submit>ส่ง</button></form>"
            + "<footer><form><textarea name=t></textarea><button>ส่ง</button></form></footer></body></html>", Page);
        Assert.Equal(2, page.MessageForms);
        Assert.Equal(4, page.Forms);
    }

    [Fact]
    public void ThousandsOfShortLinks_StayBounded()
    {
        var many = string.Concat(Enumerable.Range(0, 5000).Select(i => $"<div><a href='/d{i}.pdf'>ดาวน์โหลด</a></div>"));
        var page = PageExtractor.Extract($"<html><body><h2>ประกาศ</h2>{many}</body></html>", Page);
        // the link cap holds; the first link finds the heading before it, the rest stop within their budget
        Assert.Equal(3000, page.Links.Count);
        Assert.Equal("ประกาศ", page.Links[0].Context);
    }

    [Fact]
    public void DeeplyNestedTables_StayBounded()
    {
        var deep = string.Concat(Enumerable.Repeat("<table><tr><td>", 120)) + "<h4>คำสั่ง</h4><a href='/files/a.pdf'>ดาวน์โหลด</a>"
            + string.Concat(Enumerable.Repeat("</td></tr></table>", 120));
        var page = PageExtractor.Extract($"<html><body>{deep}</body></html>", Page);
        Assert.Equal("คำสั่ง", page.Links.Single().Context);
    }
}
