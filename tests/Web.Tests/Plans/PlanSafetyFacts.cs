using System.Net;
using System.Text.Json;
using Dapper;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Tests.Accounts;

namespace PlanNacc.Web.Tests.Plans;

/// <summary>The probe's plan findings: a huge budget broke the LAO's, province's and national pages; bad fy/round answered 500.</summary>
[Collection(HangfireHosts.Name)]
public sealed class PlanSafetyFacts : IAsyncLifetime
{
    private const string Password = "plan-password-0001";
    private const string Huge = "79228162514264337593543950335";
    private TestHost _host = null!;
    private string _code = "";

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        _code = TestData.NewCode();
        await new LaoStore(_host.Database).UpsertAsync([TestData.Lao(_code)], "test");
        await _host.Accounts.CreateUserAsync("root", Roles.Admin, null, null, Password, "test");
        await _host.Accounts.CreateUserAsync("sing", Roles.Province, "สิงห์บุรี", null, Password, "test");
        await _host.Accounts.CreateUserAsync(_code, Roles.Lao, null, _code, Password, "test");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Dictionary<string, string> Project(string name, string budget2569) => new()
    {
        ["name"] = name, ["type"] = "กิจกรรม", ["subItem"] = "1", ["quarters"] = "2", ["years"] = "2569", ["budget2569"] = budget2569,
        ["targetGroups"] = "เด็กและเยาวชน", ["objectives"] = "ปลูกฝังความซื่อสัตย์", ["note"] = "",
    };

    private string PlanPage => $"/lao/{_code}/plan?cycle=2566-2570";

    private string Save => $"/lao/{_code}/plan?cycle=2566-2570&handler=Save";

    [Theory]
    [InlineData(Huge)]
    [InlineData("1000000000000")]
    [InlineData("10.005")]
    public async Task PlanForm_RefusesAnAmountOutOfBounds(string amount)
    {
        var lao = await TestHost.SignedInAsync(_host, _code, Password);

        var saved = await TestHost.PostFormAsync(lao, PlanPage, Project("งบเกิน", amount), Save);

        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        await using var connection = await _host.Database.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM plan_budgets"));
    }

    [Fact]
    public async Task PlanForm_KeepsTheLargestAllowedAmount_ToTheSatang()
    {
        var lao = await TestHost.SignedInAsync(_host, _code, Password);

        var saved = await TestHost.PostFormAsync(lao, PlanPage, Project("งบใหญ่", "999,999,999,999.99"), Save);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var plan = JsonDocument.Parse(await lao.GetStringAsync($"/api/laos/{_code}/plan?cycle=2566-2570")).RootElement;
        Assert.Equal(999_999_999_999.99m, plan.GetProperty("projects")[0].GetProperty("budgets")[0].GetProperty("amount").GetDecimal());
    }

    /// <summary>A budget stored before the bound existed: every page reads it, and the LAO can still remove the project.</summary>
    [Fact]
    public async Task HugeStoredBudget_BreaksNoPage_AndTheLaoRemovesTheProject()
    {
        var lao = await TestHost.SignedInAsync(_host, _code, Password);
        Assert.Equal(HttpStatusCode.Redirect, (await TestHost.PostFormAsync(lao, PlanPage, Project("งบมหาศาล", "1000"), Save)).StatusCode);
        await using (var connection = await _host.Database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE plan_budgets SET amount = @amount",
                new { amount = double.Parse(Huge, System.Globalization.CultureInfo.InvariantCulture) });
        }
        var province = await TestHost.SignedInAsync(_host, "sing", Password);
        var admin = await TestHost.SignedInAsync(_host, "root", Password);
        var singburi = Uri.EscapeDataString("สิงห์บุรี");

        var pages = new[]
        {
            await lao.GetAsync(PlanPage), await lao.GetAsync($"/api/laos/{_code}/plan?cycle=2566-2570"),
            await lao.GetAsync($"/lao/{_code}/reports?fy=2569"),
            await province.GetAsync($"/province/{singburi}/reporting?fy=2569"),
            await province.GetAsync($"/api/provinces/{singburi}/reporting?fy=2569"),
            await province.GetAsync($"/province/{singburi}/reporting.csv?fy=2569"),
            await admin.GetAsync("/national/reporting?fy=2569"), await admin.GetAsync("/national/reporting.csv?fy=2569"),
        };
        var id = JsonDocument.Parse(await lao.GetStringAsync($"/api/laos/{_code}/plan?cycle=2566-2570")).RootElement
            .GetProperty("projects")[0].GetProperty("id").GetInt64();
        var removed = await TestHost.PostFormAsync(lao, PlanPage, new Dictionary<string, string> { ["projectId"] = $"{id}" },
            $"/lao/{_code}/plan?cycle=2566-2570&handler=Remove");

        Assert.All(pages, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty(JsonDocument.Parse(await lao.GetStringAsync($"/api/laos/{_code}/plan?cycle=2566-2570")).RootElement
            .GetProperty("projects").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/provinces/{p}/reporting?fy=0")]
    [InlineData("/api/provinces/{p}/reporting?fy=2569&round=3")]
    [InlineData("/api/provinces/{p}/reporting?fy=99999")]
    [InlineData("/api/laos/{c}/reports?fy=-1")]
    [InlineData("/province/{p}/reporting?fy=0")]
    [InlineData("/province/{p}/reporting.csv?fy=2569&round=7")]
    [InlineData("/lao/{c}/reports?fy=10")]
    [InlineData("/national/reporting?fy=1")]
    [InlineData("/national/reporting.xlsx?fy=2569&round=0")]
    public async Task BadFiscalYearOrRound_Answers400(string path)
    {
        var admin = await TestHost.SignedInAsync(_host, "root", Password);

        var response = await admin.GetAsync(path.Replace("{p}", Uri.EscapeDataString("สิงห์บุรี"), StringComparison.Ordinal)
            .Replace("{c}", _code, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ReportLine_WithABadRound_Answers400()
    {
        var lao = await TestHost.SignedInAsync(_host, _code, Password);
        var reports = $"/lao/{_code}/reports?fy=2569";

        var response = await TestHost.PostFormAsync(lao, reports, new Dictionary<string, string>
        {
            ["round"] = "9", ["projectId"] = "1", ["planBudget"] = "1", ["ordinanceBudget"] = "1", ["disbursed"] = "1", ["status"] = "x",
        }, $"{reports}&handler=Line");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
