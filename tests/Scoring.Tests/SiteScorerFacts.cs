using PlanNacc.Crawler;
using PlanNacc.Scoring.Verdicts;

namespace PlanNacc.Scoring.Tests;

public class SiteScorerFacts
{
    private static readonly Uri Root = new("http://lao.example/");

    internal static PageSnapshot Page(string path, string title, string text, params LinkInfo[] links) => new()
    {
        Url = new Uri(Root, path),
        StatusCode = 200,
        Title = title,
        Text = text,
        Links = links,
        ClickPath = ["หน้าหลัก"],
    };

    internal static LinkInfo Link(string path, string text, string? row = null, string? region = null) =>
        new() { Url = new Uri(Root, path), Text = text, RowText = row, Region = region };

    internal static SiteSnapshot Snapshot(IReadOnlyList<PageSnapshot> pages, IReadOnlyList<DocumentSnapshot>? docs = null) => new()
    {
        Root = Root,
        StartedAt = DateTimeOffset.UnixEpoch,
        FinishedAt = DateTimeOffset.UnixEpoch.AddSeconds(2),
        Status = SiteStatus.Ok,
        Pages = pages,
        Documents = docs ?? [],
    };

    private static ItemVerdict Item(SiteVerdict v, string code) => v.Items.Single(i => i.Code == code);

    // a fetched PDF whose text says what its link says: a pass needs the target's content to confirm the item
    private static DocumentSnapshot Doc(string path, string text) => new()
    {
        Url = new Uri(Root, path), StatusCode = 200, ContentType = "application/pdf", Title = text,
            Text = text + " องค์การบริหารส่วนตำบลตัวอย่าง",
    };

    [Fact]
    public void Score_PassesCurrentYearPlan_AndFailsWrongYear()
    {
        var home = Page("/", "อบต.ตัวอย่าง", "หน้าหลัก",
            Link("/doc/acp2568.pdf", "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2568"),
            Link("/doc/proc2566.pdf", "รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี 2566"));
        var docs = new[]
        {
            Doc("/doc/acp2568.pdf", "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2568"),
            Doc("/doc/proc2566.pdf", "รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี 2566"),
        };
        var verdict = new SiteScorer().Score(Snapshot([home], docs), 2568);

        Assert.Equal(VerdictStatus.Pass, Item(verdict, "o25").Status);
        var o13 = Item(verdict, "o13");
        Assert.Equal(VerdictStatus.Fail, o13.Status);
        Assert.Contains("2567", o13.FixHint!.En);
        Assert.Contains("2566", o13.FixHint!.En);
        Assert.Equal(VerdictStatus.Fail, Item(verdict, "o1").Status);
    }

    [Fact]
    public void Score_SendsUnreadableDocumentToReview_NeverPass()
    {
        var home = Page("/", "อบต.ตัวอย่าง", "หน้าหลัก", Link("/doc/risk.pdf", "การประเมินความเสี่ยงการทุจริต ประจำปี 2568"));
        var doc = new DocumentSnapshot { Url = new Uri(Root, "/doc/risk.pdf"), StatusCode = 200, Unreadable = true,
            UnreadableReason = "scanned" };
        var verdict = new SiteScorer().Score(Snapshot([home], [doc]), 2568);

        Assert.Equal(VerdictStatus.Review, Item(verdict, "o23").Status);
        Assert.Equal(0, Item(verdict, "o23").Score);
    }

    [Fact]
    public void Score_CountsFooterComplaintLinkOnce()
    {
        var footer = Link("/complaint", "รับเรื่องราวร้องทุกข์และเบาะแสการทุจริต", region: "footer");
        var pages = Enumerable.Range(0, 5).Select(i => Page($"/p{i}", "อบต.ตัวอย่าง", $"หน้า {i}", footer)).ToList();
        pages.Add(Page("/complaint", "รับเรื่องราวร้องทุกข์และเบาะแสการทุจริต",
            "แจ้งเบาะแสการทุจริตและประพฤติมิชอบของเจ้าหน้าที่ ได้ที่แบบฟอร์มนี้ "
                + "หรือโทร 0-5555-5555 ข้อมูลของผู้แจ้งจะถูกเก็บเป็นความลับ") with { Forms = 1 });
        var verdict = new SiteScorer().Score(Snapshot(pages), 2568);

        var o18 = Item(verdict, "o18");
        Assert.Equal(VerdictStatus.Pass, o18.Status);
        Assert.Single(o18.Evidence);
    }

    [Fact]
    public void Score_NotesFallback_WhenYearHasNoCriteriaFile()
    {
        var verdict = new SiteScorer().Score(Snapshot([Page("/", "x", "y")]), 2570);

        Assert.Equal(2570, verdict.Criteria.RequestedYear);
        Assert.True(verdict.Criteria.Year < 2570);
        Assert.NotNull(verdict.Criteria.FallbackNote);
        Assert.All(verdict.Items, i => Assert.Contains(verdict.Criteria.FallbackNote!, i.Reasons));
    }

    [Fact]
    public void Score_FailsPlaceholderPage_AndNamesIt()
    {
        var home = Page("/", "อบต.ตัวอย่าง", "หน้าหลัก", Link("/menu/ethics", "ประมวลจริยธรรม"));
        var empty = Page("/menu/ethics", "อบต.ตัวอย่าง", "--- อยู่ระหว่างจัดทำข้อมูล ---");
        var verdict = new SiteScorer().Score(Snapshot([home, empty]), 2568);

        var o16 = Item(verdict, "o16");
        Assert.Equal(VerdictStatus.Fail, o16.Status);
        Assert.Contains(o16.Reasons, r => r.En.Contains("is empty") && r.En.Contains("/menu/ethics"));
        Assert.DoesNotContain("ethics-code", verdict.KindsFound);
    }

    [Fact]
    public void Score_FailsUnreachableLink_WithTheError()
    {
        var home = Page("/", "อบต.ตัวอย่าง", "หน้าหลัก", Link("/doc/egp.pdf", "แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ 2568"));
        var snap = Snapshot([home]) with { Errors = [new CrawlError(new Uri(Root, "/doc/egp.pdf"), "http 404")] };
        var o12 = Item(new SiteScorer().Score(snap, 2568), "o12");

        Assert.Equal(VerdictStatus.Fail, o12.Status);
        Assert.Contains(o12.Reasons, r => r.En.Contains("http 404"));
    }

    [Fact]
    public void Score_ReadsHubRow_WhenLinkTextSaysNothing()
    {
        var hub = Page("/ita/2563", "ITA 2563", "การประเมิน ITA 2563",
            Link("/files/a.pdf", "ดาวน์โหลด", row: "O36 การประเมินความเสี่ยงการทุจริตประจำปี ปีงบประมาณ 2563 ดาวน์โหลด"));
        var doc = Doc("/files/a.pdf", "การประเมินความเสี่ยงการทุจริต ประจำปีงบประมาณ 2563");
        var verdict = new SiteScorer().Score(Snapshot([hub], [doc]), 2563);

        Assert.Equal(VerdictStatus.Pass, Item(verdict, "O36").Status);
        // the same row with its document never opened: the link alone cannot confirm it
        Assert.Equal(VerdictStatus.Review, Item(new SiteScorer().Score(Snapshot([hub]), 2563), "O36").Status);
        Assert.Equal(43, verdict.Items.Count);
        Assert.Null(verdict.Criteria.FallbackNote);
    }

    [Fact]
    public void Score_FailsEveryItem_WhenSiteUnreachable()
    {
        var snap = Snapshot([]) with { Status = SiteStatus.Unreachable, StatusReason = "dns: no such host" };
        var verdict = new SiteScorer().Score(snap, 2568);

        Assert.All(verdict.Items, i => Assert.Equal(VerdictStatus.Fail, i.Status));
        Assert.Equal(0, verdict.Score.Oit);
        Assert.Contains(verdict.Notes, n => n.En.Contains("dns: no such host"));
    }

    [Fact]
    public void Score_ProjectsItaTotal_WithToolScores()
    {
        var verdict = new SiteScorer().Score(Snapshot([Page("/", "x", "y")]), 2566, new ToolScores(90, 90));
        Assert.Equal(54.0, verdict.Score.ProjectedItaTotal);
        Assert.Equal("ไม่ผ่าน", verdict.Score.Grade);
    }

    [Fact]
    public void Score_UsesTheItaYearOfTheMenu_WhenTheDocumentStatesNone()
    {
        var hub = Page("/ita", "ITA", "ITA",
            Link("/ita/2567/risk.pdf", "การประเมินความเสี่ยงการทุจริต") with { MenuLabel = "ITA 2567" },
            Link("/ita/2568/plan.pdf", "แผนปฏิบัติการป้องกันการทุจริต") with { MenuLabel = "ITA 2568" });
        var docs = new[] { Doc("/ita/2567/risk.pdf", "การประเมินความเสี่ยงการทุจริต"),
            Doc("/ita/2568/plan.pdf", "แผนปฏิบัติการป้องกันการทุจริต") };
        var verdict = new SiteScorer().Score(Snapshot([hub], docs), 2568);

        Assert.Equal(VerdictStatus.Pass, Item(verdict, "o25").Status);
        Assert.Equal(VerdictStatus.Fail, Item(verdict, "o23").Status);
    }
}
