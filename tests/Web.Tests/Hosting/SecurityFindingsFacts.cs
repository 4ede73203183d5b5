using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dapper;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Tests.Accounts;

namespace PlanNacc.Web.Tests.Hosting;

/// <summary>The security probe's findings on accounts and sessions (issue 15), each as the probe reproduced it.</summary>
[Collection(HangfireHosts.Name)]
public sealed partial class SecurityFindingsFacts : IAsyncLifetime
{
    private const string Password = "finding-password-01";
    private TestHost _host = null!;
    private string _lao = "";

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Accounts:SignInAttemptsPerMinute"] = "1000" });
        _lao = TestData.NewCode();
        await new LaoStore(_host.Database).UpsertAsync([TestData.Lao(_lao)], "test");
        await _host.Accounts.CreateUserAsync("root", Roles.Admin, null, null, Password, "test");
        await _host.Accounts.CreateUserAsync("sing", Roles.Province, "สิงห์บุรี", null, Password, "test");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Finding 1: an admin-role token of any scope fetched /admin/users' anti-forgery pair and created an admin.</summary>
    [Fact]
    public async Task Pages_IgnoreBearerTokens_SoATokenCannotPostAdminForms()
    {
        var token = await _host.Tokens.CreateAsync("reader", Roles.Admin, null, null, [Access.PlansScope], "test");
        var laoToken = await _host.Tokens.CreateAsync("lao-bot", Roles.Lao, null, _lao, [Access.ScansScope, Access.OverridesScope], "test");
        var bearer = _host.Browser();
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var laoBearer = _host.Browser();
        laoBearer.DefaultRequestHeaders.Authorization = new("Bearer", laoToken);

        var adminPage = await bearer.GetAsync("/admin/users");
        var hangfire = await bearer.GetAsync("/hangfire");
        var laoPage = await laoBearer.GetStringAsync($"/lao/{_lao}");
        var api = await _host.Api(laoToken).PostAsJsonAsync("/api/scans", new { dlaCode = _lao });

        Assert.Equal(HttpStatusCode.Redirect, adminPage.StatusCode);
        Assert.StartsWith("/account/login", adminPage.Headers.Location?.AbsolutePath ?? adminPage.Headers.Location?.OriginalString);
        Assert.NotEqual(HttpStatusCode.OK, hangfire.StatusCode);
        Assert.DoesNotContain("id=\"scan-now\"", laoPage);
        Assert.DoesNotContain("id=\"signed-in-as\"", laoPage);
        // The same token still works where tokens belong: /api, with its scopes.
        Assert.Equal(HttpStatusCode.Accepted, api.StatusCode);
    }

    /// <summary>Finding 4: 40 parallel guesses, 30 wrong, checked 30 wrong passwords and signed the right one in.</summary>
    [Fact]
    public async Task Login_ParallelGuesses_CannotOutrunTheLockOut()
    {
        var guesses = Enumerable.Range(0, 30).Select(i => $"wrong-password-{i:00}").Append(Password).ToList();

        var results = await Task.WhenAll(guesses.Select(g => _host.Accounts.SignInAsync("sing", g)));

        Assert.True(results.Count(r => r.Outcome != LoginOutcome.LockedOut) <= 5,
            $"{results.Count(r => r.Outcome != LoginOutcome.LockedOut)} passwords were checked");
        var user = await _host.Accounts.FindAsync("sing");
        Assert.NotNull(user!.LockedUntil);
        Assert.Equal(LoginOutcome.LockedOut, (await _host.Accounts.SignInAsync("sing", Password)).Outcome);
    }

    /// <summary>Finding 4: sign-in and activation posts are limited per client address (429 past the limit).</summary>
    [Fact]
    public async Task LoginAndActivate_AreRateLimitedPerAddress()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Accounts:SignInAttemptsPerMinute"] = "3" });
        var client = host.Browser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await TestHost.PostFormAsync(client, "/account/login", Login("nobody", "wrong-password-00"))).StatusCode);
        }

        var limited = await TestHost.PostFormAsync(client, "/account/activate", new Dictionary<string, string>
        {
            ["DlaCode"] = _lao, ["Code"] = "ABCDEFGHJKMN", ["Password"] = "lao-password-0001", ["Confirm"] = "lao-password-0001",
        });

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }

    /// <summary>Finding 8: on-demand scans were unlimited.</summary>
    [Fact]
    public async Task OnDemandScans_AreLimitedPerUserOrToken()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Accounts:OnDemandScansPerHour"] = "2" });
        var code = TestData.NewCode();
        await new LaoStore(host.Database).UpsertAsync([TestData.Lao(code, "ทองเอน")], "test");
        var token = await host.Tokens.CreateAsync("scanner", Roles.Province, "สิงห์บุรี", null, [Access.ScansScope], "test");
        var other = await host.Tokens.CreateAsync("other", Roles.Province, "สิงห์บุรี", null, [Access.ScansScope], "test");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await host.Api(token).PostAsJsonAsync("/api/scans", new { dlaCode = code })).StatusCode);
        }
        var otherToken = await host.Api(other).PostAsJsonAsync("/api/scans", new { dlaCode = code });

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.Accepted, otherToken.StatusCode);
    }

    /// <summary>Finding 8: a locked account answered differently from an unknown name, telling which names exist.</summary>
    [Fact]
    public async Task Login_LockedAccount_AnswersAsAnUnknownNameDoes()
    {
        var client = _host.Browser();
        for (var i = 0; i < 5; i++)
        {
            await TestHost.PostFormAsync(client, "/account/login", Login("sing", "wrong-password-00"));
        }

        var locked = await TestHost.PostFormAsync(client, "/account/login", Login("sing", "wrong-password-00"));
        var unknown = await TestHost.PostFormAsync(client, "/account/login", Login("nobody-here", "wrong-password-00"));

        Assert.Equal(unknown.StatusCode, locked.StatusCode);
        Assert.Equal(ErrorText(await unknown.Content.ReadAsStringAsync()), ErrorText(await locked.Content.ReadAsStringAsync()));
    }

    /// <summary>Finding 6: a cookie kept from before sign-out still worked after it.</summary>
    [Fact]
    public async Task SignOut_EndsTheSession_EvenForACopiedCookie()
    {
        var officer = await TestHost.SignedInAsync(_host, "sing", Password);
        var copy = await CookieAsync(officer);
        await TestHost.PostFormAsync(officer, "/", new Dictionary<string, string>(), "/account/logout");

        Assert.False(await SignedInWithAsync(copy));
    }

    /// <summary>Finding 6: sessions survived a password reset by `add-admin` and by an activation code.</summary>
    [Fact]
    public async Task PasswordReset_EndsEverySession()
    {
        var admin = await TestHost.SignedInAsync(_host, "root", Password);
        var adminCookie = await CookieAsync(admin);
        var code = await _host.Codes.IssueAsync(_lao, "sing");
        Assert.Equal(ActivationOutcome.Ok, (await _host.Codes.ActivateAsync(_lao, code, Password)).Outcome);
        var lao = await TestHost.SignedInAsync(_host, _lao, Password);
        var laoCookie = await CookieAsync(lao);
        Assert.True(await SignedInWithAsync(adminCookie));
        Assert.True(await SignedInWithAsync(laoCookie));

        await _host.Accounts.AddOrResetAdminAsync("root", "a-new-admin-password", "cli");
        var reset = await _host.Codes.IssueAsync(_lao, "root", actorIsAdmin: true);
        Assert.Equal(ActivationOutcome.PasswordReset, (await _host.Codes.ActivateAsync(_lao, reset, "a-new-lao-password")).Outcome);

        Assert.False(await SignedInWithAsync(adminCookie));
        Assert.False(await SignedInWithAsync(laoCookie));
    }

    /// <summary>Finding 7: an officer issued a code to an LAO with a password, activated it and was signed in as the LAO.</summary>
    [Fact]
    public async Task Officer_CannotTakeOverAnActivatedLao_WithACodeTheyIssue()
    {
        var first = await _host.Codes.IssueAsync(_lao, "sing");
        Assert.Equal(ActivationOutcome.Ok, (await _host.Codes.ActivateAsync(_lao, first, Password)).Outcome);
        var officer = await TestHost.SignedInAsync(_host, "sing", Password);

        var issued = await TestHost.PostFormAsync(officer, "/account/codes", new Dictionary<string, string> { ["DlaCode"] = _lao });
        var admin = await TestHost.SignedInAsync(_host, "root", Password);
        var byAdmin = await TestHost.PostFormAsync(admin, "/account/codes", new Dictionary<string, string> { ["DlaCode"] = _lao });
        var code = ActivationCode().Match(await byAdmin.Content.ReadAsStringAsync()).Groups[1].Value;
        var holder = _host.Browser();
        var reset = await TestHost.PostFormAsync(holder, "/account/activate", new Dictionary<string, string>
        {
            ["DlaCode"] = _lao, ["Code"] = code, ["Password"] = "holder-password-01", ["Confirm"] = "holder-password-01",
        });

        Assert.Equal(HttpStatusCode.Conflict, issued.StatusCode);
        Assert.DoesNotContain("id=\"activation-code\"", await issued.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.False(reset.Headers.TryGetValues("Set-Cookie", out var cookies)
            && cookies.Any(c => c.StartsWith("plannacc_auth=", StringComparison.Ordinal)));
        Assert.Contains("id=\"activate-done\"", await reset.Content.ReadAsStringAsync());
    }

    /// <summary>Finding 7: a province officer attested an item for an LAO of theirs and accepted it themselves.</summary>
    [Fact]
    public async Task Attestation_IsDecidedBySomeoneOtherThanItsAuthor()
    {
        var run = await new RunStore(_host.Database).CreateAsync("nightly", "all", 2569, 1);
        await new ScanStore(_host.Database).SaveAsync(TestData.Result(run, _lao,
            [TestData.Item(
                "o2", VerdictStatus.Review, "ข้อมูลผู้บริหาร", TestData.Evidence("https://www.example.go.th/exec", "ผู้บริหาร"))]));
        var officer = await TestHost.SignedInAsync(_host, "sing", Password);
        var submitted = await TestHost.PostFormAsync(officer, $"/lao/{_lao}", new Dictionary<string, string>
        {
            ["itemCode"] = "o2", ["url"] = "https://www.example.go.th/exec", ["reason"] = "มีหน้าผู้บริหาร",
        }, $"/lao/{_lao}?handler=Override");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        await using var connection = await _host.Database.OpenAsync();
        var id = await connection.ExecuteScalarAsync<long>("SELECT id FROM overrides WHERE dla_code = @lao", new { lao = _lao });
        var review = new Dictionary<string, string>
        {
            ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["accept"] = "true",
        };

        var own = await TestHost.PostFormAsync(officer, $"/lao/{_lao}", review, $"/lao/{_lao}?handler=Review");
        var statusAfterOwn = await connection.ExecuteScalarAsync<string>("SELECT status FROM overrides WHERE id = @id", new { id });
        var admin = await TestHost.SignedInAsync(_host, "root", Password);
        var other = await TestHost.PostFormAsync(admin, $"/lao/{_lao}", review, $"/lao/{_lao}?handler=Review");

        Assert.Contains("/account/denied", own.Headers.Location?.OriginalString);
        Assert.Equal("pending", statusAfterOwn);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.Equal("accepted", await connection.ExecuteScalarAsync<string>("SELECT status FROM overrides WHERE id = @id", new { id }));
    }

    private static Dictionary<string, string> Login(string username, string password) =>
        new() { ["Username"] = username, ["Password"] = password };

    private static async Task<string> CookieAsync(HttpClient client)
    {
        // The sign-in cookie as the browser holds it, to replay from another client.
        var probe = await client.GetAsync("/");
        var header = probe.RequestMessage!.Headers.GetValues("Cookie").Single();
        return header.Split("; ").Single(c => c.StartsWith("plannacc_auth=", StringComparison.Ordinal));
    }

    private async Task<bool> SignedInWithAsync(string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        var page = await (await _host.Api().SendAsync(request)).Content.ReadAsStringAsync();
        return page.Contains("id=\"signed-in-as\"", StringComparison.Ordinal);
    }

    private static string ErrorText(string html) => LoginError().Match(html).Groups[1].Value;

    [GeneratedRegex("id=\"activation-code\">([A-Z0-9]+)<")]
    private static partial Regex ActivationCode();

    [GeneratedRegex("role=\"alert\"[^>]*>([^<]*)<")]
    private static partial Regex LoginError();
}
