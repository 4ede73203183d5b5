using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Cli;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Storage;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Tests.Lao;

/// <summary>The pages served in-process by the same host `serve` builds, over data written through the storage.</summary>
[Collection(HangfireHosts.Name)]
public sealed class DashboardPagesFacts : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "plannacc-web-tests", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private HttpClient? _client;
    private string _code = "";
    private long _runId;

    public async Task InitializeAsync()
    {
        (_app, _client) = await StartAsync(_dataDir, adminToken: null);
        var database = new Database(new StorageOptions { DataDir = _dataDir });
        _code = TestData.NewCode();
        await new LaoStore(database).UpsertAsync([TestData.Lao(_code, "ทดสอบ<b>หนา</b>")], "test");
        _runId = await new RunStore(database).CreateAsync("on-demand", "lao:" + _code, 2569, 1);
        await new ScanStore(database).SaveAsync(TestData.Result(_runId, _code,
        [
            TestData.Item("o1", VerdictStatus.Pass, "โครงสร้าง",
                TestData.Evidence("https://www.example.go.th/org", "<script>alert('x')</script>โครงสร้างองค์กร"),
                TestData.Evidence("javascript:alert(1)", "ลิงก์อันตราย")),
            TestData.Item("o2", VerdictStatus.Fail, "ข้อมูลผู้บริหาร"),
            TestData.Item("o3", VerdictStatus.Review, "อำนาจหน้าที่"),
        ]));
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }

    internal static async Task<(WebApplication, HttpClient)> StartAsync(string dataDir, string? adminToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "PlanNacc.Web",
            EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDir"] = dataDir,
            ["JobDashboard:AdminToken"] = adminToken,
        });
        StorageExtensions.EnsureDataDir(new StorageOptions { DataDir = dataDir });
        var app = await ServeCommand.BuildAsync(builder, configureCrawler: null, runJobServer: false);
        await app.StartAsync();
        return (app, app.GetTestClient());
    }

    [Fact]
    public async Task LaoPage_ShowsChecklistInThai_WithCrawledTextEncoded()
    {
        var html = await _client!.GetStringAsync($"/lao/{_code}");

        Assert.Contains("<html lang=\"th\">", html);
        Assert.Contains("data-code=\"o1\" data-status=\"pass\"", html);
        Assert.Contains(">ผ่าน<", html);
        Assert.Contains(">ไม่ผ่าน<", html);
        Assert.Contains(">ตรวจสอบ<", html);
        Assert.Contains("25 พ.ย. 2568 02:13", html);
        Assert.Contains("หน้าหลัก &gt; ข้อมูลพื้นฐาน", html);
        Assert.Contains("rel=\"noopener nofollow\"", html);
        Assert.Contains("วิธีแก้: เผยแพร่โครงสร้างองค์กร", html);
        Assert.Contains("ยังไม่มีเกณฑ์ ITA ปี 2569", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<b>หนา</b>", html);
        Assert.DoesNotContain("href=\"javascript:", html);
    }

    [Fact]
    public async Task LaoList_FindsLaoByCode_WithItsScore()
    {
        var html = await _client!.GetStringAsync($"/?q={_code}");

        Assert.Contains($"href=\"/lao/{_code}\"", html);
        Assert.Contains("50.0", html);
        Assert.Contains("อบต.ทดสอบ&lt;b&gt;", html);
    }

    [Fact]
    public async Task ApiLao_ReturnsLatestChecklist_InScanJsonShape()
    {
        using var doc = JsonDocument.Parse(await _client!.GetStringAsync($"/api/laos/{_code}"));
        var root = doc.RootElement;

        Assert.Equal(_code, root.GetProperty("lao").GetProperty("dlaCode").GetString());
        Assert.Equal("ok", root.GetProperty("scan").GetProperty("status").GetString());
        var checklist = root.GetProperty("checklist");
        Assert.Equal(2568, checklist.GetProperty("criteria").GetProperty("year").GetInt32());
        Assert.Equal(["pass", "fail", "review"],
            checklist.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()));
        Assert.Equal("<script>alert('x')</script>โครงสร้างองค์กร",
            checklist.GetProperty("items")[0].GetProperty("evidence")[0].GetProperty("text").GetString());
        Assert.Equal(50, checklist.GetProperty("score").GetProperty("oit").GetDouble());
    }

    [Fact]
    public async Task ApiLaos_FiltersByProvinceAndType()
    {
        using var match = JsonDocument.Parse(await _client!.GetStringAsync($"/api/laos?q={_code}&province=สิงห์บุรี&type=TAO"));
        using var other = JsonDocument.Parse(await _client!.GetStringAsync($"/api/laos?q={_code}&province=พิจิตร"));

        Assert.Equal(_code, Assert.Single(match.RootElement.GetProperty("items").EnumerateArray()).GetProperty("dlaCode").GetString());
        Assert.Equal(1, match.RootElement.GetProperty("total").GetInt32());
        Assert.Empty(other.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(0, other.RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ApiRun_ReportsProgress()
    {
        using var doc = JsonDocument.Parse(await _client!.GetStringAsync($"/api/runs/{_runId}"));

        Assert.Equal((1, 1, 0, 0), (doc.RootElement.GetProperty("total").GetInt32(), doc.RootElement.GetProperty("done").GetInt32(),
            doc.RootElement.GetProperty("failed").GetInt32(), doc.RootElement.GetProperty("left").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/runs/987654321")).StatusCode);
    }

    [Fact]
    public async Task LaoPage_Answers404_WhenCodeUnknown()
    {
        var response = await _client!.GetAsync("/lao/0000001");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Health_AnswersOk_AfterMigrations()
    {
        using var doc = JsonDocument.Parse(await _client!.GetStringAsync("/health"));

        Assert.Equal("ok", doc.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task JobDashboard_RefusesAnonymous_WhenNoAdminTokenConfigured()
    {
        // Since accounts (issue #6) /hangfire is always served, to signed-in admins only (Accounts/AccountsFacts).
        var response = await _client!.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task JobDashboard_NeedsAdminToken_WhenConfigured()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "plannacc-web-tests", Guid.NewGuid().ToString("N"));
        const string token = "a-long-enough-admin-token-0123456789";
        var (app, client) = await StartAsync(dataDir, token);
        try
        {
            var anonymous = await client.GetAsync("/hangfire");
            var wrong = await client.GetAsync("/hangfire?token=not-the-token-but-long-enough");
            var admin = await client.GetAsync($"/hangfire?token={token}");
            var bearer = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
            bearer.Headers.Authorization = new("Bearer", token);
            var withHeader = await client.SendAsync(bearer);

            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
            Assert.Contains(admin.Headers.GetValues("Set-Cookie"), c => c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(HttpStatusCode.OK, withHeader.StatusCode);
        }
        finally
        {
            client.Dispose();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
