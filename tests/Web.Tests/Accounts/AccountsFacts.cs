using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using PlanNacc.Web.Cli;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Registry;

namespace PlanNacc.Web.Tests.Accounts;

/// <summary>Roles, first login by activation code, lock-out, cookies, anti-forgery, /hangfire and POST /api/scans, through the real
/// pipeline.</summary>
[Collection(HangfireHosts.Name)]
public sealed partial class AccountsFacts : IAsyncLifetime
{
    private const string AdminPassword = "admin-password-0001";
    private const string OfficerPassword = "officer-password-01";
    private TestHost _host = null!;
    private string _laoCode = "";
    private string _otherCode = "";

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        _laoCode = TestData.NewCode();
        _otherCode = TestData.NewCode();
        await new LaoStore(_host.Database).UpsertAsync(
            [TestData.Lao(_laoCode), TestData.Lao(_otherCode, "บึงนาราง") with { Province = "พิจิตร" }], "test");
        await _host.Accounts.CreateUserAsync("root", Roles.Admin, null, null, AdminPassword, "test");
        await _host.Accounts.CreateUserAsync("sing", Roles.Province, "สิงห์บุรี", null, OfficerPassword, "test");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Activate_SignsInOnlyWithNewPassword_AndTheCodeWorksOnce()
    {
        var code = await IssueCodeAsOfficerAsync(_laoCode);
        var lao = _host.Browser();

        var codeAlone = await TestHost.PostFormAsync(lao, "/account/activate", Activation(_laoCode, code, ""));
        var weak = await TestHost.PostFormAsync(lao, "/account/activate", Activation(_laoCode, code, "short"));
        var wrongCode = await TestHost.PostFormAsync(lao, "/account/activate", Activation(_laoCode, "WRONGCODE123", "lao-password-0001"));
        Assert.Equal(HttpStatusCode.BadRequest, codeAlone.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongCode.StatusCode);
        Assert.False(codeAlone.Headers.Contains("Set-Cookie")
            && codeAlone.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("plannacc_auth", StringComparison.Ordinal)));
        Assert.DoesNotContain("id=\"signed-in-as\"", await lao.GetStringAsync("/"));

        var activated = await TestHost.PostFormAsync(lao, "/account/activate", Activation(_laoCode, code, "lao-password-0001"));
        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);
        Assert.Equal($"/lao/{_laoCode}", activated.Headers.Location?.OriginalString);
        var cookie = Assert.Single(activated.Headers.GetValues("Set-Cookie"), c
            => c.StartsWith("plannacc_auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("id=\"scan-now\"", await lao.GetStringAsync($"/lao/{_laoCode}"));

        var again = await TestHost.PostFormAsync(_host.Browser(), "/account/activate", Activation(_laoCode, code, "another-password-1"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        await TestHost.SignedInAsync(_host, _laoCode, "lao-password-0001");
    }

    [Fact]
    public async Task Activate_BurnsTheCode_AfterRepeatedWrongCodes()
    {
        var code = await IssueCodeAsOfficerAsync(_laoCode);
        var client = _host.Browser();
        for (var i = 0; i < 5; i++)
        {
            await TestHost.PostFormAsync(client, "/account/activate", Activation(_laoCode, $"WRONG{i}", "lao-password-0001"));
        }

        var right = await TestHost.PostFormAsync(client, "/account/activate", Activation(_laoCode, code, "lao-password-0001"));

        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
    }

    [Fact]
    public async Task Login_LocksOut_AfterRepeatedFailures()
    {
        var client = _host.Browser();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await TestHost.PostFormAsync(client, "/account/login", Login("sing", "not-the-password"));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var right = await TestHost.PostFormAsync(client, "/account/login", Login("sing", OfficerPassword));

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("ถูกระงับชั่วคราว", await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_Refused_WithoutAntiforgeryToken()
    {
        var response = await _host.Browser().PostAsync("/account/login", new FormUrlEncodedContent(Login("root", AdminPassword)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AuthCookie_IsSecure_WhenServedOverHttps()
    {
        var client = _host.Browser(https: true);

        var response = await TestHost.PostFormAsync(client, "/account/login", Login("root", AdminPassword));

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("plannacc_auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        var form = await _host.Browser(https: true).GetAsync("/account/login");
        var antiforgery = Assert.Single(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith("plannacc_af=", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ActivationCode_ProvinceOfficerCannotIssue_ForAnotherProvince()
    {
        var officer = await TestHost.SignedInAsync(_host, "sing", OfficerPassword);

        var response = await TestHost.PostFormAsync(officer, "/account/codes", new Dictionary<string, string> { ["DlaCode"] = _otherCode });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location?.AbsolutePath ?? response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ActivationCodes_AndUsers_AreClosedToLaoOfficers()
    {
        var code = await IssueCodeAsOfficerAsync(_laoCode);
        var lao = _host.Browser();
        await TestHost.PostFormAsync(lao, "/account/activate", Activation(_laoCode, code, "lao-password-0001"));

        var codes = await lao.GetAsync("/account/codes");
        var users = await lao.GetAsync("/admin/users");
        var anonymousUsers = await _host.Browser().GetAsync("/admin/users");

        Assert.Contains("/account/denied", codes.Headers.Location?.OriginalString);
        Assert.Contains("/account/denied", users.Headers.Location?.OriginalString);
        Assert.Contains("/account/login", anonymousUsers.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AdminUsers_AddsProvinceOfficer_WhoCanSignIn()
    {
        var admin = await TestHost.SignedInAsync(_host, "root", AdminPassword);

        var response = await TestHost.PostFormAsync(admin, "/admin/users", new Dictionary<string, string>
        {
            ["Username"] = "phichit", ["Role"] = "province", ["Province"] = "พิจิตร", ["Password"] = "phichit-password-1",
        }, "/admin/users?handler=User");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<td>phichit</td>", await response.Content.ReadAsStringAsync());
        await TestHost.SignedInAsync(_host, "phichit", "phichit-password-1");
    }

    [Fact]
    public async Task JobDashboard_OpensForAdminsOnly()
    {
        var anonymous = await _host.Browser().GetAsync("/hangfire");
        var officer = await (await TestHost.SignedInAsync(_host, "sing", OfficerPassword)).GetAsync("/hangfire");
        var admin = await (await TestHost.SignedInAsync(_host, "root", AdminPassword)).GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, officer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task ApiScans_NeedsLoginOrScopedToken_WithinItsReach()
    {
        var provinceToken = await _host.Tokens.CreateAsync("sing-bot", Roles.Province, "สิงห์บุรี", null, [Access.ScansScope], "test");
        var noScope = await _host.Tokens.CreateAsync("reader", Roles.Admin, null, null, [], "test");

        var anonymous = await _host.Api().PostAsJsonAsync("/api/scans", new { dlaCode = _laoCode });
        var badToken = await _host.Api("pn_not-a-token").PostAsJsonAsync("/api/scans", new { dlaCode = _laoCode });
        var unscoped = await _host.Api(noScope).PostAsJsonAsync("/api/scans", new { dlaCode = _laoCode });
        var otherProvince = await _host.Api(provinceToken).PostAsJsonAsync("/api/scans", new { dlaCode = _otherCode });
        var own = await _host.Api(provinceToken).PostAsJsonAsync("/api/scans", new { url = "https://www.example.go.th/" });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unscoped.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherProvince.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, own.StatusCode);
        using var body = JsonDocument.Parse(await own.Content.ReadAsStringAsync());
        var runId = body.RootElement.GetProperty("runId").GetInt64();
        using var run = JsonDocument.Parse(await _host.Api().GetStringAsync($"/api/runs/{runId}"));
        Assert.Equal(1, run.RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ScanNow_StartsRun_ForTheLaosProvinceOnly()
    {
        var officer = await TestHost.SignedInAsync(_host, "sing", OfficerPassword);

        var own = await TestHost.PostFormAsync(officer, $"/lao/{_laoCode}", new Dictionary<string, string>(),
            $"/lao/{_laoCode}?handler=Scan");
        // No scan button on those pages: the token comes from the sign-in form, as a crafted post would get it.
        var other = await TestHost.PostFormAsync(officer, "/account/login", new Dictionary<string, string>(),
            $"/lao/{_otherCode}?handler=Scan");
        var anonymous = await TestHost.PostFormAsync(_host.Browser(), "/account/login", new Dictionary<string, string>(),
            $"/lao/{_laoCode}?handler=Scan");

        Assert.Matches(RunRedirect(), own.Headers.Location?.OriginalString ?? "");
        Assert.Contains("/account/denied", other.Headers.Location?.OriginalString);
        Assert.Contains("/account/login", anonymous.Headers.Location?.OriginalString);
        Assert.DoesNotContain("id=\"scan-now\"", await officer.GetStringAsync($"/lao/{_otherCode}"));
    }

    [Fact]
    public async Task AddAdmin_CreatesAdmin_FromPasswordOnStdin()
    {
        var services = _host.App.Services;
        var cli = new CliArgs("add-admin", ["Boss"], new Dictionary<string, List<string>>());
        var output = new StringWriter();

        var exit = await AddAdminCommand.RunAsync(services, cli, new StringReader("boss-password-0001\n"), output);
        var weak = await Assert.ThrowsAsync<CliFailure>(()
            => AddAdminCommand.RunAsync(services, cli, new StringReader("short\n"), TextWriter.Null));
        var notAdmin = await Assert.ThrowsAsync<CliFailure>(() =>
            AddAdminCommand.RunAsync(services, cli with { Positionals = ["sing"] }, new StringReader("new-password-00001\n"),
                TextWriter.Null));

        Assert.Equal(CommandLine.Ok, exit);
        Assert.Contains("admin boss created", output.ToString());
        Assert.Equal(CommandLine.Refused, weak.ExitCode);
        Assert.Equal(CommandLine.Refused, notAdmin.ExitCode);
        var admin = await TestHost.SignedInAsync(_host, "boss", "boss-password-0001");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task DisabledUser_LosesCookieAndTokens_AndCannotSignIn_UntilEnabled()
    {
        var officer = await TestHost.SignedInAsync(_host, "sing", OfficerPassword);
        var token = await _host.Tokens.CreateAsync("sing-script", Roles.Admin, null, null, [Access.ScansScope], "test", owner: "sing");
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/account/codes")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted,
            (await _host.Api(token).PostAsJsonAsync("/api/scans", new { dlaCode = _laoCode })).StatusCode);
        // The token took its holder's reach (province), not the role typed beside it.
        Assert.Equal(HttpStatusCode.Forbidden,
            (await _host.Api(token).PostAsJsonAsync("/api/scans", new { dlaCode = _otherCode })).StatusCode);
        var admin = await TestHost.SignedInAsync(_host, "root", AdminPassword);

        var disabled = await TestHost.PostFormAsync(admin, "/admin/users", new Dictionary<string, string> { ["user"] = "sing" },
            "/admin/users?handler=Disable");

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Contains("data-user=\"sing\" data-disabled=\"true\"", await disabled.Content.ReadAsStringAsync());
        var oldCookie = await officer.GetAsync("/account/codes");
        Assert.Equal(HttpStatusCode.Redirect, oldCookie.StatusCode);
        Assert.Contains("/account/login", oldCookie.Headers.Location?.OriginalString);
        Assert.DoesNotContain("id=\"signed-in-as\"", await officer.GetStringAsync("/"));
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await _host.Api(token).PostAsJsonAsync("/api/scans", new { dlaCode = _laoCode })).StatusCode);
        var login = await TestHost.PostFormAsync(_host.Browser(), "/account/login", Login("sing", OfficerPassword));
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Contains("ปิดใช้งาน", await login.Content.ReadAsStringAsync());

        var enabled = await TestHost.PostFormAsync(admin, "/admin/users", new Dictionary<string, string> { ["user"] = "sing" },
            "/admin/users?handler=Enable");

        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        await TestHost.SignedInAsync(_host, "sing", OfficerPassword);
        Assert.Equal(HttpStatusCode.Accepted,
            (await _host.Api(token).PostAsJsonAsync("/api/scans", new { dlaCode = _laoCode })).StatusCode);
        // A session from before the disabling stays over: re-enabling gives a fresh start, not the old cookies back.
        Assert.Equal(HttpStatusCode.Redirect, (await officer.GetAsync("/account/codes")).StatusCode);
        await using var connection = await _host.Database.OpenAsync();
        var audit = (await connection.QueryAsync<(string Actor, string Action, string Before, string After)>(
            "SELECT actor, action, before_json, after_json FROM audit_log "
            + "WHERE entity = 'user' AND entity_id = 'sing' AND action IN ('disable', 'enable') ORDER BY id")).ToList();
        Assert.Equal([("root", "disable"), ("root", "enable")], audit.Select(a => (a.Actor, a.Action)));
        Assert.Contains("\"disabled\":false", audit[0].Before);
        Assert.Contains("\"disabled\":true", audit[0].After);
    }

    [Fact]
    public async Task AdminCannotDisableThemselves()
    {
        var admin = await TestHost.SignedInAsync(_host, "root", AdminPassword);

        var response = await TestHost.PostFormAsync(admin, "/admin/users", new Dictionary<string, string> { ["user"] = "root" },
            "/admin/users?handler=Disable");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"message\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task DisabledLao_CannotComeBackThroughAnActivationCode()
    {
        var first = await IssueCodeAsOfficerAsync(_laoCode);
        await TestHost.PostFormAsync(_host.Browser(), "/account/activate", Activation(_laoCode, first, "lao-password-0001"));
        await _host.Accounts.SetDisabledAsync(_laoCode, disabled: true, "root");
        // Once an LAO has an account only an admin issues it a code (a reset).
        var second = await _host.Codes.IssueAsync(_laoCode, "root", actorIsAdmin: true);

        var activated = await TestHost.PostFormAsync(_host.Browser(), "/account/activate",
            Activation(_laoCode, second, "lao-password-0002"));

        Assert.Equal(HttpStatusCode.BadRequest, activated.StatusCode);
        Assert.Contains("ถูกปิดใช้งานโดยผู้ดูแลระบบ", await activated.Content.ReadAsStringAsync());
        var login = await TestHost.PostFormAsync(_host.Browser(), "/account/login", Login(_laoCode, "lao-password-0002"));
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);

        // The refused activation did not spend the code: once enabled again, the LAO uses it.
        await _host.Accounts.SetDisabledAsync(_laoCode, disabled: false, "root");
        var later = await TestHost.PostFormAsync(_host.Browser(), "/account/activate", Activation(_laoCode, second, "lao-password-0002"));
        Assert.Contains("id=\"activate-done\"", await later.Content.ReadAsStringAsync());
        await TestHost.SignedInAsync(_host, _laoCode, "lao-password-0002");
    }

    [Fact]
    public async Task RevokedToken_IsRefusedByApiScans_AndTheRevocationIsAudited()
    {
        var admin = await TestHost.SignedInAsync(_host, "root", AdminPassword);
        var issued = await TestHost.PostFormAsync(admin, "/admin/users", new Dictionary<string, string>
        {
            ["TokenName"] = "sing-nightly", ["Scopes"] = "scans", ["Role"] = "province", ["Province"] = "สิงห์บุรี",
        }, "/admin/users?handler=Token");
        var html = await issued.Content.ReadAsStringAsync();
        var token = IssuedToken().Match(html).Groups[1].Value;
        var id = TokenRow().Match(html).Groups[1].Value;
        Assert.Equal(HttpStatusCode.Accepted,
            (await _host.Api(token).PostAsJsonAsync("/api/scans", new { dlaCode = _laoCode })).StatusCode);

        var revoked = await TestHost.PostFormAsync(admin, "/admin/users", new Dictionary<string, string> { ["tokenId"] = id },
            "/admin/users?handler=Revoke");
        var again = await TestHost.PostFormAsync(admin, "/admin/users", new Dictionary<string, string> { ["tokenId"] = id },
            "/admin/users?handler=Revoke");

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Contains($"data-token=\"{id}\" data-revoked=\"true\"", await revoked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var refused = await _host.Api(token).PostAsJsonAsync("/api/scans", new { dlaCode = _laoCode });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        await using var connection = await _host.Database.OpenAsync();
        var audit = (await connection.QueryAsync<(string Actor, string Action, string? Before, string? After)>(
            "SELECT actor, action, before_json, after_json FROM audit_log "
            + "WHERE entity = 'api-token' AND entity_id = 'sing-nightly' ORDER BY id")).ToList();
        Assert.Equal([("root", "create"), ("root", "revoke")], audit.Select(a => (a.Actor, a.Action)));
        Assert.Contains("\"revokedAt\":null", audit[1].Before);
        Assert.DoesNotContain("\"revokedAt\":null", audit[1].After);
    }

    [Fact]
    public async Task AdminUsers_IssuesPlansTokens_WhichReadPlansButCannotScan()
    {
        var admin = await TestHost.SignedInAsync(_host, "root", AdminPassword);
        var form = await admin.GetStringAsync("/admin/users");
        Assert.Contains("name=\"Scopes\" value=\"plans\"", form);

        var issued = await TestHost.PostFormAsync(admin, "/admin/users", new Dictionary<string, string>
        {
            ["TokenName"] = "sing-plans", ["Scopes"] = "plans", ["Role"] = "province", ["Province"] = "สิงห์บุรี",
        }, "/admin/users?handler=Token");
        var none = await TestHost.PostFormAsync(admin, "/admin/users", new Dictionary<string, string>
        {
            ["TokenName"] = "no-scope", ["Role"] = "admin",
        }, "/admin/users?handler=Token");
        var token = IssuedToken().Match(await issued.Content.ReadAsStringAsync()).Groups[1].Value;

        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await _host.Api(token).GetAsync($"/api/provinces/{Uri.EscapeDataString("สิงห์บุรี")}/reporting")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await _host.Api(token).GetAsync($"/api/provinces/{Uri.EscapeDataString("พิจิตร")}/reporting")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await _host.Api(token).PostAsJsonAsync("/api/scans", new { dlaCode = _laoCode })).StatusCode);
        Assert.Equal(PlanNacc.Web.Features.Plans.PlanAccess.Scope, Access.PlansScope);
    }

    [Fact]
    public async Task AccountPages_SpeakEnglish_WhenAskedTo()
    {
        var officer = await TestHost.SignedInAsync(_host, "sing", OfficerPassword);
        var admin = await TestHost.SignedInAsync(_host, "root", AdminPassword);
        var lao = _host.Browser();
        var pages = new (HttpClient Client, string Url, string English, string Thai)[]
        {
            (_host.Browser(), "/account/login", "<h1>Sign in</h1>", "<h1>เข้าสู่ระบบ</h1>"),
            (_host.Browser(), "/account/activate", "<h1>Activate an LAO account</h1>", "<h1>เปิดใช้งานบัญชี อปท.</h1>"),
            (officer, "/account/codes", "<h1>Issue an LAO&#x27;s activation code</h1>", "<h1>ออกรหัสเปิดใช้งานให้ อปท.</h1>"),
            (admin, "/admin/users", "<h1>Users and API tokens</h1>", "<h1>ผู้ใช้และโทเค็น API</h1>"),
            (_host.Browser(), "/account/denied", "<h1>Not allowed</h1>", "<h1>ไม่มีสิทธิ์เข้าถึง</h1>"),
        };

        foreach (var (client, url, english, thai) in pages)
        {
            var en = await client.GetAsync(url + "?lang=en");
            Assert.Contains(english, await en.Content.ReadAsStringAsync());
            Assert.Contains("lang=\"en\"", await en.Content.ReadAsStringAsync());
            // The choice is kept by the cookie, and ?lang=th switches back.
            Assert.Contains(english, await (await client.GetAsync(url)).Content.ReadAsStringAsync());
            Assert.Contains(thai, await (await client.GetAsync(url + "?lang=th")).Content.ReadAsStringAsync());
        }
        var wrong = await _host.Browser().GetAsync("/account/login?lang=en");
        var form = await TestHost.PostFormAsync(lao, "/account/login?lang=en", Login("sing", "not-the-password"), "/account/login");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Wrong user name or password", await form.Content.ReadAsStringAsync());
    }

    private async Task<string> IssueCodeAsOfficerAsync(string dlaCode)
    {
        var officer = await TestHost.SignedInAsync(_host, "sing", OfficerPassword);
        var response = await TestHost.PostFormAsync(officer, "/account/codes", new Dictionary<string, string> { ["DlaCode"] = dlaCode });
        var match = IssuedCode().Match(await response.Content.ReadAsStringAsync());
        Assert.True(match.Success, "no activation code on the page");
        return match.Groups[1].Value;
    }

    private static Dictionary<string, string> Activation(string dlaCode, string code, string password) =>
        new() { ["DlaCode"] = dlaCode, ["Code"] = code, ["Password"] = password, ["Confirm"] = password };

    private static Dictionary<string, string> Login(string username, string password) =>
        new() { ["Username"] = username, ["Password"] = password };

    [GeneratedRegex("id=\"activation-code\">([A-Z0-9]+)<")]
    private static partial Regex IssuedCode();

    [GeneratedRegex("id=\"issued-token\">[^<]*<code>(pn_[A-Za-z0-9_-]+)</code>")]
    private static partial Regex IssuedToken();

    [GeneratedRegex("data-token=\"(\\d+)\" data-revoked=\"false\"")]
    private static partial Regex TokenRow();

    [GeneratedRegex(@"^/lao/\d{7}\?run=\d+$")]
    private static partial Regex RunRedirect();
}

/// <summary>With public read off, everything but sign-in and /health needs a login.</summary>
[Collection(HangfireHosts.Name)]
public sealed class PrivateReadFacts
{
    [Fact]
    public async Task Pages_NeedLogin_WhenPublicReadIsOff()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Accounts:PublicRead"] = "false" });
        var client = host.Browser();

        var home = await client.GetAsync("/");
        var api = await host.Api().GetAsync("/api/laos");
        var login = await client.GetAsync("/account/login");
        var health = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Contains("/account/login", home.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Pages_AreOpen_WhenPublicReadIsOn()
    {
        await using var host = await TestHost.StartAsync();

        var home = await host.Browser().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }
}
