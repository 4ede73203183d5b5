using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Tests.Overrides;

/// <summary>An LAO attests an item, its province accepts it: audit log, evidence pin, both scores; other provinces see and change
/// nothing.</summary>
[Collection(HangfireHosts.Name)]
public sealed partial class OverrideFacts : IAsyncLifetime
{
    private const string LaoPassword = "lao-password-00001";
    private const string OfficerPassword = "officer-password-01";
    private readonly string _sha = new('c', 64);
    private TestHost _host = null!;
    private string _code = "";

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        _code = TestData.NewCode();
        await new LaoStore(_host.Database).UpsertAsync([TestData.Lao(_code)], "test");
        var run = await new RunStore(_host.Database).CreateAsync("nightly", "all", 2569, 1);
        await new ScanStore(_host.Database).SaveAsync(TestData.Result(run, _code,
        [
            TestData.Item("o1", VerdictStatus.Pass, "โครงสร้าง", TestData.Evidence("https://www.example.go.th/org", "โครงสร้าง")),
            TestData.Item("o2", VerdictStatus.Review, "ข้อมูลผู้บริหาร",
                TestData.Evidence("https://www.example.go.th/exec.pdf", "ผู้บริหาร", _sha)),
        ], [TestData.Kept(_sha, "https://www.example.go.th/exec.pdf")]));
        await _host.Accounts.CreateUserAsync("sing", Roles.Province, "สิงห์บุรี", null, OfficerPassword, "test");
        await _host.Accounts.CreateUserAsync("phichit", Roles.Province, "พิจิตร", null, OfficerPassword, "test");
        var code = await _host.Codes.IssueAsync(_code, "test");
        Assert.Equal(ActivationOutcome.Ok, (await _host.Codes.ActivateAsync(_code, code, LaoPassword)).Outcome);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Override_SubmittedByLao_AcceptedByProvince_ShowsBothScores_AndIsAudited()
    {
        var lao = await TestHost.SignedInAsync(_host, _code, LaoPassword);
        var submitted = await TestHost.PostFormAsync(lao, $"/lao/{_code}", new Dictionary<string, string>
        {
            ["itemCode"] = "o2", ["url"] = "https://www.example.go.th/exec.pdf", ["reason"] = "เอกสารสแกน <b>อ่านได้</b>",
        }, $"/lao/{_code}?handler=Override");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var pending = await lao.GetStringAsync($"/lao/{_code}");
        var id = OverrideId().Match(pending).Groups[1].Value;
        Assert.Contains("data-status=\"pending\"", pending);
        Assert.Contains("เอกสารสแกน &lt;b&gt;อ่านได้&lt;/b&gt;", pending);
        Assert.DoesNotContain("id=\"oit-attested\"", pending);

        var selfReview = await TestHost.PostFormAsync(lao, $"/lao/{_code}", Review(id, accept: true), $"/lao/{_code}?handler=Review");
        Assert.Contains("/account/denied", selfReview.Headers.Location?.OriginalString);

        var officer = await TestHost.SignedInAsync(_host, "sing", OfficerPassword);
        var accepted = await TestHost.PostFormAsync(officer, $"/lao/{_code}", Review(id, accept: true), $"/lao/{_code}?handler=Review");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

        var page = await _host.Browser().GetStringAsync($"/lao/{_code}");
        Assert.Contains("<div class=\"score\" id=\"oit\">50.0</div>", page);
        Assert.Contains("data-attested=\"o2\"", page);
        Assert.Matches(AttestedScore(), page);
        Assert.DoesNotContain("data-override=", page);

        await using var connection = await _host.Database.OpenAsync();
        var audit = (await connection.QueryAsync<(string Actor, string Action, string? Before, string? After)>(
            "SELECT actor, action, before_json, after_json FROM audit_log WHERE entity = 'override' AND entity_id = @id ORDER BY id",
                new { id })).ToList();
        Assert.Equal([(_code, "submit"), ("sing", "accept")], audit.Select(a => (a.Actor, a.Action)));
        Assert.Contains("\"status\":\"pending\"", audit[1].Before);
        Assert.Contains("\"status\":\"accepted\"", audit[1].After);
        Assert.Equal(1,
            await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM evidence_pins WHERE sha256 = @sha AND reason = @reason",
            new { sha = _sha, reason = $"override:{id}" }));
    }

    [Fact]
    public async Task Overrides_AreClosedToOtherProvinces_ThroughPagesAndApi()
    {
        var lao = await TestHost.SignedInAsync(_host, _code, LaoPassword);
        await TestHost.PostFormAsync(lao, $"/lao/{_code}", new Dictionary<string, string>
        {
            ["itemCode"] = "o2", ["url"] = "https://www.example.go.th/exec.pdf", ["reason"] = "อ่านได้",
        }, $"/lao/{_code}?handler=Override");
        var id = OverrideId().Match(await lao.GetStringAsync($"/lao/{_code}")).Groups[1].Value;
        var other = await TestHost.SignedInAsync(_host, "phichit", OfficerPassword);

        var page = await other.GetStringAsync($"/lao/{_code}");
        var review = await TestHost.PostFormAsync(other, "/account/login", Review(id, accept: true), $"/lao/{_code}?handler=Review");
        var submit = await TestHost.PostFormAsync(other, "/account/login", new Dictionary<string, string>
        {
            ["itemCode"] = "o2", ["url"] = "https://evil.example/", ["reason"] = "x",
        }, $"/lao/{_code}?handler=Override");
        var api = await other.GetAsync($"/api/laos/{_code}/overrides");
        var anonymousApi = await _host.Api().GetAsync($"/api/laos/{_code}/overrides");
        var ownApi = await lao.GetAsync($"/api/laos/{_code}/overrides");

        Assert.DoesNotContain("id=\"overrides\"", page);
        Assert.DoesNotContain("อ่านได้", page);
        Assert.Contains("/account/denied", review.Headers.Location?.OriginalString);
        Assert.Contains("/account/denied", submit.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousApi.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownApi.StatusCode);
        using var doc = JsonDocument.Parse(await ownApi.Content.ReadAsStringAsync());
        Assert.Equal("pending", Assert.Single(doc.RootElement.GetProperty("items").EnumerateArray()).GetProperty("status").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Override_Refused_WithoutHttpUrl()
    {
        var lao = await TestHost.SignedInAsync(_host, _code, LaoPassword);

        var response = await TestHost.PostFormAsync(lao, $"/lao/{_code}", new Dictionary<string, string>
        {
            ["itemCode"] = "o2", ["url"] = "javascript:alert(1)", ["reason"] = "x",
        }, $"/lao/{_code}?handler=Override");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"override-error\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ProvinceQueue_ListsPendingFirst_AndDecidesThroughTheSamePath()
    {
        var lao = await TestHost.SignedInAsync(_host, _code, LaoPassword);
        var first = await SubmitAsync(lao, "o2", "https://www.example.go.th/exec.pdf", "เอกสารสแกน <script>alert(1)</script>");
        var second = await SubmitAsync(lao, "o2", "https://www.example.go.th/exec-2.pdf", "ฉบับใหม่");
        var officer = await TestHost.SignedInAsync(_host, "sing", OfficerPassword);
        var queueUrl = $"/province/{Uri.EscapeDataString("สิงห์บุรี")}/overrides";

        var decided = await TestHost.PostFormAsync(officer, queueUrl, Review(first, accept: false), queueUrl + "?handler=Review");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        var page = await officer.GetStringAsync(queueUrl);

        // Pending (the second) comes before the decided one, each with its LAO, item, link, reason, who and when.
        var pendingAt = page.IndexOf($"data-override=\"{second}\" data-status=\"pending\"", StringComparison.Ordinal);
        var decidedAt = page.IndexOf($"data-override=\"{first}\" data-status=\"rejected\"", StringComparison.Ordinal);
        Assert.True(pendingAt > 0 && decidedAt > pendingAt, "pending first, then decided");
        Assert.Contains($"href=\"/lao/{_code}?year=", page);
        Assert.Contains("href=\"https://www.example.go.th/exec-2.pdf\"", page);
        Assert.Contains("เอกสารสแกน &lt;script&gt;alert(1)&lt;/script&gt;", page);
        Assert.DoesNotContain("<script>alert(1)", page);
        Assert.Contains("ตรวจแล้ว", page);
        Assert.Matches(BuddhistEraDate(), page);
        Assert.Contains("Attestations of items the crawler missed", await officer.GetStringAsync(queueUrl + "?lang=en"));
        await officer.GetStringAsync(queueUrl + "?lang=th");

        var pendingOnly = await officer.GetStringAsync(queueUrl + "?status=pending");
        Assert.Contains($"data-override=\"{second}\"", pendingOnly);
        Assert.DoesNotContain($"data-override=\"{first}\"", pendingOnly);

        // The LAO page shows the province's decision made from the queue: one store, one audit trail.
        Assert.Contains($"data-override=\"{first}\" data-status=\"rejected\"", await lao.GetStringAsync($"/lao/{_code}"));
        await using var connection = await _host.Database.OpenAsync();
        var audit = (await connection.QueryAsync<(string Actor, string Action, string? Before, string? After)>(
            "SELECT actor, action, before_json, after_json FROM audit_log WHERE entity = 'override' AND entity_id = @id ORDER BY id",
                new { id = first })).ToList();
        Assert.Equal([(_code, "submit"), ("sing", "reject")], audit.Select(a => (a.Actor, a.Action)));
        Assert.Contains("\"status\":\"pending\"", audit[1].Before);
        Assert.Contains("\"status\":\"rejected\"", audit[1].After);
    }

    [Fact]
    public async Task ProvinceQueue_RefusesAnOverlongNote_WithAClearError_AndDecidesNothing()
    {
        var lao = await TestHost.SignedInAsync(_host, _code, LaoPassword);
        var id = await SubmitAsync(lao, "o2", "https://www.example.go.th/exec.pdf", "อ่านได้");
        var officer = await TestHost.SignedInAsync(_host, "sing", OfficerPassword);
        var queueUrl = $"/province/{Uri.EscapeDataString("สิงห์บุรี")}/overrides";

        var response = await TestHost.PostFormAsync(officer, queueUrl, new Dictionary<string, string>
        {
            ["id"] = id, ["accept"] = "true", ["note"] = new string('ก', 2001),
        }, queueUrl + "?handler=Review&status=nonsense");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"review-error\"", page);
        Assert.Contains($"data-override=\"{id}\" data-status=\"pending\"", page);
    }

    [Fact]
    public async Task ProvinceQueue_LinksOnlyHttpUrls()
    {
        await using (var connection = await _host.Database.OpenAsync())
        {
            // A row from before the URL rule (or written by hand): shown, never as a link.
            await connection.ExecuteAsync(
                """
                INSERT INTO overrides (dla_code, item_code, criteria_year, url, reason, status, created_by, created_at)
                VALUES (@code, 'o2', 2569, 'javascript:alert(document.cookie)', 'x', 'pending', @code, @now)
                """, new { code = _code, now = DateTime.UtcNow });
        }
        var officer = await TestHost.SignedInAsync(_host, "sing", OfficerPassword);

        var page = await officer.GetStringAsync($"/province/{Uri.EscapeDataString("สิงห์บุรี")}/overrides");

        Assert.Contains("javascript:alert(document.cookie)", page);
        Assert.DoesNotContain("href=\"javascript:", page);
    }

    [Fact]
    public async Task ReviewApi_DecidesWithinTheProvince_AndAnswersInJson()
    {
        var lao = await TestHost.SignedInAsync(_host, _code, LaoPassword);
        var id = await SubmitAsync(lao, "o2", "https://www.example.go.th/exec.pdf", "อ่านได้");
        var own = await _host.Tokens.CreateAsync("sing-overrides", Roles.Province, "สิงห์บุรี", null, [Access.OverridesScope], "test");
        var scansOnly = await _host.Tokens.CreateAsync("sing-scans", Roles.Province, "สิงห์บุรี", null, [Access.ScansScope], "test");
        var other = await _host.Tokens.CreateAsync("phichit-overrides", Roles.Province, "พิจิตร", null, [Access.OverridesScope], "test");
        var list = $"/api/provinces/{Uri.EscapeDataString("สิงห์บุรี")}/overrides";

        var listed = await _host.Api(own).GetAsync(list + "?status=pending");
        var badStatus = await _host.Api(own).GetAsync(list + "?status=maybe");
        var otherList = await _host.Api(other).GetAsync(list);
        var unscoped = await _host.Api(scansOnly).PostAsJsonAsync($"/api/overrides/{id}/review", new { accept = true });
        var otherReview = await _host.Api(other).PostAsJsonAsync($"/api/overrides/{id}/review", new { accept = true });
        var noDecision = await _host.Api(own).PostAsJsonAsync($"/api/overrides/{id}/review", new { note = "?" });
        var notJson = await _host.Api(own).PostAsync($"/api/overrides/{id}/review",
            new StringContent("accept=true", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        var unknown = await _host.Api(own).PostAsJsonAsync("/api/overrides/999999/review", new { accept = true });
        // Pages are cookie-only: a token posting the LAO page's review form is an anonymous visitor, sent to sign in.
        // (A client that keeps cookies, with the sign-in form's anti-forgery pair, so only the sign-in rule refuses.)
        var tokenBrowser = _host.Browser();
        tokenBrowser.DefaultRequestHeaders.Authorization = new("Bearer", own);
        var throughPage = await TestHost.PostFormAsync(tokenBrowser, "/account/login", new Dictionary<string,
            string> { ["id"] = id, ["accept"] = "true" }, $"/lao/{_code}?handler=Review");
        var accepted = await _host.Api(own).PostAsJsonAsync($"/api/overrides/{id}/review", new { accept = true, note = "ตรวจแล้ว" });

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        using (var doc = JsonDocument.Parse(await listed.Content.ReadAsStringAsync()))
        {
            var row = Assert.Single(doc.RootElement.GetProperty("items").EnumerateArray());
            Assert.Equal(id, row.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("อบต.โรงช้าง", row.GetProperty("laoName").GetString());
            Assert.Equal("pending", row.GetProperty("status").GetString());
        }
        foreach (var (response, status) in new[]
        {
            (badStatus, HttpStatusCode.BadRequest), (otherList, HttpStatusCode.Forbidden), (unscoped, HttpStatusCode.Forbidden),
            (otherReview, HttpStatusCode.Forbidden), (noDecision, HttpStatusCode.BadRequest),
            (notJson, HttpStatusCode.UnsupportedMediaType), (unknown, HttpStatusCode.NotFound),
        })
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal((int)status, error.RootElement.GetProperty("status").GetInt32());
            Assert.Contains(" / ", error.RootElement.GetProperty("title").GetString());
        }
        Assert.Contains("/account/login", throughPage.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        using (var doc = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()))
        {
            Assert.Equal("accepted", doc.RootElement.GetProperty("status").GetString());
            Assert.Equal("token:sing-overrides", doc.RootElement.GetProperty("reviewedBy").GetString());
        }
        Assert.Contains("data-attested=\"o2\"", await _host.Browser().GetStringAsync($"/lao/{_code}"));
        await using var connection = await _host.Database.OpenAsync();
        Assert.Equal(["submit", "accept"], await connection.QueryAsync<string>(
            "SELECT action FROM audit_log WHERE entity = 'override' AND entity_id = @id ORDER BY id", new { id }));
    }

    private async Task<string> SubmitAsync(HttpClient lao, string item, string url, string reason)
    {
        var before = OverrideId().Matches(await lao.GetStringAsync($"/lao/{_code}")).Select(m => m.Groups[1].Value).ToHashSet();
        var submitted = await TestHost.PostFormAsync(lao, $"/lao/{_code}", new Dictionary<string, string>
        {
            ["itemCode"] = item, ["url"] = url, ["reason"] = reason,
        }, $"/lao/{_code}?handler=Override");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        return Assert.Single(OverrideId().Matches(await lao.GetStringAsync($"/lao/{_code}")).Select(m => m.Groups[1].Value),
            id => !before.Contains(id));
    }

    [GeneratedRegex(@"\d{1,2} (ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\.) 25\d\d \d\d:\d\d")]
    private static partial Regex BuddhistEraDate();

    private static Dictionary<string, string> Review(string id, bool accept) =>
        new() { ["id"] = id, ["accept"] = accept ? "true" : "false", ["note"] = "ตรวจแล้ว" };

    [GeneratedRegex("data-override=\"(\\d+)\"")]
    private static partial Regex OverrideId();

    // o2 (review, 0) becomes a pass: indicator 9 of the test data then averages 100 instead of 50, so OIT moves by 50.
    [GeneratedRegex("id=\"oit-attested\">100.0</div>")]
    private static partial Regex AttestedScore();
}
