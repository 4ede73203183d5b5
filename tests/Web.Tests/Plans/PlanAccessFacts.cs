using System.Net;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Plans;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Tests.Plans;

/// <summary>Plan pages and API through the real pipeline: an LAO keeps only its own plan, its province reads and reopens, admin
/// all.</summary>
[Collection(HangfireHosts.Name)]
public sealed class PlanAccessFacts : IAsyncLifetime
{
    private const string Password = "plan-password-0001";
    private TestHost _host = null!;
    private string _code = "";
    private string _neighbour = "";
    private string _elsewhere = "";

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        _code = TestData.NewCode();
        _neighbour = TestData.NewCode();
        _elsewhere = TestData.NewCode();
        await new LaoStore(_host.Database).UpsertAsync(
            [TestData.Lao(_code), TestData.Lao(_neighbour, "ทองเอน"),
                TestData.Lao(_elsewhere, "บึงนาราง") with { Province = "พิจิตร" }], "test");
        await _host.Accounts.CreateUserAsync("root", Roles.Admin, null, null, Password, "test");
        await _host.Accounts.CreateUserAsync("sing", Roles.Province, "สิงห์บุรี", null, Password, "test");
        await _host.Accounts.CreateUserAsync("pichit", Roles.Province, "พิจิตร", null, Password, "test");
        await _host.Accounts.CreateUserAsync(_code, Roles.Lao, null, _code, Password, "test");
        await _host.Accounts.CreateUserAsync(_neighbour, Roles.Lao, null, _neighbour, Password, "test");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Dictionary<string, string> Project(string name, string budget2569, string subItem = "1") => new()
    {
        ["name"] = name, ["type"] = "กิจกรรม", ["subItem"] = subItem, ["quarters"] = "2", ["years"] = "2569", ["budget2569"] = budget2569,
        ["targetGroups"] = "เด็กและเยาวชน", ["objectives"] = "ปลูกฝังความซื่อสัตย์", ["note"] = "",
    };

    /// <summary>A page refuses a signed-in user by sending them to the account's "denied" page.</summary>
    private static void AssertDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString);
    }

    private async Task<JsonElement> PlanJsonAsync(HttpClient client, string code)
    {
        var response = await client.GetAsync($"/api/laos/{code}/plan?cycle=2566-2570");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task PlanPage_KeepsEveryChangeInHistory_WhenTheLaoAddsChangesBudgetAndRemoves()
    {
        var lao = await TestHost.SignedInAsync(_host, _code, Password);
        var page = $"/lao/{_code}/plan?cycle=2566-2570";

        var added = await TestHost.PostFormAsync(lao, page, Project("ค่ายเยาวชนต้านโกง", "15000"),
            $"/lao/{_code}/plan?cycle=2566-2570&handler=Save");
        var id = (await PlanJsonAsync(lao, _code)).GetProperty("projects")[0].GetProperty("id").GetInt64();
        var raised = await TestHost.PostFormAsync(lao, page, new Dictionary<string,
            string>(Project("ค่ายเยาวชนต้านโกง", "25,000")) { ["projectId"] = $"{id}" }, $"/lao/{_code}/plan?cycle=2566-2570&handler=Save");
        var second = await TestHost.PostFormAsync(lao, page, Project("ประกาศเจตจำนง", "", "2"),
            $"/lao/{_code}/plan?cycle=2566-2570&handler=Save");
        var before = await PlanJsonAsync(lao, _code);
        var secondId = before.GetProperty("projects").EnumerateArray().Single(p
            => p.GetProperty("name").GetString() == "ประกาศเจตจำนง").GetProperty("id").GetInt64();
        var removed = await TestHost.PostFormAsync(lao, page, new Dictionary<string, string> { ["projectId"] = $"{secondId}" },
            $"/lao/{_code}/plan?cycle=2566-2570&handler=Remove");
        var plan = await PlanJsonAsync(lao, _code);
        var html = await lao.GetStringAsync(page);

        Assert.All([added, raised, second, removed], r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var project = Assert.Single(plan.GetProperty("projects").EnumerateArray());
        Assert.Equal(25000m, project.GetProperty("budgets")[0].GetProperty("amount").GetDecimal());
        Assert.Equal(["add", "budget"], project.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        Assert.Equal(_code, project.GetProperty("history")[1].GetProperty("actor").GetString());
        Assert.True(before.GetProperty("projects").EnumerateArray().Single(p
            => p.GetProperty("id").GetInt64() == secondId).GetProperty("budgets")[0].GetProperty("noBudget").GetBoolean());
        Assert.Equal("remove", Assert.Single(plan.GetProperty("removed").EnumerateArray()).GetProperty("action").GetString());
        Assert.Contains("ปี 2569: 15,000 → 25,000", html);
        Assert.Contains("มิติที่ 1 การสร้างสังคมที่ไม่ทนต่อการทุจริต", html);
    }

    [Fact]
    public async Task PlanPage_NamesTheField_WhenTheEntryIsRefused()
    {
        var lao = await TestHost.SignedInAsync(_host, _code, Password);

        var negative = await TestHost.PostFormAsync(lao, $"/lao/{_code}/plan?cycle=2566-2570", Project("งบติดลบ", "-5"),
            $"/lao/{_code}/plan?cycle=2566-2570&handler=Save");
        var unknown = await TestHost.PostFormAsync(lao, $"/lao/{_code}/plan?cycle=2566-2570", Project("ข้อไม่มีจริง", "5", "9.9"),
            $"/lao/{_code}/plan?cycle=2566-2570&handler=Save");

        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("data-field=\"budget2569\"", await negative.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("data-field=\"dimension\"", await unknown.Content.ReadAsStringAsync());
        Assert.DoesNotContain((await PlanJsonAsync(lao, _code)).GetProperty("projects").EnumerateArray(), p
            => p.GetProperty("name").GetString() is "งบติดลบ" or "ข้อไม่มีจริง");
    }

    [Fact]
    public async Task Plan_IsRefused_ToOtherLaosAndOtherProvinces_AndReadOnlyForTheProvince()
    {
        var neighbour = await TestHost.SignedInAsync(_host, _neighbour, Password);
        var sing = await TestHost.SignedInAsync(_host, "sing", Password);
        var pichit = await TestHost.SignedInAsync(_host, "pichit", Password);
        var root = await TestHost.SignedInAsync(_host, "root", Password);

        // The anti-forgery token comes from the user's own page; the post targets someone else's plan.
        var neighbourWrite = await TestHost.PostFormAsync(neighbour, $"/lao/{_neighbour}/plan", Project("แอบแก้", "1"),
            $"/lao/{_code}/plan?handler=Save");
        var provinceWrite = await TestHost.PostFormAsync(sing, $"/lao/{_code}/plan", Project("จังหวัดแก้", "1"),
            $"/lao/{_code}/plan?handler=Save");
        var adminWrite = await TestHost.PostFormAsync(root, $"/lao/{_code}/plan", Project("ผู้ดูแลเพิ่ม", "1"),
            $"/lao/{_code}/plan?handler=Save");

        Assert.Equal(HttpStatusCode.Forbidden, (await neighbour.GetAsync($"/api/laos/{_code}/plan")).StatusCode);
        AssertDenied(await neighbour.GetAsync($"/lao/{_code}/plan"));
        Assert.Equal(HttpStatusCode.Forbidden, (await pichit.GetAsync($"/api/laos/{_code}/reports?fy=2569")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Browser().GetAsync($"/api/laos/{_code}/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sing.GetAsync($"/api/laos/{_code}/plan")).StatusCode);
        Assert.DoesNotContain("id=\"save-project\"", await sing.GetStringAsync($"/lao/{_code}/plan"));
        Assert.Equal(HttpStatusCode.Forbidden, (await pichit.GetAsync("/api/provinces/สิงห์บุรี/reporting?fy=2569&round=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await neighbour.GetAsync("/api/provinces/สิงห์บุรี/reporting?fy=2569&round=1")).StatusCode);
        AssertDenied(neighbourWrite);
        AssertDenied(provinceWrite);
        Assert.Equal(HttpStatusCode.Redirect, adminWrite.StatusCode);
        var names = (await PlanJsonAsync(root, _code)).GetProperty("projects").EnumerateArray().Select(p
            => p.GetProperty("name").GetString()).ToList();
        Assert.DoesNotContain("แอบแก้", names);
        Assert.DoesNotContain("จังหวัดแก้", names);
        Assert.Contains("ผู้ดูแลเพิ่ม", names);
    }

    [Fact]
    public async Task PlanApi_AnswersBearerTokens_OnlyWithThePlansScopeAndWithinTheirProvince()
    {
        var plans = await _host.Tokens.CreateAsync("sing-plans", Roles.Province, "สิงห์บุรี", null, [PlanAccess.Scope], "test");
        var scansOnly = await _host.Tokens.CreateAsync("sing-scans", Roles.Province, "สิงห์บุรี", null, [Access.ScansScope], "test");

        Assert.Equal(HttpStatusCode.OK, (await _host.Api(plans).GetAsync($"/api/laos/{_code}/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.Api(plans).GetAsync("/api/provinces/สิงห์บุรี/reporting?fy=2569&round=2")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.Api(plans).GetAsync($"/api/laos/{_elsewhere}/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.Api(scansOnly).GetAsync($"/api/laos/{_code}/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Api("not-a-token").GetAsync($"/api/laos/{_code}/plan")).StatusCode);
    }

    [Fact]
    public async Task Round_LocksOnSubmit_ProvinceReopensWithReason_AndTheReportingViewCountsIt()
    {
        var lao = await TestHost.SignedInAsync(_host, _code, Password);
        var sing = await TestHost.SignedInAsync(_host, "sing", Password);
        var neighbour = await TestHost.SignedInAsync(_host, _neighbour, Password);
        await TestHost.PostFormAsync(lao, $"/lao/{_code}/plan?cycle=2566-2570", Project("ตู้รับเรื่องร้องเรียน", "3000", "3"),
            $"/lao/{_code}/plan?cycle=2566-2570&handler=Save");
        var id = (await PlanJsonAsync(lao, _code)).GetProperty("projects").EnumerateArray().Single(p
            => p.GetProperty("name").GetString() == "ตู้รับเรื่องร้องเรียน").GetProperty("id").GetInt64();
        var reports = $"/lao/{_code}/reports?fy=2569";
        // Other facts of this class may add projects for 2569 too: report on every one of them.
        foreach (var project in (await PlanJsonAsync(lao, _code)).GetProperty("projects").EnumerateArray().Where(p
            => p.GetProperty("budgets").EnumerateArray().Any(b => b.GetProperty("fiscalYear").GetInt32() == 2569)))
        {
            var saved = await TestHost.PostFormAsync(lao, reports, new Dictionary<string, string>
            {
                ["round"] = "1",
                ["projectId"] = project.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["planBudget"] = "3000", ["ordinanceBudget"] = "3000", ["disbursed"] = "1200", ["inOrdinance"] = "on",
                ["status"] = PlanVocabulary.Done, ["notDoneReason"] = "", ["note"] = "",
            }, $"{reports}&handler=Line");
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var laoReopen = await TestHost.PostFormAsync(lao, reports, new Dictionary<string, string> { ["round"] = "1", ["reason"] = "x" },
            $"{reports}&handler=Reopen");
        var submitted = await TestHost.PostFormAsync(lao, reports, new Dictionary<string, string> { ["round"] = "1" },
            $"{reports}&handler=Submit");
        var lockedEdit = await TestHost.PostFormAsync(lao, reports, new Dictionary<string, string> { ["round"] = "1" },
            $"{reports}&handler=Submit");
        var neighbourReopen = await TestHost.PostFormAsync(neighbour, $"/lao/{_neighbour}/reports?fy=2569", new Dictionary<string,
            string> { ["round"] = "1", ["reason"] = "x" }, $"{reports}&handler=Reopen");
        var reporting = JsonDocument.Parse(await sing.GetStringAsync("/api/provinces/สิงห์บุรี/reporting?fy=2569&round=1")).RootElement;
        var csv = await sing.GetByteArrayAsync("/province/สิงห์บุรี/reporting.csv?fy=2569&round=1");
        var noReason = await TestHost.PostFormAsync(sing, reports, new Dictionary<string, string> { ["round"] = "1", ["reason"] = " " },
            $"{reports}&handler=Reopen");
        var reopened = await TestHost.PostFormAsync(sing, reports, new Dictionary<string,
            string> { ["round"] = "1", ["reason"] = "ยอดเบิกจ่ายไม่ตรง" }, $"{reports}&handler=Reopen");
        var after = JsonDocument.Parse(await lao.GetStringAsync($"/api/laos/{_code}/reports?fy=2569")).RootElement.GetProperty("rounds")[0];

        AssertDenied(laoReopen);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, lockedEdit.StatusCode);
        AssertDenied(neighbourReopen);
        var row = reporting.GetProperty("laos").EnumerateArray().Single(l => l.GetProperty("dlaCode").GetString() == _code);
        // Round 1 of FY2569 was due 30 April 2026 (BE 2569): submitting it now is late; the neighbour who never did is overdue.
        Assert.Equal("late", row.GetProperty("state").GetString());
        Assert.Equal(100.0, row.GetProperty("completionRate").GetDouble());
        Assert.Equal("missing",
            reporting.GetProperty("laos").EnumerateArray().Single(l
                => l.GetProperty("dlaCode").GetString() == _neighbour).GetProperty("state").GetString());
        Assert.Equal("30 เม.ย. 2569", reporting.GetProperty("dueBe").GetString());
        Assert.DoesNotContain(reporting.GetProperty("laos").EnumerateArray(), l => l.GetProperty("dlaCode").GetString() == _elsewhere);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        Assert.Equal("missing", after.GetProperty("state").GetString());
        Assert.Equal("ยอดเบิกจ่ายไม่ตรง", after.GetProperty("reopenReason").GetString());
        Assert.Equal("sing", after.GetProperty("reopenedBy").GetString());
        Assert.Contains(after.GetProperty("lines").EnumerateArray(), l => l.GetProperty("projectId").GetInt64() == id);
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        Assert.Contains("ส่งล่าช้า", System.Text.Encoding.UTF8.GetString(csv));
    }

    [Fact]
    public async Task Import_TakesTheWholeSheetOrNothing_AndExportReadsBack()
    {
        var lao = await TestHost.SignedInAsync(_host, _neighbour, Password);
        async Task<HttpResponseMessage> UploadAsync(MemoryStream sheet)
        {
            var html = await lao.GetStringAsync($"/lao/{_neighbour}/plan?cycle=2566-2570");
            var token = System.Text.RegularExpressions.Regex.Match(html,
                "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            using var content = new MultipartFormDataContent
            {
                { new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken" },
                { new ByteArrayContent(sheet.ToArray()), "file", "plan.xlsx" },
            };
            return await lao.PostAsync($"/lao/{_neighbour}/plan?cycle=2566-2570&handler=Import", content);
        }

        var bad = await UploadAsync(PlanSpreadsheetFacts.Sheet(PlanSpreadsheetFacts.Row(1, "นำเข้าดี", ("2567", 500)),
            PlanSpreadsheetFacts.Row(9, "นำเข้าเสีย", ("2567", 500))));
        var afterBad = (await PlanJsonAsync(lao, _neighbour)).GetProperty("projects").GetArrayLength();
        var good = await UploadAsync(PlanSpreadsheetFacts.Sheet(PlanSpreadsheetFacts.Row(1, "นำเข้าดี", ("2567", 500)),
            PlanSpreadsheetFacts.Row(4, "นำเข้าสอง", ("2568", "ไม่ใช้งบประมาณ"))));
        var export = await lao.GetByteArrayAsync($"/lao/{_neighbour}/plan.xlsx?cycle=2566-2570");
        var (read, problems) = PlanSpreadsheet.Read(new PlanFrameworks().Find("2566-2570")!, new MemoryStream(export));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("data-cell=\"A3\"", await bad.Content.ReadAsStringAsync());
        Assert.Equal(0, afterBad);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Empty(problems);
        Assert.Equal(["นำเข้าดี", "นำเข้าสอง"], read.Select(p => p.Name));
        Assert.Null(read[1].Budgets[2568]);
        AssertDenied(await (await TestHost.SignedInAsync(_host, "pichit", Password)).GetAsync($"/lao/{_neighbour}/plan.xlsx"));
    }

    [Fact]
    public async Task NationalReporting_CountsEachProvince_ForAdminsOnly()
    {
        var lao = await TestHost.SignedInAsync(_host, _code, Password);
        await TestHost.PostFormAsync(lao, $"/lao/{_code}/plan?cycle=2566-2570", Project("อบรม", "4000"),
            $"/lao/{_code}/plan?cycle=2566-2570&handler=Save");
        var id = (await PlanJsonAsync(lao, _code)).GetProperty("projects")[0].GetProperty("id").GetInt64();
        var reports = $"/lao/{_code}/reports?fy=2569";
        await TestHost.PostFormAsync(lao, reports, new Dictionary<string, string>
        {
            ["round"] = "1", ["projectId"] = $"{id}", ["planBudget"] = "4000", ["ordinanceBudget"] = "", ["disbursed"] = "",
            ["status"] = PlanVocabulary.NotPossible, ["notDoneReason"] = "บุคลากรไม่เพียงพอ", ["note"] = "",
        }, $"{reports}&handler=Line");
        Assert.Equal(HttpStatusCode.Redirect,
            (await TestHost.PostFormAsync(lao, reports, new Dictionary<string, string> { ["round"] = "1" },
                $"{reports}&handler=Submit")).StatusCode);
        var root = await TestHost.SignedInAsync(_host, "root", Password);

        var html = await root.GetStringAsync("/national/reporting?fy=2569&round=1");
        var csv = System.Text.Encoding.UTF8.GetString(await root.GetByteArrayAsync("/national/reporting.csv?fy=2569&round=1"));
        var sing = await (await TestHost.SignedInAsync(_host, "sing", Password)).GetAsync("/national/reporting?fy=2569&round=1");

        var lines = csv.TrimStart('\uFEFF').Split("\r\n");
        Assert.StartsWith(
            "จังหวัด,จำนวน อปท.,ส่งตามกำหนด,ส่งล่าช้า,เลยกำหนด ยังไม่ส่ง,จำนวนโครงการ,มิติที่ 1 (โครงการ),มิติที่ 1 (งบประมาณ บาท)",
            lines[0]);
        Assert.Contains("สิงห์บุรี,2,0,1,1,1,1,4000,0,0,0,0,0,0,0", lines);
        Assert.Contains("พิจิตร,1,0,0,1,0,0,0,0,0,0,0,0,0,", lines);
        Assert.Contains("data-province=\"สิงห์บุรี\"", html);
        AssertDenied(sing);
    }

    [Fact]
    public async Task CrossCheck_FlagsPlanNotPublished_ReportNotPublished_AndPublishedSpanNotCovering()
    {
        var runs = new RunStore(_host.Database);
        var scans = new ScanStore(_host.Database);
        var run = await runs.CreateAsync("nightly", "all", 2569, 2);
        EvidenceRef Plan(string url, int[] span)
            => TestData.Evidence(url, "แผนปฏิบัติการป้องกันการทุจริต") with { Kind = WebsiteCrossCheck.PlanKind, FiscalYear = null,
                FiscalYearSpan = span };
        var item = TestData.Item("o39", VerdictStatus.Fail, "แผนปฏิบัติการป้องกันการทุจริต",
            Plan("https://www.example.go.th/plan-61", [2561, 2564])) with { Kinds = [WebsiteCrossCheck.PlanKind] };
        var current = TestData.Item("o39", VerdictStatus.Pass, "แผนปฏิบัติการป้องกันการทุจริต",
            Plan("https://www.example.go.th/plan-66", [2566, 2570])) with { Kinds = [WebsiteCrossCheck.PlanKind] };
        await scans.SaveAsync(TestData.Result(run, _code, [item]));
        await scans.SaveAsync(TestData.Result(run, _neighbour, [current]));
        var root = await TestHost.SignedInAsync(_host, "root", Password);
        await TestHost.PostFormAsync(root, $"/lao/{_code}/plan", Project("อบรมจริยธรรม", "1000"),
            $"/lao/{_code}/plan?cycle=2566-2570&handler=Save");

        var projectId = (await PlanJsonAsync(root, _code)).GetProperty("projects")[0].GetProperty("id").GetInt64();
        var rounds = _host.App.Services.GetRequiredService<ReportStore>();
        await rounds.SaveLineAsync(_code, 2569, 1, new ReportLine { ProjectId = projectId, Status = PlanVocabulary.Done }, "test");
        await rounds.SubmitAsync(_code, 2569, 1, [projectId], "test");

        var ours = await root.GetStringAsync($"/lao/{_code}/reports?fy=2569");
        var laoPage = await root.GetStringAsync($"/lao/{_code}");
        var asOfYesterday = await root.GetStringAsync(
            $"/api/laos/{_code}/plan?cycle=2566-2570&asOf={DateTime.UtcNow.AddDays(-2):yyyy-MM-dd}");
        var neighbours = await root.GetStringAsync($"/lao/{_neighbour}/reports?fy=2569");
        var province = JsonDocument.Parse(await root.GetStringAsync("/api/provinces/สิงห์บุรี/reporting?fy=2569&round=1")).RootElement;

        Assert.Contains("data-code=\"plan-not-published\"", ours);
        Assert.Contains("data-code=\"plan-span-not-covering\"", ours);
        Assert.Contains("แผนที่เผยแพร่บนเว็บไซต์เป็นของปี 2561-2564 ไม่ครอบคลุมปีที่ประเมิน 2569", ours);
        Assert.Contains("data-code=\"round1-not-published\"", ours);
        Assert.DoesNotContain("round2-not-published", ours);
        Assert.Contains("id=\"plan-cross-check\" data-fiscal-year=\"2569\"", laoPage);
        Assert.Contains("data-code=\"plan-span-not-covering\"", laoPage);
        Assert.Contains("data-code=\"round1-not-published\"", laoPage);
        Assert.Equal(0, JsonDocument.Parse(asOfYesterday).RootElement.GetProperty("projects").GetArrayLength());
        Assert.Contains("data-code=\"plan-not-entered\"", neighbours);
        Assert.DoesNotContain("plan-span-not-covering", neighbours);
        var codes = province.GetProperty("laos").EnumerateArray().Single(l => l.GetProperty("dlaCode").GetString() == _code)
            .GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ToList();
        Assert.Contains("plan-not-published", codes);
    }
}
