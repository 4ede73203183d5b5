using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Lao;
using PlanNacc.Web.Features.Overrides;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Tests.Accounts;

/// <summary>Every route that changes something or shows private data, for every kind of caller: who gets through, who does not.</summary>
[Collection(HangfireHosts.Name)]
public sealed class AccessMatrixFacts : IAsyncLifetime
{
    private const string Password = "matrix-password-001";
    private static readonly string[] Callers = ["anonymous", "lao-own", "lao-other", "province-own", "province-other", "admin"];
    private TestHost _host = null!;
    private string _own = "";
    private string _other = "";
    private string _fresh = "";
    private long _overrideId;
    private long _tokenId;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        _own = TestData.NewCode();
        _other = TestData.NewCode();
        _fresh = TestData.NewCode();
        await new LaoStore(_host.Database).UpsertAsync(
            [TestData.Lao(_own), TestData.Lao(_other, "บึงนาราง") with { Province = "พิจิตร" }, TestData.Lao(_fresh, "ถอนสมอ")], "test");
        var run = await new RunStore(_host.Database).CreateAsync("nightly", "all", 2569, 1);
        await new ScanStore(_host.Database).SaveAsync(TestData.Result(run, _own, [TestData.Item("o1", VerdictStatus.Fail)]));
        foreach (var code in new[] { _own, _other })
        {
            var activation = await _host.Codes.IssueAsync(code, "test");
            await _host.Codes.ActivateAsync(code, activation, Password);
        }
        await _host.Accounts.CreateUserAsync("sing", Roles.Province, "สิงห์บุรี", null, Password, "test");
        await _host.Accounts.CreateUserAsync("phichit", Roles.Province, "พิจิตร", null, Password, "test");
        await _host.Accounts.CreateUserAsync("root", Roles.Admin, null, null, Password, "test");
        var checklist = await new LaoQueries(_host.Database).ChecklistAsync(_own);
        _overrideId = (await _host.App.Services.GetRequiredService<OverrideStore>().SubmitAsync(checklist!, "o1",
            "https://www.example.go.th/o1", "มีแล้ว", _own)).Id;
        await _host.Accounts.CreateUserAsync("victim", Roles.Province, "พิจิตร", null, Password, "test");
        await _host.Tokens.CreateAsync("matrix-bot", Roles.Province, "สิงห์บุรี", null, [Access.ScansScope], "test");
        _tokenId = (await _host.Tokens.ListAsync()).Single(t => t.Name == "matrix-bot").Id;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Routes_LetThroughExactlyTheCallersWithinReach()
    {
        var clients = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = _host.Browser(),
            ["lao-own"] = await TestHost.SignedInAsync(_host, _own, Password),
            ["lao-other"] = await TestHost.SignedInAsync(_host, _other, Password),
            ["province-own"] = await TestHost.SignedInAsync(_host, "sing", Password),
            ["province-other"] = await TestHost.SignedInAsync(_host, "phichit", Password),
            ["admin"] = await TestHost.SignedInAsync(_host, "root", Password),
        };
        var routes = new (string Name, string[] Allowed, Func<HttpClient, Task<HttpResponseMessage>> Call)[]
        {
            ("POST scan now", ["lao-own", "province-own", "admin"], c => Form(c, $"/lao/{_own}?handler=Scan", [])),
            ("POST override", ["lao-own", "province-own", "admin"], c
                => Form(c, $"/lao/{_own}?handler=Override",
                    new() { ["itemCode"] = "o1", ["url"] = "https://www.example.go.th/x", ["reason"] = "r" })),
            ("POST review", ["province-own", "admin"], c
                => Form(c, $"/lao/{_own}?handler=Review", new() { ["id"] = _overrideId.ToString(), ["accept"] = "true" })),
            // An LAO without an account yet: once it has one, only an admin issues it a code (SecurityFindingsFacts).
            ("POST activation code", ["province-own", "admin"], c => Form(c, "/account/codes", new() { ["DlaCode"] = _fresh })),
            ("GET /admin/users", ["admin"], c => c.GetAsync("/admin/users")),
            ("POST /admin/users", ["admin"], c
                => Form(c, "/admin/users?handler=User",
                    new() { ["Username"] = "u" + Guid.NewGuid().ToString("N")[..8], ["Role"] = "province", ["Province"] = "พิจิตร",
                        ["Password"] = Password })),
            ("POST /admin/users disable", ["admin"], c => Form(c, "/admin/users?handler=Disable", new() { ["user"] = "victim" })),
            ("POST /admin/users token", ["admin"], c
                => Form(c, "/admin/users?handler=Token", new() { ["TokenName"] = "t", ["Scopes"] = "plans", ["Role"] = "admin" })),
            ("POST /admin/users revoke", ["admin"], c
                => Form(c, "/admin/users?handler=Revoke", new() { ["tokenId"] = _tokenId.ToString() })),
            ("GET /hangfire", ["admin"], c => c.GetAsync("/hangfire")),
            ("GET /province/{own}/overrides", ["province-own", "admin"], c => c.GetAsync(OwnQueue)),
            ("POST /province/{own}/overrides review", ["province-own", "admin"], c
                => Form(c, OwnQueue + "?handler=Review", new() { ["id"] = _overrideId.ToString(), ["accept"] = "false" })),
            ("GET /api/provinces/{own}/overrides", ["province-own", "admin"], c
                => c.GetAsync($"/api/provinces/{Uri.EscapeDataString("สิงห์บุรี")}/overrides")),
            ("POST /api/overrides/{id}/review", ["province-own", "admin"], c
                => c.PostAsJsonAsync($"/api/overrides/{_overrideId}/review", new { accept = false })),
            ("GET /api/laos/{code}/overrides", ["lao-own", "province-own", "admin"], c => c.GetAsync($"/api/laos/{_own}/overrides")),
            ("POST /api/scans", ["lao-own", "province-own", "admin"], c => c.PostAsJsonAsync("/api/scans", new { dlaCode = _own })),
        };

        var wrong = new List<string>();
        foreach (var (name, allowed, call) in routes)
        {
            foreach (var caller in Callers)
            {
                var response = await call(clients[caller]);
                var through = Through(response);
                if (through != allowed.Contains(caller))
                {
                    wrong.Add($"{name} as {caller}: {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        Assert.Empty(wrong);
    }

    private static string OwnQueue => $"/province/{Uri.EscapeDataString("สิงห์บุรี")}/overrides";

    /// <summary>Let through: 2xx, or a redirect that is neither to the sign-in page nor to "denied".</summary>
    private static bool Through(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther =>
            response.Headers.Location?.OriginalString is { } to && !to.Contains("/account/login", StringComparison.Ordinal)
                && !to.Contains("/account/denied", StringComparison.Ordinal),
        _ => response.IsSuccessStatusCode,
    };

    // The anti-forgery token from the sign-in form: the token a page of this site would give this caller.
    private static Task<HttpResponseMessage> Form(HttpClient client, string url, Dictionary<string, string> fields) =>
        TestHost.PostFormAsync(client, "/account/login", fields, url);
}
