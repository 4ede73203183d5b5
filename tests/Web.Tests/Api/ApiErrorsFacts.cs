using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Overrides;
using PlanNacc.Web.Features.Registry;

namespace PlanNacc.Web.Tests.Api;

/// <summary>
/// Errors in one shape: every /api error status is RFC 9457 problem details with the Thai and English title and a detail
/// naming the problem; pages get the Thai error page in the site's layout. On both databases where storage answers.
/// </summary>
[Collection(HangfireHosts.Name)]
public sealed class ApiErrorsFacts
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryErrorStatus_IsAProblem_NamingIt(string provider)
    {
        await using var host = await TestHost.StartOnAsync(provider,
            new Dictionary<string, string?> { ["Accounts:OnDemandScansPerHour"] = "1" });
        var code = TestData.NewCode();
        var noWebsite = TestData.NewCode();
        await new LaoStore(host.Database).UpsertAsync([TestData.Lao(code), TestData.Lao(noWebsite, website: null)], "test");
        var attestation = await host.App.Services.GetRequiredService<OverrideStore>().SubmitAsync(
            new OverrideSubject(code, 2568,
                [new OverrideSubject.Item("o1", [])]), "o1", "https://www.example.go.th/o1", "มีแล้ว 🙂", "someone");
        // One token per on-demand scan attempt below: the limit (one an hour here) counts every POST /api/scans of a caller.
        var scans = await host.Tokens.CreateAsync("scans", Roles.Admin, null, null, [Access.ScansScope], "test");
        var conflict = await host.Tokens.CreateAsync("conflict", Roles.Admin, null, null, [Access.ScansScope], "test");
        var plain = await host.Tokens.CreateAsync("plain", Roles.Admin, null, null, [Access.ScansScope], "test");
        var burst = await host.Tokens.CreateAsync("burst", Roles.Admin, null, null, [Access.ScansScope], "test");
        var reviewer = await host.Tokens.CreateAsync("reviewer", Roles.Admin, null, null, [Access.OverridesScope], "test");

        await ExpectAsync(await host.Api().GetAsync("/api/laos?limt=5"), 400, "unknown query parameter limt");
        await ExpectAsync(await host.Api().GetAsync("/api/laos?limit=0"), 400, "limit must be between 1 and 1000");
        await ExpectAsync(await host.Api().GetAsync("/api/laos?limit=1001"), 400, "limit must be between 1 and 1000");
        await ExpectAsync(await host.Api().GetAsync("/api/runs?offset=-1"), 400, "offset must be 0 or more");
        await ExpectAsync(await host.Api().GetAsync($"/api/laos/{code}/history?limit=abc"), 400, "limit");
        await ExpectAsync(await host.Api(scans).PostAsync("/api/scans",
            new StringContent("{\"dlaCode\": ", Encoding.UTF8, "application/json")),
            400, "JSON");
        await ExpectAsync(await host.Api().PostAsJsonAsync("/api/scans", new { dlaCode = code }), 401, null);
        await ExpectAsync(await host.Api(reviewer).PostAsJsonAsync("/api/scans", new { dlaCode = code }), 403, null);
        await ExpectAsync(await host.Api().GetAsync("/api/laos/๑๒๓๔๕๖๗😀"), 404, "no LAO with DLA code ๑๒๓๔๕๖๗😀");
        await ExpectAsync(await host.Api(conflict).PostAsJsonAsync("/api/scans", new { dlaCode = noWebsite }), 409, "no website");
        await ExpectAsync(await host.Api(plain).PostAsync("/api/scans", new StringContent("{}", Encoding.UTF8, "text/plain")), 415, null);
        await ExpectAsync(await host.Api(reviewer).PostAsJsonAsync($"/api/overrides/{attestation.Id}/review",
            new { accept = true, note = new string('ก', 2001) }), 422, "2,000");
        Assert.Equal("pending", (await host.App.Services.GetRequiredService<OverrideStore>().GetAsync(attestation.Id))!.Status);
        Assert.Equal(HttpStatusCode.Accepted, (await host.Api(burst).PostAsJsonAsync("/api/scans", new { dlaCode = code })).StatusCode);
        await ExpectAsync(await host.Api(burst).PostAsJsonAsync("/api/scans", new { dlaCode = code }), 429, "OnDemandScansPerHour");

        // Thai and emoji in a search are data, not an error.
        using (var found = JsonDocument.Parse(await host.Api().GetStringAsync("/api/laos?q=" + Uri.EscapeDataString("โรงช้าง 😀"))))
        {
            Assert.Equal(0, found.RootElement.GetProperty("total").GetInt32());
        }

        // A failure of the storage itself: a problem without the exception's text, and the Thai page for a page.
        await using (var connection = await host.Database.OpenAsync())
        {
            await connection.ExecuteAsync("ALTER TABLE laos RENAME TO laos_gone");
        }
        var failed = await host.Api().GetAsync("/api/laos");
        await ExpectAsync(failed, 500, null);
        Assert.DoesNotContain("laos", await failed.Content.ReadAsStringAsync());
        var page = await host.Browser().GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Contains("id=\"error-page\"", html);
        Assert.Contains("ระบบขัดข้องชั่วคราว", html);
        Assert.Contains("<header class=\"site\">", html);
        Assert.DoesNotContain("Exception", html);
        Assert.DoesNotContain(" at PlanNacc", html);
    }

    [Fact]
    public async Task PageErrors_AreThaiPages_InTheSiteLayout()
    {
        await using var host = await TestHost.StartAsync();

        var missing = await host.Browser().GetAsync("/no/such/page");
        var denied = await host.Browser().GetAsync("/error/403");
        var posted = await host.Browser().PostAsync("/no/such/page", new StringContent("x"));

        foreach (var (response, status, text) in new[]
        {
            (missing, 404, "ไม่พบหน้าที่ขอ"), (denied, 403, "บัญชีนี้ไม่มีสิทธิ์ดูหน้านี้"), (posted, 404, "ไม่พบหน้าที่ขอ"),
        })
        {
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains($"data-status=\"{status}\"", html);
            Assert.Contains(text, html);
            Assert.Contains("<header class=\"site\">", html);
        }
    }

    private static async Task ExpectAsync(HttpResponseMessage response, int status, string? detail)
    {
        var body = await response.Content.ReadAsStringAsync();
        var where = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode} {body}";
        Assert.True(status == (int)response.StatusCode, where);
        Assert.True("application/problem+json" == response.Content.Headers.ContentType?.MediaType, where);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        var (thai, english) = PlanNacc.Web.Hosting.Problems.Titles[status];
        Assert.Equal($"{thai} / {english}", problem.RootElement.GetProperty("title").GetString());
        if (detail is not null)
        {
            Assert.True(problem.RootElement.TryGetProperty("detail", out var text)
                && text.GetString()!.Contains(detail, StringComparison.Ordinal),
                where);
        }
    }
}
