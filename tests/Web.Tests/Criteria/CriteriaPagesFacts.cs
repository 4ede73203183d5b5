using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlanNacc.Scoring.Criteria;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Runs;


namespace PlanNacc.Web.Tests.Criteria;

/// <summary>The admin criteria page (import, refusals, diff) and the notice every page carries for fiscal year 2570.</summary>
[Collection(HangfireHosts.Name)]
public sealed partial class CriteriaPagesFacts : IAsyncLifetime
{
    private const string Password = "a-long-admin-password";
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        // No Scans:FiscalYear: the assessed year is today's (2570 when this was written, a year without criteria).
        _host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Scans:FiscalYear"] = "2570" });
        await _host.Accounts.CreateUserAsync("admin1", Roles.Admin, null, null, Password, "test");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, byte[] bytes)
    {
        var html = await client.GetStringAsync("/admin/criteria");
        var token = WebUtility.HtmlDecode(Antiforgery().Match(html).Groups[1].Value);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "file", fileName);
        return await client.PostAsync("/admin/criteria?handler=Import", form);
    }

    private static byte[] Printed2570()
    {
        var json = JsonNode.Parse(CriteriaPrinter.ToJson(CriteriaCatalog.Default.Resolve(2569)))!.AsObject();
        json["year"] = 2570;
        json["id"] = "ita-2570";
        json["status"] = "confirmed";
        json["provisional"] = false;
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    [Fact]
    public async Task AdminPage_IsForAdminsOnly()
    {
        var response = await _host.Browser().GetAsync("/admin/criteria");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task AdminPage_ListsYears_ImportsOne_AndThePagesStopFallingBack()
    {
        var admin = await TestHost.SignedInAsync(_host, "admin1", Password);
        var before = await admin.GetStringAsync("/national");
        Assert.Contains("id=\"criteria-notice\"", before);
        Assert.Contains("ยังไม่มีเกณฑ์ ITA ปี 2570", before);
        Assert.Contains("data-criteria-year=\"2569\"", before);
        Assert.Contains("data-provisional=\"true\"", before);

        var list = await admin.GetStringAsync("/admin/criteria");
        Assert.Contains("<tr data-year=\"2569\" data-status=\"provisional\">", list);
        Assert.Contains("<tr data-year=\"2568\" data-status=\"confirmed\">", list);

        var response = await UploadAsync(admin, "ita-2570.json", Printed2570());
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"imported\" data-year=\"2570\"", page);
        Assert.Contains("<tr data-year=\"2570\" data-status=\"confirmed\">", page);
        Assert.Contains("ita-2570.json · admin1", page);

        // 2570 now has confirmed criteria of its own: nothing to say on the overview any more.
        Assert.DoesNotContain("id=\"criteria-notice\"", await admin.GetStringAsync("/national"));
    }

    [Fact]
    public async Task AdminPage_RefusesABadFile_WithEachProblem_AndStoresNothing()
    {
        var admin = await TestHost.SignedInAsync(_host, "admin1", Password);
        var json = JsonNode.Parse(Encoding.UTF8.GetString(Printed2570()))!.AsObject();
        json["items"]![2]!["code"] = "O1";

        var response = await UploadAsync(admin, "bad.json", Encoding.UTF8.GetBytes(json.ToJsonString()));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("bad.json item O1, code: duplicate code", page);
        Assert.DoesNotContain("data-year=\"2570\"", page);
    }

    [Fact]
    public async Task AdminPage_ShowsTheDiffOfTwoYears()
    {
        var admin = await TestHost.SignedInAsync(_host, "admin1", Password);
        var page = await admin.GetStringAsync("/admin/criteria?from=2568&to=2569");
        Assert.Contains("id=\"diff-table\"", page);
        Assert.Contains("<td>added</td><td>-</td><td>O25</td>", page);
        Assert.Contains("<td>removed</td><td>o11</td><td>-</td>", page);
    }

    [Fact]
    public async Task RunPageAndApi_NameTheFiscalYearAndTheCriteriaYear()
    {
        var runId = await new RunStore(_host.Database).CreateAsync("on-demand", "all", 2570, 0);
        var html = await _host.Browser().GetStringAsync($"/runs/{runId}");
        Assert.Equal("ปีงบประมาณ พ.ศ. 2570 ตรวจด้วย เกณฑ์ ITA ปี 2569 (ฉบับชั่วคราว)", YearsLine(html));
        Assert.Contains("id=\"criteria-notice\"", html);

        using var doc = JsonDocument.Parse(await _host.Api().GetStringAsync($"/api/runs/{runId}"));
        var criteria = doc.RootElement.GetProperty("criteria");
        Assert.Equal(2570, criteria.GetProperty("fiscalYear").GetInt32());
        Assert.Equal(2569, criteria.GetProperty("criteriaYear").GetInt32());
        Assert.True(criteria.GetProperty("fallback").GetBoolean());
        Assert.True(criteria.GetProperty("provisional").GetBoolean());
    }

    [Fact]
    public async Task RunPageAndLaoPage_SayTheSameYears()
    {
        var code = TestData.NewCode();
        await new LaoStore(_host.Database).UpsertAsync([TestData.Lao(code)], "test");
        var runId = await new RunStore(_host.Database).CreateAsync("on-demand", $"lao:{code}", 2570, 1);
        var result = TestData.Result(runId, code, [TestData.Item("o1", VerdictStatus.Pass)]);
        // Fiscal year 2570 has no criteria: the scorer judged it with 2569's, provisional, and said so in the verdict.
        result = result with
        {
            FiscalYear = 2570,
            Report = result.Report! with
            {
                FiscalYear = 2570,
                Criteria = new CriteriaRef(2569, "ita-2569", 2570, new Reason("ยังไม่มีเกณฑ์ ITA ปี 2570", "No ITA 2570 criteria yet"),
                    true),
            },
        };
        await new ScanStore(_host.Database).SaveAsync(result);

        var runPage = await _host.Browser().GetStringAsync($"/runs/{runId}");
        var laoPage = await _host.Browser().GetStringAsync($"/lao/{code}");

        Assert.Equal("ปีงบประมาณ พ.ศ. 2570 ตรวจด้วย เกณฑ์ ITA ปี 2569 (ฉบับชั่วคราว)", YearsLine(runPage));
        Assert.Equal(YearsLine(runPage), YearsLine(laoPage));
        Assert.Contains("data-fallback=\"true\" data-provisional=\"true\"", laoPage);
        Assert.Equal(
            "fiscal year 2570, judged with criteria 2569 (provisional)",
            YearsLine(await _host.Browser().GetStringAsync($"/lao/{code}?lang=en")));
    }

    /// <summary>The text of the page's years line (#years), tags removed and spaces collapsed.</summary>
    private static string YearsLine(string html)
    {
        var start = html.IndexOf("id=\"years\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no years line on the page");
        var open = html.IndexOf('>', start) + 1;
        // The line is a span holding two spans: it ends at the third closing tag.
        var end = open;
        for (var i = 0; i < 3; i++)
        {
            end = html.IndexOf("</span>", end, StringComparison.Ordinal) + "</span>".Length;
        }
        var text = Regex.Replace(html[open..(end - "</span>".Length)], "<[^>]+>", "");
        return Regex.Replace(WebUtility.HtmlDecode(text), @"\s+", " ").Trim();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
