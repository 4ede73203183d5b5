using System.Net;
using System.Text;
using System.Text.Json;
using PlanNacc.Web.Tests.Accounts;

namespace PlanNacc.Web.Tests.Hosting;

/// <summary>Errors in one shape: problem details with a Thai and English title under /api, a Thai page elsewhere.</summary>
[Collection(HangfireHosts.Name)]
public sealed class ProblemsFacts
{
    [Fact]
    public async Task ApiErrors_AreProblemDetails_WithThaiAndEnglishTitles()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Host:MaxRequestBodyBytes"] = "65536" });
        var api = host.Api();
        var token = await host.Tokens.CreateAsync("bot", PlanNacc.Web.Features.Accounts.Roles.Admin, null, null,
            [PlanNacc.Web.Features.Accounts.Access.ScansScope], "test");

        var cases = new (HttpResponseMessage Response, int Status, string Title)[]
        {
            (await api.GetAsync("/api/no-such-route"), 404, "ไม่พบ / Not found"),
            (await api.GetAsync("/api/laos/1234567/plan"), 401, "ต้องเข้าสู่ระบบหรือใช้โทเค็น / Sign-in or token needed"),
            (await host.Api(token).PostAsync("/api/scans", new StringContent("{not json", Encoding.UTF8, "application/json")), 400,
                "คำขอไม่ถูกต้อง / Bad request"),
            (await host.Api(token).PostAsync("/api/scans", new StringContent("dlaCode=1", Encoding.UTF8, "text/plain")), 415,
                "ชนิดข้อมูลไม่รองรับ / Unsupported media type"),
            (await host.Api(token).PostAsync(
                    "/api/scans", new ByteArrayContent(new byte[100_000]) { Headers = { ContentLength = 100_000 } }),
                413, "คำขอใหญ่เกินไป / Request body too large"),
        };

        foreach (var (response, status, title) in cases)
        {
            Assert.Equal(status, (int)response.StatusCode);
            Assert.True("application/problem+json" == response.Content.Headers.ContentType?.MediaType,
                $"{status} {response.RequestMessage!.RequestUri}: {await response.Content.ReadAsStringAsync()}");
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(status, body.RootElement.GetProperty("status").GetInt32());
            Assert.Equal(title, body.RootElement.GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task UnknownPage_IsAThaiErrorPage()
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.Browser().GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"error-page\"", html);
        Assert.Contains("ไม่พบหน้าที่ขอ", html);
    }
}
