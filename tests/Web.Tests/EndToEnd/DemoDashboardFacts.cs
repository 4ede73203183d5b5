using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PlanNacc.Web.Tests.EndToEnd;

/// <summary>`serve --demo` as a user meets it: the built assembly as a process, the farm as its child, the dashboard in real Chromium.</summary>
public sealed partial class DemoDashboardFacts(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
    ];

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "plannacc-e2e", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [ChromiumFact]
    public async Task ServeDemo_ShowsLaoChecklistInThai_InChromium()
    {
        var port = WebProcess.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        await using var web = WebProcess.Start(
            ["serve", "--demo", "--urls", baseUrl, "--data-dir", _dataDir],
            new Dictionary<string, string> { ["Demo__FarmPath"] = WebProcess.FarmDll, ["Demo__Sites"] = "6", ["Logging__LogLevel__Default"] = "Warning" });
        await WaitForHealthAsync(web, baseUrl);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = TestEnvironment.ChromiumPath, Args = ChromiumArgs });
        var context = await browser.NewContextAsync(new() { Locale = "th-TH", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/");
        var links = page.Locator("a[href^='/lao/']");
        await links.First.WaitForAsync();
        var code = (await links.First.GetAttributeAsync("href"))!["/lao/".Length..];

        // The demo scans in the background: reload until this LAO's checklist is stored (the process's own pace, not an assertion of speed).
        var items = page.Locator("#checklist .item");
        using (var patience = new CancellationTokenSource(TimeSpan.FromMinutes(4)))
        {
            while (true)
            {
                await page.GotoAsync($"{baseUrl}/lao/{code}");
                if (await items.CountAsync() > 0)
                {
                    break;
                }
                Assert.False(web.HasExited, "serve --demo exited: " + web.Stderr);
                Assert.False(patience.IsCancellationRequested, $"no checklist for {code} yet; stderr: {web.Stderr}");
                await Task.Delay(1000);
            }
        }

        Assert.Matches(ThaiText(), await page.Locator("h1").InnerTextAsync());
        Assert.Equal("th", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("ok", await page.Locator("#site-status").GetAttributeAsync("data-status"));
        Assert.Matches(BuddhistEraTime(), await page.Locator("#scanned-at").InnerTextAsync());
        var statuses = new List<string>();
        for (var i = 0; i < await items.CountAsync(); i++)
        {
            var item = items.Nth(i);
            var status = (await item.GetAttributeAsync("data-status"))!;
            var badge = await item.Locator(".badge").InnerTextAsync();
            var title = await item.Locator(".title").InnerTextAsync();
            Assert.Equal(status switch { "pass" => "ผ่าน", "fail" => "ไม่ผ่าน", "review" => "ตรวจสอบ", _ => "?" }, badge);
            Assert.Matches(ThaiText(), title);
            statuses.Add(status);
        }
        Assert.Contains("pass", statuses);
        var evidence = page.Locator("#checklist a[rel='noopener nofollow']");
        Assert.True(await evidence.CountAsync() > 0);
        Assert.StartsWith("http", await evidence.First.GetAttributeAsync("href"));
        output.WriteLine($"{code}: {statuses.Count} items, {statuses.Count(s => s == "pass")} pass, {statuses.Count(s => s == "fail")} fail, {statuses.Count(s => s == "review")} review");

        var shots = Environment.GetEnvironmentVariable("PLANNACC_SCREENSHOTS") is { Length: > 0 } wanted
            ? wanted
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(shots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, $"lao-{code}.png"), FullPage = true });
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, $"lao-{code}-top.png") });
        await page.GotoAsync(baseUrl + "/");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "lao-list.png"), FullPage = true });
        var phone = await browser.NewContextAsync(new() { Locale = "th-TH", ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true });
        var phonePage = await phone.NewPageAsync();
        await phonePage.GotoAsync($"{baseUrl}/lao/{code}");
        await phonePage.ScreenshotAsync(new() { Path = Path.Combine(shots, $"lao-{code}-phone.png") });
        Assert.True(await phonePage.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the LAO page scrolls sideways on a phone");
        output.WriteLine("screenshots: " + shots);
    }

    private static async Task WaitForHealthAsync(WebProcess web, string baseUrl)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            Assert.False(web.HasExited, "serve --demo exited: " + web.Stderr);
            try
            {
                var body = await http.GetStringAsync(baseUrl + "/health");
                if (body.Contains("\"ok\"", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            Assert.False(patience.IsCancellationRequested, "serve --demo never answered /health; stderr: " + web.Stderr);
            await Task.Delay(250);
        }
    }

    [GeneratedRegex(@"[\u0E01-\u0E5B]")]
    private static partial Regex ThaiText();

    [GeneratedRegex(@"^\d{1,2} (ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\.) 25\d\d \d\d:\d\d$")]
    private static partial Regex BuddhistEraTime();
}
