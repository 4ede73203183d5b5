using System.Net;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Evidence;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Tests.Lao;

/// <summary>The LAO page over two stored scans: changes, trend, kept copy, ITA export, English.</summary>
[Collection(HangfireHosts.Name)]
public sealed class LaoPageFacts : IAsyncLifetime
{
    private const string Hostile = "=HYPERLINK(\"http://evil\",\"x\"), <script>alert(1)</script>";
    private readonly string _sha =
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString())));
    // A place the verdict shows without a kept copy (an "also found here" place): no link to a copy that does not exist.
    private readonly string _uncopied =
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString())));
    private TestHost _host = null!;
    private string _code = "";

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        _code = TestData.NewCode();
        await new LaoStore(_host.Database).UpsertAsync([TestData.Lao(_code)], "test");
        var runs = new RunStore(_host.Database);
        var scans = new ScanStore(_host.Database);
        var first = await runs.CreateAsync("nightly", "all", 2569, 1);
        await scans.SaveAsync(Scan(TestData.Result(first, _code,
        [
            TestData.Item("o1", VerdictStatus.Fail),
            TestData.Item("o2", VerdictStatus.Pass, "ข้อมูลผู้บริหาร", TestData.Evidence("https://www.example.go.th/exec", "ผู้บริหาร")),
            TestData.Item("o3", VerdictStatus.Pass, "อำนาจหน้าที่", TestData.Evidence("https://www.example.go.th/duty", "อำนาจหน้าที่")),
        ]), day: 0, oit: 40));
        var second = await runs.CreateAsync("nightly", "all", 2569, 1);
        await scans.SaveAsync(Scan(TestData.Result(second, _code,
        [
            TestData.Item("o1", VerdictStatus.Pass, "โครงสร้าง", TestData.Evidence("https://www.example.go.th/org", Hostile, _sha)),
            TestData.Item("o2", VerdictStatus.Fail, "ข้อมูลผู้บริหาร"),
            TestData.Item("o3", VerdictStatus.Pass, "อำนาจหน้าที่",
                TestData.Evidence("https://www.example.go.th/duty", "อำนาจหน้าที่", _uncopied)),
        ], [TestData.Kept(_sha, "https://www.example.go.th/org")]), day: 1, oit: 60));
        var kept = ((EvidenceStore)_host.App.Services.GetService(typeof(EvidenceStore))!).FullPath(_sha);
        Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
        await File.WriteAllTextAsync(kept, "<html><body><h1>โครงสร้าง</h1><script>document.title='pwned'</script></body></html>");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static SiteScanResult Scan(SiteScanResult result, int day, double oit) => result with
    {
        StartedAt = result.StartedAt.AddDays(day),
        FinishedAt = result.FinishedAt.AddDays(day),
        Report = result.Report! with { Score = result.Report.Score! with { Oit = oit } },
    };

    [Fact]
    public async Task LaoPage_ShowsNewPassesAndFails_SincePreviousScan()
    {
        var html = await _host.Browser().GetStringAsync($"/lao/{_code}");

        Assert.Contains("data-new-pass=\"o1\"", html);
        Assert.Contains("data-new-fail=\"o2\"", html);
        Assert.DoesNotContain("data-new-pass=\"o3\"", html);
        Assert.DoesNotContain("data-new-fail=\"o3\"", html);
    }

    [Fact]
    public async Task LaoPage_DrawsOitTrend_AsSvgWithDataTable()
    {
        var html = await _host.Browser().GetStringAsync($"/lao/{_code}");

        Assert.Contains("<svg id=\"trend-chart\" class=\"chart\" role=\"img\"", html);
        Assert.Equal(2, CountOf(html[html.IndexOf("<svg id=\"trend-chart\"", StringComparison.Ordinal)..], "<circle "));
        Assert.Contains("<td>40.0</td>", html);
        Assert.Contains("<td>60.0</td>", html);
    }

    [Fact]
    public async Task LaoPage_ShowsCrawledTextAsText_AndLinksTheKeptCopy()
    {
        var html = await _host.Browser().GetStringAsync($"/lao/{_code}");

        Assert.Contains($"href=\"/evidence/{_sha}\"", html);
        Assert.Contains("https://www.example.go.th/duty", html);
        Assert.DoesNotContain($"/evidence/{_uncopied}", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Contains("คำอธิบาย (เส้นทางจากหน้าแรก)", html);
    }

    [Fact]
    public async Task KeptCopy_IsServedSandboxed_WithoutScriptsOrSameOrigin()
    {
        var response = await _host.Browser().GetAsync($"/evidence/{_sha}");
        var unknown = await _host.Browser().GetAsync($"/evidence/{new string('a', 64)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("sandbox;", csp);
        Assert.DoesNotContain("allow-scripts", csp);
        Assert.DoesNotContain("allow-same-origin", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no longer kept", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ItaCsv_ListsItemUrlAndExplanation_WithFormulasDefused()
    {
        var response = await _host.Browser().GetAsync($"/lao/{_code}/ita.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("ข้อ,รายการ,ผลตรวจ,URL,คำอธิบาย\r\n", text);
        Assert.Contains("O1,โครงสร้าง,ผ่าน,https://www.example.go.th/org,", text);
        // The explanation starts with the click path, so the hostile text inside it is quoted but not a formula.
        Assert.Contains("\"หน้าหลัก > ข้อมูลพื้นฐาน > =HYPERLINK(\"\"http://evil\"\",\"\"x\"\"), <script>alert(1)</script> > =HYPERLINK(",
            text);
        Assert.DoesNotContain("\r\n=", text);
        Assert.DoesNotContain(",=", text);
    }

    [Fact]
    public async Task ItaXlsx_OpensWithOneRowPerItem()
    {
        var bytes = await _host.Browser().GetByteArrayAsync($"/lao/{_code}/ita.xlsx");

        using var stream = new MemoryStream(bytes);
        var rows = stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["O1", "O2", "O3"], rows.Select(r => r["ข้อ"]?.ToString()));
        Assert.Equal("https://www.example.go.th/org", rows[0]["URL"]);
        Assert.StartsWith("หน้าหลัก > ข้อมูลพื้นฐาน > ", rows[0]["คำอธิบาย"]?.ToString());
    }

    [Fact]
    public async Task LaoPage_SwitchesToEnglish_AndRemembersTheChoice()
    {
        var client = _host.Browser();

        var english = await client.GetStringAsync($"/lao/{_code}?lang=en");
        var remembered = await client.GetStringAsync($"/lao/{_code}");
        var thai = await client.GetStringAsync($"/lao/{_code}?lang=th");

        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains("Changes since the previous scan", english);
        Assert.Contains("<html lang=\"en\">", remembered);
        Assert.Contains("<html lang=\"th\">", thai);
        Assert.Contains("การเปลี่ยนแปลงจากการตรวจครั้งก่อน", thai);
    }

    [Fact]
    public async Task ApiHistory_ListsScansOldestFirst()
    {
        using var doc = JsonDocument.Parse(await _host.Api().GetStringAsync($"/api/laos/{_code}/history"));

        Assert.Equal([40.0, 60.0],
            doc.RootElement.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("oitScore").GetDouble()));
        Assert.Equal(2, doc.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Api().GetAsync("/api/laos/0000002/history")).StatusCode);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0
            && i < text.IndexOf("</svg>", StringComparison.Ordinal); i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
