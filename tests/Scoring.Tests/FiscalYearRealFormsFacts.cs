using System.Text.Json;
using PlanNacc.Crawler.Extraction;
using PlanNacc.Scoring.Thai;
using PlanNacc.SiteFarm;
using Xunit.Abstractions;

namespace PlanNacc.Scoring.Tests;

/// <summary>
/// Fiscal years as real LAO pages write them (issue 12, class 7): two-digit years after a document word, years run
/// together with dates in file names, a Latin letter typed for a Thai digit, laws' years, CE post dates and school
/// terms (which are not fiscal years).
/// </summary>
public class FiscalYearRealFormsFacts(ITestOutputHelper output)
{
    public static TheoryData<string, int?> Texts() => new()
    {
        { "เทศบัญญัติ66", 2566 },
        { "ข้อบัญญัติงบประมาณ67", 2567 },
        { "ปีงบ 67", 2567 },
        { "แผนดำเนินงาน ปี 68", 2568 },
        { "ประกาศ_25670315.pdf", 2567 },
        { "แผนการจัดซื้อจัดจ้าง2567_20240115.pdf", 2567 },
        { "แผนการจัดหาพัสดุ ประจำปีงบประมาณ ๒๕๖o", 2560 },
        { "พ.ร.บ. สภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. 2537", null },
        { "ระเบียบกระทรวงมหาดไทยว่าด้วยการจัดทำแผนพัฒนา พ.ศ. 2548", null },
        { "โพสต์เมื่อ 2025-03-14", null },
        { "updated 2024-07-01T10:20", null },
        { "ตารางสอบ ภาคเรียนที่ 1/2568", null },
        { "เทศบัญญัติ 66", 2566 },
        { "ข้อบัญญัติ ปี66", 2566 },
        { "ปีงบ๖๗", 2567 },
        { "แผนดำเนินงาน66.pdf", 2566 },
        { "20241001_แผนการจัดหาพัสดุ.pdf", 2568 },
        { "แผนดำเนินงาน2568(ปรับปรุง)20250114.pdf", 2568 },
        { "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖O", 2560 },
        { "ปีงบประมาณ 256o", 2560 },
        { "ตามพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540 มาตรา 7", null },
        { "ระเบียบกระทรวงมหาดไทย ว่าด้วยการจัดทำแผนพัฒนาขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2548 แก้ไขเพิ่มเติม (ฉบับที่ 3) พ.ศ. 2561", null },
        { "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2568 ตามระเบียบกระทรวงมหาดไทย พ.ศ. 2548", 2568 },
        { "เผยแพร่เมื่อ 2025-03-14 10:20:11", null },
        { "แผนการจัดหาพัสดุ ปี 2568 (2024-10-15)", 2568 },
        { "ปีการศึกษา 2568", null },
        { "ภาคเรียนที่ 1 ปีการศึกษา 2568", null },
        { "/wp-content/uploads/2024/10/scan001.pdf", 2568 },
        { "Latest news: November 14, 2012", 2556 },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void RealForms_ReadAsAPersonReadsThem(string text, int? expected)
    {
        var y = FiscalYearExtractor.Extract(text);
        Assert.True(y.FiscalYear == expected && (expected is not null || y.Span is null),
            $"'{text}': got {y.FiscalYear} span {y.Span?[0]}-{y.Span?[1]} ({y.Role})");
    }

    [Theory]
    [InlineData("แผนพัฒนา2566-2570_25660912.pdf", 2566, 2570)]
    [InlineData("แผนพัฒนาท้องถิ่น(2566-2570)เพิ่มเติม1_2567.pdf", 2566, 2570)]
    [InlineData("แผนพัฒนาท้องถิ่น 66-70", 2566, 2570)]
    public void RealForms_PlanSpans_SurviveDatesAndYearsAroundThem(string text, int from, int to)
    {
        var y = FiscalYearExtractor.Extract(text);
        Assert.True(y.Span is [var a, var b] && a == from && b == to, $"'{text}': got {y.FiscalYear} span {y.Span?[0]}-{y.Span?[1]}");
    }

    /// <summary>
    /// The labelled real sites' fiscal years (labels.json: the year as the page or document prints it, null for standing
    /// items) read as the collector reads a link: its text first, then its URL. Prints the figure per site and in total.
    /// </summary>
    [SharedDataFact]
    public void RealSites_FiscalYearsOfLabelledLinks()
    {
        var dir = Path.Combine(TestEnvironment.SharedDir!, "real-lao-sites");
        Assert.True(Directory.Exists(dir), "../shared/real-lao-sites is missing");
        int right = 0, total = 0;
        foreach (var labels in Directory.GetDirectories(dir).Select(d => Path.Combine(d, "labels.json")).Where(File.Exists).Order())
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(labels));
            int siteRight = 0, siteTotal = 0;
            foreach (var group in new[] { "disclosures", "empty_item_pages" })
            {
                foreach (var d in doc.RootElement.GetProperty(group).EnumerateArray())
                {
                    if (!d.TryGetProperty("fiscal_year", out var fy) || !d.TryGetProperty("link_text", out var lt)) continue;
                    var text = lt.GetString() ?? "";
                    var y = FiscalYearExtractor.Extract(text);
                    if (y.FiscalYear is null && y.Span is null) y = FiscalYearExtractor.ExtractFromUrl(d.GetProperty("url").GetString());
                    var ok = fy.ValueKind switch
                    {
                        JsonValueKind.Number => y.FiscalYear == fy.GetInt32(),
                        JsonValueKind.Array => y.Span is [var a, var b] && a == fy[0].GetInt32() && b == fy[1].GetInt32(),
                        _ => y.FiscalYear is null && y.Span is null,
                    };
                    siteTotal++;
                    if (ok) siteRight++;
                    else output.WriteLine($"    {Path.GetFileName(Path.GetDirectoryName(labels))}: '{text}' labelled {fy} read "
                        + $"{y.FiscalYear} {y.Span?[0]}-{y.Span?[1]}");
                }
            }
            output.WriteLine($"{Path.GetFileName(Path.GetDirectoryName(labels))}: fiscal years of labelled links {siteRight}/{siteTotal}");
            right += siteRight;
            total += siteTotal;
        }
        output.WriteLine($"TOTAL fiscal years of labelled links: {right}/{total} ({(double)right / Math.Max(1, total):0.00})");
        Assert.True(total > 0 && right >= 0.8 * total, $"{right}/{total}");
    }

    /// <summary>
    /// The farm's fiscal-year accuracy as a scan reads a link (its text, or a generic anchor's context, then its URL),
    /// per real-site class and in total: how many of the years read are right (held at 0.98), and how many dated
    /// links state a year at all (a news menu entry or a bare URL does not; the page behind it must say).
    /// </summary>
    [Fact]
    public void Farm_FiscalYearAccuracy_PerClass()
    {
        var sites = Farm.Generate(new FarmOptions { Sites = 56, Seed = 2568, FiscalYear = 2568 });
        var tally = new SortedDictionary<string, (int Right, int Read, int Total)>(StringComparer.Ordinal);
        foreach (var t in sites.Where(s => !s.Hostile).SelectMany(s => s.Truth))
        {
            if (t.Kind == "none" || t.Placeholder || t.Mismatch || (t.FiscalYear is null && t.FiscalYearSpan is null)) continue;
            var text = t.Context is { Length: > 0 } context ? context : t.LinkText;
            var y = FiscalYearExtractor.Extract(text);
            if (y.FiscalYear is null && y.Span is null) y = FiscalYearExtractor.ExtractFromUrl(t.Url.AbsolutePath);
            var read = y.FiscalYear is not null || y.Span is not null;
            var ok = t.FiscalYearSpan is [var a, var b]
                ? y.Span is [var ya, var yb] && ya == a && yb == b
                : y.FiscalYear == t.FiscalYear;
            foreach (var key in new[] { "all", t.Trap ?? "(plain link)" })
            {
                var (r, n, total) = tally.GetValueOrDefault(key);
                tally[key] = (r + (ok ? 1 : 0), n + (read ? 1 : 0), total + 1);
            }
            if (read && !ok)
            {
                output.WriteLine($"    wrong: '{text}' {t.Url.AbsolutePath}: truth {t.FiscalYear}{Span(t.FiscalYearSpan)}, "
                    + $"read {y.FiscalYear}{Span(y.Span)}");
            }
        }
        foreach (var (key, (r, n, total)) in tally)
        {
            output.WriteLine($"farm fiscal years {key,-26} right {r}/{n} read ({(double)r / Math.Max(1, n):0.000}); "
                + $"stated in {n}/{total} dated links");
        }
        var (right, readAll, _) = tally["all"];
        Assert.True(readAll > 500 && right >= 0.98 * readAll, $"{right}/{readAll}");
    }

    /// <summary>
    /// The saved real pages (../shared/real-lao-pages): standing items and negatives, all of them (MANIFEST.md). No
    /// title states a year; their chrome ("© 2012", "Copyright © 2016") gives none; a template's post dates
    /// ("November 14, 2012") read as dates, not as a year the page states. Prints what each page reads.
    /// </summary>
    [SharedDataFact]
    public void RealPages_ChromeAndPostDates_AreNoStatedYear()
    {
        var dir = Path.Combine(TestEnvironment.SharedDir!, "real-lao-pages");
        var files = Directory.GetFiles(dir, "saiyoidenchai.go.th__*.html").Order().ToList();
        Assert.NotEmpty(files);
        var clean = 0;
        foreach (var file in files)
        {
            var page = PageExtractor.Extract(File.ReadAllText(file), new Uri("http://saiyoidenchai.go.th/" + Path.GetFileName(file)));
            var title = FiscalYearExtractor.Extract(page.Title);
            var text = FiscalYearExtractor.Extract(page.Text);
            // a year word in the body ("ประวัติ เสาชิงช้า ปี พ.ศ. 2547") is the page's own; a plain year would be chrome
            var ok = title.IsEmpty && text.Role is null or YearRole.Date or YearRole.Fiscal;
            if (ok) clean++;
            output.WriteLine($"{Path.GetFileName(file),-45} title {title.FiscalYear}{Span(title.Span)} text {text.FiscalYear}"
                + $"{Span(text.Span)} ({text.Role})");
        }
        output.WriteLine($"TOTAL real pages whose title and chrome state no year: {clean}/{files.Count}");
        Assert.Equal(files.Count, clean);
    }

    private static string Span(int[]? span) => span is [var a, var b] ? $"{a}-{b}" : "";
}
