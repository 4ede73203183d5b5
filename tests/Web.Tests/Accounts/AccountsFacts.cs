using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using PlanNacc.Web.Cli;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Registry;

namespace PlanNacc.Web.Tests.Accounts;

/// <summary>Roles, first login by activation code, lock-out, cookies, anti-forgery, /hangfire and POST /api/scans, through the real pipeline.</summary>
[Collection(Pages.HangfireHosts.Name)]
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
        Assert.False(codeAlone.Headers.Contains("Set-Cookie") && codeAlone.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("plannacc_auth", StringComparison.Ordinal)));
        Assert.DoesNotContain("id=\"signed-in-as\"", await lao.GetStringAsync("/"));

        var activated = await TestHost.PostFormAsync(lao, "/account/activate", Activation(_laoCode, code, "lao-password-0001"));
        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);
        Assert.Equal($"/lao/{_laoCode}", activated.Headers.Location?.OriginalString);
        var cookie = Assert.Single(activated.Headers.GetValues("Set-Cookie"), c => c.StartsWith("plannacc_auth=", StringComparison.Ordinal));
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
        var provinceToken = await _host.Accounts.CreateApiTokenAsync("sing-bot", Roles.Province, "สิงห์บุรี", null, [Access.ScansScope], "test");
        var noScope = await _host.Accounts.CreateApiTokenAsync("reader", Roles.Admin, null, null, [], "test");

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

        var own = await TestHost.PostFormAsync(officer, $"/lao/{_laoCode}", new Dictionary<string, string>(), $"/lao/{_laoCode}?handler=Scan");
        // No scan button on those pages: the token comes from the sign-in form, as a crafted post would get it.
        var other = await TestHost.PostFormAsync(officer, "/account/login", new Dictionary<string, string>(), $"/lao/{_otherCode}?handler=Scan");
        var anonymous = await TestHost.PostFormAsync(_host.Browser(), "/account/login", new Dictionary<string, string>(), $"/lao/{_laoCode}?handler=Scan");

        Assert.Matches(RunRedirect(), own.Headers.Location?.OriginalString ?? "");
        Assert.Contains("/account/denied", other.Headers.Location?.OriginalString);
        Assert.Contains("/account/login", anonymous.Headers.Location?.OriginalString);
        Assert.DoesNotContain("id=\"scan-now\"", await officer.GetStringAsync($"/lao/{_otherCode}"));
    }

    [Fact]
    public async Task AddAdmin_CreatesAdmin_FromPasswordOnStdin()
    {
        var overrides = new Dictionary<string, string?> { ["Storage:DataDir"] = _host.DataDir };
        var cli = new CliArgs("add-admin", ["Boss"], new Dictionary<string, List<string>>());
        var output = new StringWriter();

        var exit = await AddAdminCommand.RunAsync(cli, overrides, new StringReader("boss-password-0001\n"), output);
        var weak = await Assert.ThrowsAsync<CliFailure>(() => AddAdminCommand.RunAsync(cli, overrides, new StringReader("short\n"), TextWriter.Null));
        var notAdmin = await Assert.ThrowsAsync<CliFailure>(() =>
            AddAdminCommand.RunAsync(cli with { Positionals = ["sing"] }, overrides, new StringReader("new-password-00001\n"), TextWriter.Null));

        Assert.Equal(CommandLine.Ok, exit);
        Assert.Contains("admin boss created", output.ToString());
        Assert.Equal(CommandLine.Refused, weak.ExitCode);
        Assert.Equal(CommandLine.Refused, notAdmin.ExitCode);
        var admin = await TestHost.SignedInAsync(_host, "boss", "boss-password-0001");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
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

    [GeneratedRegex(@"^/lao/\d{7}\?run=\d+$")]
    private static partial Regex RunRedirect();
}

/// <summary>With public read off, everything but sign-in and /health needs a login.</summary>
[Collection(Pages.HangfireHosts.Name)]
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
