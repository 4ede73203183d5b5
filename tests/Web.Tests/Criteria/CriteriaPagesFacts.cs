using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlanNacc.Scoring.Criteria;
using PlanNacc.Web.Features.Accounts;
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
        Assert.Contains("<span id=\"fiscal-year\">ปีงบประมาณ พ.ศ. 2570</span>", html);
        Assert.Contains("<span id=\"criteria-year\">เกณฑ์ ITA ปี 2569</span>", html);
        Assert.Contains("id=\"criteria-notice\"", html);

        using var doc = JsonDocument.Parse(await _host.Api().GetStringAsync($"/api/runs/{runId}"));
        var criteria = doc.RootElement.GetProperty("criteria");
        Assert.Equal(2570, criteria.GetProperty("fiscalYear").GetInt32());
        Assert.Equal(2569, criteria.GetProperty("criteriaYear").GetInt32());
        Assert.True(criteria.GetProperty("fallback").GetBoolean());
        Assert.True(criteria.GetProperty("provisional").GetBoolean());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
