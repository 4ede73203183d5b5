using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MiniExcelLibs;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Tests.Provinces;

/// <summary>A province of four LAOs over two nightly runs: ranking, filters, sort, movement, most-missed items, exports, national
/// overview.</summary>
[Collection(HangfireHosts.Name)]
public sealed partial class ProvinceFacts : IAsyncLifetime
{
    private readonly string _province = "ทดสอบ" + Guid.NewGuid().ToString("N")[..6];
    private TestHost _host = null!;
    private readonly Dictionary<string, string> _codes = [];

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        foreach (var name in new[] { "ก", "ข", "ค", "ง" })
        {
            _codes[name] = TestData.NewCode();
        }
        await new LaoStore(_host.Database).UpsertAsync(
        [
            TestData.Lao(_codes["ก"], "กอไก่") with { Province = _province, District = "เมือง", Type = "TAO", Size = "S" },
            TestData.Lao(_codes["ข"], "ขอไข่") with { Province = _province, District = "เมือง", Type = "ThesabanTambon", Size = "M" },
            TestData.Lao(_codes["ค"], "คอควาย") with { Province = _province, District = "บางระจัน", Type = "TAO", Size = "S" },
            TestData.Lao(_codes["ง"], "งองู") with { Province = _province, District = "บางระจัน", Type = "TAO", Size = "L" },
        ], "test");
        var runs = new RunStore(_host.Database);
        var scans = new ScanStore(_host.Database);
        // Night 1: ก 40, ข 80, ค 60, ง unreachable. Night 2: ก 90 (up two places), ข 70, ค 60, ง still unreachable.
        foreach (var (day, scores) in new[] { (0, new[] { 40.0, 80, 60 }), (1, new[] { 90.0, 70, 60 }) })
        {
            var run = await runs.CreateAsync("nightly", "all", 2569, 4);
            var names = new[] { "ก", "ข", "ค" };
            for (var i = 0; i < names.Length; i++)
            {
                var o2 = names[i] == "ก" && day == 1 ? VerdictStatus.Pass : VerdictStatus.Fail;
                await scans.SaveAsync(Scan(TestData.Result(run, _codes[names[i]],
                    [TestData.Item("o1", VerdictStatus.Pass), TestData.Item("o2", o2, "ข้อมูลผู้บริหาร"),
                        TestData.Item("o3", VerdictStatus.Fail, "อำนาจหน้าที่")]), day, scores[i]));
            }
            await scans.SaveAsync(Scan(TestData.Result(run, _codes["ง"], [], status: "unreachable") with { Reason = "connection refused" },
                day, null));
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static SiteScanResult Scan(SiteScanResult result, int day, double? oit) => result with
    {
        StartedAt = result.StartedAt.AddDays(day),
        FinishedAt = result.FinishedAt.AddDays(day),
        Report = oit is { } score ? result.Report! with { Score = result.Report.Score! with { Oit = score } } : null,
    };

    private string Url(string query = "") => $"/province/{Uri.EscapeDataString(_province)}{query}";

    [Fact]
    public async Task Ranking_OrdersByOit_WithMovementSinceLastRun()
    {
        var html = await _host.Browser().GetStringAsync(Url());

        Assert.Equal([_codes["ก"], _codes["ข"], _codes["ค"], _codes["ง"]], RowCodes(html));
        var first = WebUtility.HtmlDecode(Row(html, _codes["ก"]));
        Assert.Contains("▲ +50.0", first);
        Assert.Contains("▲ 2", first);
        Assert.Contains("▼ 1", Row(html, _codes["ข"]));
        Assert.Contains("เข้าถึงเว็บไซต์ไม่ได้", Row(html, _codes["ง"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ranking_FiltersByDistrictTypeAndSize_AndSortsByName()
    {
        var client = _host.Browser();

        var district = RowCodes(await client.GetStringAsync(Url("?district=" + Uri.EscapeDataString("บางระจัน"))));
        var type = RowCodes(await client.GetStringAsync(Url("?type=ThesabanTambon")));
        var size = RowCodes(await client.GetStringAsync(Url("?size=S&sort=name&dir=desc")));
        var byName = RowCodes(await client.GetStringAsync(Url("?sort=name&dir=asc")));

        Assert.Equal([_codes["ค"], _codes["ง"]], district);
        Assert.Equal([_codes["ข"]], type);
        Assert.Equal([_codes["ค"], _codes["ก"]], size);
        Assert.Equal([_codes["ก"], _codes["ข"], _codes["ค"], _codes["ง"]], byName);
    }

    [Fact]
    public async Task Ranking_ChartsItemsMostLaosMiss()
    {
        var html = await _host.Browser().GetStringAsync(Url());

        Assert.Contains("<svg id=\"missed-chart\"", html);
        // o3 missed by all three scanned LAOs, o2 by two, o1 by none.
        var table = html[html.IndexOf("id=\"missed-table\"", StringComparison.Ordinal)..];
        Assert.True(table.IndexOf("O3 อำนาจหน้าที่", StringComparison.Ordinal) < table.IndexOf("O2 ข้อมูลผู้บริหาร",
            StringComparison.Ordinal));
        Assert.Contains("<td>O3 อำนาจหน้าที่</td><td>3</td><td>3</td>", table);
    }

    [Fact]
    public async Task RankingExports_CsvAndXlsx_CarryTheFilteredRanking()
    {
        var client = _host.Browser();

        var csv = await client.GetByteArrayAsync(Url("/ranking.csv?district=" + Uri.EscapeDataString("เมือง")));
        var xlsx = await client.GetByteArrayAsync(Url("/ranking.xlsx"));

        var lines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // header, two LAOs, and the note naming the criteria year that judges this fiscal year (none of its own yet)
        Assert.Equal(4, lines.Length);
        Assert.StartsWith($"1,{_codes["ก"]},อบต.กอไก่,เมือง,S,90,40,1,ok", lines[1]);
        // Fiscal year 2569, judged with the 2568 criteria: each row names both.
        Assert.EndsWith(",2569,2568", lines[1]);
        Assert.StartsWith("หมายเหตุ,", lines[3]);
        using var stream = new MemoryStream(xlsx);
        var rows = stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(_codes["ก"], rows[0]["รหัส อปท."]?.ToString());
    }

    [Fact]
    public async Task ApiRanking_AnswersSameOrder()
    {
        using var doc = JsonDocument.Parse(await _host.Api().GetStringAsync($"/api/provinces/{Uri.EscapeDataString(_province)}/ranking"));
        var unknown = await _host.Api().GetAsync("/api/provinces/ไม่มีจังหวัดนี้/ranking");

        var items = doc.RootElement.GetProperty("items");
        Assert.Equal([_codes["ก"], _codes["ข"], _codes["ค"], _codes["ง"]],
            items.EnumerateArray().Select(r => r.GetProperty("dlaCode").GetString()));
        Assert.Equal(2, items[0].GetProperty("movement").GetInt32());
        Assert.Equal(4, doc.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(
            (2569, 2568, true),
            (items[0].GetProperty("fiscalYear").GetInt32(), items[0].GetProperty("criteriaYear").GetInt32(),
                items[0].GetProperty("criteriaFallback").GetBoolean()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task National_ComparesProvinces_AndShowsLatestRunHealth()
    {
        var html = await _host.Browser().GetStringAsync("/national");

        Assert.Contains($"data-province=\"{_province}\"", html);
        Assert.Matches(LatestRunFailures(), html);
        Assert.Contains("data-status=\"unreachable\"", html);
        Assert.Contains("connection refused", html);
        Assert.Contains("<svg id=\"missed-chart\"", html);
    }

    private static List<string> RowCodes(string html) => RankingRow().Matches(html).Select(m => m.Groups[1].Value).ToList();

    private static string Row(string html, string code)
    {
        var start = html.IndexOf($"<tr data-code=\"{code}\"", StringComparison.Ordinal);
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<tr data-code=\"(\\d{7})\"")]
    private static partial Regex RankingRow();

    [GeneratedRegex("id=\"run-total\">4</span>.*id=\"run-done\">3</span>.*id=\"run-failed\">1</span>")]
    private static partial Regex LatestRunFailures();
}
