using PlanNacc.Crawler;
using PlanNacc.Crawler.Extraction;
using PlanNacc.Scoring.Classification;
using PlanNacc.Scoring.Verdicts;
using Xunit.Abstractions;

namespace PlanNacc.Scoring.Tests;

/// <summary>
/// The saved pages of two real LAO sites (../shared/real-lao-pages, MANIFEST.md), parsed with AngleSharp through the
/// crawler's own extractor and judged as a scan would judge them. Expected labels follow MANIFEST.md's column; the
/// few links MANIFEST does not label carry the label their own words give (marked "unlabelled in MANIFEST").
/// </summary>
public class RealLaoPagesFacts(ITestOutputHelper output)
{
    private static string Dir => Path.Combine(TestEnvironment.SharedDir!, "real-lao-pages");
    private static readonly Uri Saiyoi = new("http://saiyoidenchai.go.th/");
    private static readonly Uri Phukradung = new("http://phukradungsao.go.th/public/");

    private static PageSnapshot Load(string file, Uri url, IReadOnlyList<string> path, int depth)
    {
        var page = PageExtractor.Extract(File.ReadAllText(Path.Combine(Dir, file)), url);
        return new PageSnapshot
        {
            Url = url, StatusCode = 200, Title = page.Title, Headings = page.Headings, Text = page.Text, Links = page.Links,
            Images = page.Images, ClickPath = path, Depth = depth,
        };
    }

    private static SiteSnapshot SaiyoiSnapshot()
    {
        var files = Directory.GetFiles(Dir, "saiyoidenchai.go.th__*.html").Select(Path.GetFileName).Order().ToList();
        var pages = new List<PageSnapshot>();
        foreach (var f in files)
        {
            var name = f!["saiyoidenchai.go.th__".Length..];
            pages.Add(Load(f, new Uri(Saiyoi, name), ["หน้าหลัก"], 1));
        }
        // the nav text that leads to each page becomes its click path, as the crawler records it
        var navText = pages.SelectMany(p => p.Links).Where(l => l.Text.Length > 0).GroupBy(l => l.Url)
            .ToDictionary(g => g.Key, g => g.First().Text);
        pages = pages.Select(p => navText.TryGetValue(p.Url, out var t) ? p with { ClickPath = ["หน้าหลัก", t] } : p).ToList();
        return new SiteSnapshot { Root = Saiyoi, StartedAt = DateTimeOffset.UnixEpoch, FinishedAt = DateTimeOffset.UnixEpoch,
            Status = SiteStatus.Ok, Pages = pages };
    }

    // MANIFEST.md "expected labels" per saved page: the kind the page is evidence of, or "" for a negative
    public static TheoryData<string, string> SaiyoiPages => new()
    {
        { "excustive.html", "executives" },
        { "architech.html", "org-structure" },
        { "power.html", "authority" },
        { "member_org.html", "" },
        { "member_tumbon.html", "" },
        { "member_klung.html", "" },
        { "member_educate.html", "" },
        { "member_yota.html", "" },
        { "vision.html", "" },
        { "general_basic.html", "" },
        { "general_economy.html", "" },
        { "general_social.html", "" },
        { "general_service.html", "" },
        { "general_other.html", "" },
        { "kumnan.html", "" },
        { "info_chingcha.html", "" },
        { "about_us.html", "" },
        { "custom_home.html", "" },
    };

    // phukradungsao home page links: MANIFEST.md lists text, target and item; the rest are unlabelled in MANIFEST
    public static TheoryData<string, string> PhukradungLinks => new()
    {
        { "โครงสร้างส่วนราชการ", "org-structure" },
        { "คณะผู้บริหาร", "executives" },
        { "เจตจำนงสุจริตของผู้บริหาร", "integrity-pledge" },
        { "นโยบายไม่รับของขวัญ no gift policy", "no-gift-policy" },
        { "แผนการดำเนินงานและการใช้จ่ายงบประมาณประจำปี", "operating-plan" },
        { "แผนพัฒนาท้องถิ่น 4 ปี", "development-plan" },
        { "แผนอัตรากำลัง 3 ปี", "hr-policy" },
        { "แผนปฏิบัติการป้องกันปราบปรามการทุจริตและประพฤติมิชอบ", "anti-corruption-plan" },
        { "รายงานติดตามและประเมินผลแผนฯ", "operating-annual-report" },
        { "ข้อบัญญัติงบประมาณ", "budget-plan" },
        { "แผนการจัดหาพัสดุและแผนปฏิบัติการจัดซื้อจัดจ้าง", "procurement-plan" },
        { "ข่าวจัดซื้อจัดจ้างจากระบบ e-GP", "procurement-notices" },
        { "สรุปผลการจัดซื้อจัดจ้างรายเดือน/ไตรมาส/ปี", "procurement-progress" },
        { "งานจริยธรรม", "ethics-code" },
        { "คู่มือและมาตรฐานการปฏิบัติงาน", "staff-manual" },
        { "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "complaint-procedure" },
        { "การประเมินความเสี่ยงเพื่อป้องกันการทุจริต", "risk-assessment" },
        { "ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบประจำปี", "complaint-statistics" },
        { "ITA", "ita-hub" },
        { "คู่มือและมาตรฐานการให้บริการ", "service-manual" },
        { "คู่มือสำหรับประชาชน", "service-manual" },
        { "บริการออนไลน์ E-Service", "e-service" },
        { "ร้องเรียนทุจริต", "complaint-channel" },
        { "ติดต่อ/แผนที่", "contact" },
        // unlabelled in MANIFEST
        { "ข่าวประชาสัมพันธ์/ข่าวประกาศ", "news" },
        { "การเปิดโอกาสให้เกิดการมีส่วนร่วม", "participation" },
        { "รายงานผลการสำรวจความพึงพอใจการให้บริการ", "satisfaction-survey" },
        { "ข้อมูลเชิงสถิติการให้บริการ", "service-statistics" },
        { "กระดานกระทู้ (ถาม-ตอบ)", "qa" },
        { "นโยบายคุ้มครองข้อมูลส่วนบุคคล", "privacy-policy" },
        { "มาตรการภายใน", "integrity-measures" },
        { "แผนพัฒนาบุคลากร", "hr-policy" },
        { "มาตรฐานกำหนดตำแหน่ง", "hr-criteria" },
        { "LPA", "" },
        { "สมาชิกสภา", "" },
        { "ผู้นำชุมชน", "" },
        { "รายงานการประชุม", "" },
        { "สารจากผู้บริหาร", "" },
        { "คำแถลงนโยบายของผู้บริหาร", "" },
        { "วิสัยทัศน์และพันธกิจ", "" },
        { "แบบสอบถามความพึงพอใจ", "" },
    };

    private static string? PageKind(IReadOnlyList<Evidence> evidence, string file)
    {
        var url = new Uri(Saiyoi, file);
        return evidence.Where(e => e.Url == url && e.State is not (TargetState.Placeholder or TargetState.Unreachable))
            .Select(e => e.Classification.PrimaryKind).FirstOrDefault();
    }

    private static IReadOnlyList<Evidence> SaiyoiEvidence(SiteSnapshot snap) =>
        new EvidenceCollector(DisclosureClassifier.Default).Collect(snap, 2568, SiteChrome.Learn(snap.Pages));

    [SharedDataTheory]
    [MemberData(nameof(SaiyoiPages))]
    public void SaiyoiPage_IsEvidenceOfItsManifestLabel(string file, string expected)
    {
        var kind = PageKind(SaiyoiCache.Value, file);
        Assert.Equal(expected, kind ?? "");
    }

    private static readonly Lazy<IReadOnlyList<Evidence>> PhukradungCache = new(ReadPhukradung);
    private static readonly Lazy<IReadOnlyList<Evidence>> SaiyoiCache = new(() => SaiyoiEvidence(SaiyoiSnapshot()));

    private static IReadOnlyList<Evidence> PhukradungEvidence() => PhukradungCache.Value;

    private static IReadOnlyList<Evidence> ReadPhukradung()
    {
        var home = Load("phukradungsao.go.th__home.html", Phukradung, ["หน้าหลัก"], 0);
        var snap = new SiteSnapshot { Root = Phukradung, StartedAt = DateTimeOffset.UnixEpoch, FinishedAt = DateTimeOffset.UnixEpoch,
            Status = SiteStatus.Ok, Pages = [home] };
        return new EvidenceCollector(DisclosureClassifier.Default).Collect(snap, 2568, SiteChrome.Learn(snap.Pages));
    }

    private static string KindOfLink(IReadOnlyList<Evidence> evidence, string text) =>
        evidence.FirstOrDefault(e => e.Text == text)?.Classification.PrimaryKind ?? "";

    [SharedDataTheory]
    [MemberData(nameof(PhukradungLinks))]
    public void PhukradungHomeLink_IsClassifiedAsItsLabel(string text, string expected) =>
        Assert.Equal(expected, KindOfLink(PhukradungEvidence(), text));

    [SharedDataFact]
    public void Accuracy_OnRealPages_IsAtLeast90Percent()
    {
        var saiyoi = SaiyoiCache.Value;
        var phuk = PhukradungEvidence();
        var right = 0;
        var total = 0;
        foreach (var row in SaiyoiPages)
        {
            total++;
            if ((PageKind(saiyoi, (string)row[0]) ?? "") == (string)row[1]) right++;
        }
        foreach (var row in PhukradungLinks)
        {
            total++;
            if (KindOfLink(phuk, (string)row[0]) == (string)row[1]) right++;
        }
        var accuracy = (double)right / total;
        output.WriteLine($"real LAO pages: {right}/{total} labelled right ({accuracy:P1})");
        Assert.True(accuracy >= 0.9, $"{right}/{total}");
    }

    [SharedDataFact]
    public void SaiyoiFooter_IsChrome_CountedOnce_AndNoPageBecomesExecutives()
    {
        var evidence = SaiyoiCache.Value;
        var complaint = evidence.Where(e => e.Kinds.Contains("complaint-channel")).ToList();
        Assert.Single(complaint);
        Assert.True(complaint[0].Chrome);
        // footer "เบอร์นายก" and the sidebar executives box appear on every page; only the executives page is executives
        Assert.Equal([new Uri(Saiyoi, "excustive.html")], evidence.Where(e => e.Kinds.Contains("executives")).Select(e => e.Url)
            .Distinct());
    }

    [SharedDataFact]
    public void SaiyoiVerdicts_ReviewImageChart_AndNameTheMissingPermanentSide()
    {
        var verdict = new SiteScorer().Score(SaiyoiSnapshot(), 2568);
        var o1 = verdict.Items.Single(i => i.Code == "o1");
        var o2 = verdict.Items.Single(i => i.Code == "o2");
        output.WriteLine($"o1 {o1.Status}: {string.Join(" | ", o1.Reasons.Select(r => r.En))}");
        output.WriteLine($"o2 {o2.Status}: {string.Join(" | ", o2.Reasons.Select(r => r.En))}");
        // the org chart is an image: a person must look, never a guessed pass
        Assert.Equal(VerdictStatus.Review, o1.Status);
        // the executives page lists นายก and deputies but no ปลัด (the permanent side 2568 requires)
        Assert.Equal(VerdictStatus.Fail, o2.Status);
        Assert.Contains(o2.Reasons, r => r.Th.Contains("ปลัด"));
    }
}
