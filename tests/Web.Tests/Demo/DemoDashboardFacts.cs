using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PlanNacc.Web.Tests.Demo;

/// <summary>`serve --demo` as a user meets it: the built assembly as a process, the farm as its child, the dashboard in real
/// Chromium.</summary>
public sealed partial class DemoDashboardFacts(ITestOutputHelper output, BrowserFixture browsers) : IClassFixture<BrowserFixture>,
    IDisposable
{
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
            new Dictionary<string, string> { ["Demo__FarmPath"] = WebProcess.FarmDll, ["Demo__Sites"] = "6",
                ["Logging__LogLevel__Default"] = "Warning" });
        await web.WaitForHealthAsync(baseUrl);

        var browser = await browsers.BrowserAsync();
        var context = await browser.NewContextAsync(new() { Locale = "th-TH", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/");
        var links = page.Locator("a[href^='/lao/']");
        await links.First.WaitForAsync();
        var code = (await links.First.GetAttributeAsync("href"))!["/lao/".Length..];

        // The demo scans in the background: reload until this LAO's checklist is stored (the process's own pace, not an assertion of
        // speed).
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
        output.WriteLine($"{code}: {statuses.Count} items, {statuses.Count(s => s == "pass")} pass, {statuses.Count(s => s == "fail")} " +
            $"fail, {statuses.Count(s => s == "review")} review");

        var shots = Environment.GetEnvironmentVariable("PLANNACC_SCREENSHOTS") is { Length: > 0 } wanted
            ? wanted
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(shots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, $"lao-{code}.png"), FullPage = true });
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, $"lao-{code}-top.png") });
        await page.GotoAsync(baseUrl + "/");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "lao-list.png"), FullPage = true });
        var phone =
            await browser.NewContextAsync(new() { Locale = "th-TH", ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true });
        var phonePage = await phone.NewPageAsync();
        await phonePage.GotoAsync($"{baseUrl}/lao/{code}");
        await phonePage.ScreenshotAsync(new() { Path = Path.Combine(shots, $"lao-{code}-phone.png") });
        Assert.True(await phonePage.EvaluateAsync<bool>("document.documentElement.scrollWidth <= screen.width + 1"),
            "the LAO page scrolls sideways on a phone");
        output.WriteLine("screenshots: " + shots);

        await MarkupLao_ShowsPayloadsAsText_AndRunsNoneAsync(browser, web, baseUrl, shots);
    }

    /// <summary>
    /// The farm's markup site, as the demo imports and scans it: its LAO page shows the payloads of its name and link texts
    /// as text, and none of them runs (no dialog, no flag set by a script or an onerror, no injected element).
    /// </summary>
    private async Task MarkupLao_ShowsPayloadsAsText_AndRunsNoneAsync(IBrowser browser, WebProcess web, string baseUrl, string shots)
    {
        var context = await browser.NewContextAsync(new() { Locale = "th-TH", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        await page.GotoAsync(baseUrl + "/?q=" + Uri.EscapeDataString("ทดสอบ"));
        var link = page.Locator("a[href^='/lao/']", new() { HasText = MarkupName });
        await link.First.WaitForAsync();
        var code = (await link.First.GetAttributeAsync("href"))!["/lao/".Length..];

        var evidence = page.Locator("#checklist a[rel='noopener nofollow']", new() { HasText = "<script>window.__xss=1</script>" });
        using (var patience = new CancellationTokenSource(TimeSpan.FromMinutes(4)))
        {
            while (true)
            {
                await page.GotoAsync($"{baseUrl}/lao/{code}");
                if (await evidence.CountAsync() > 0)
                {
                    break;
                }
                Assert.False(web.HasExited, "serve --demo exited: " + web.Stderr);
                Assert.False(patience.IsCancellationRequested,
                    $"no evidence with the payload for the markup LAO {code} yet; stderr: {web.Stderr}");
                await Task.Delay(1000);
            }
        }
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Contains(MarkupName, await page.Locator("h1").InnerTextAsync());
        Assert.True(await evidence.First.IsVisibleAsync());
        Assert.Contains("<img src=x onerror=\"window.__xss=2\">", await evidence.First.InnerTextAsync());
        Assert.Empty(dialogs);
        Assert.Equal("none", await page.EvaluateAsync<string>("() => String(window.__xss ?? 'none')"));
        Assert.Equal(0, await page.EvaluateAsync<int>(Injected));
        // The same on the province page and the search, where the name is listed.
        var province = (await page.Locator("#province-link").GetAttributeAsync("href"))!;
        foreach (var url in new[] { "/?q=" + Uri.EscapeDataString(code), province })
        {
            await page.GotoAsync(baseUrl + url);
            Assert.True(await page.Locator("main", new() { HasText = MarkupName }).IsVisibleAsync(),
                $"the markup name is not shown as text on {url}");
            Assert.Equal("none", await page.EvaluateAsync<string>("() => String(window.__xss ?? 'none')"));
            Assert.Equal(0, await page.EvaluateAsync<int>(Injected));
        }
        Assert.Empty(dialogs);
        await page.GotoAsync($"{baseUrl}/lao/{code}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, $"lao-{code}-markup.png"), FullPage = true });
        var phone =
            await (await browser.NewContextAsync(new() { Locale = "th-TH", ViewportSize = new() { Width = 390, Height = 844 },
                IsMobile = true })).NewPageAsync();
        await phone.GotoAsync($"{baseUrl}/lao/{code}", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await phone.ScreenshotAsync(new() { Path = Path.Combine(shots, $"lao-{code}-markup-phone.png") });
        Assert.Equal("", await phone.EvaluateAsync<string>(Overflowing));
        output.WriteLine($"markup LAO {code}: payloads shown as text, none ran");
    }


    private const string MarkupName = PlanNacc.SiteFarm.Shapes.MarkupName;

    /// <summary>The innermost elements that reach past the screen's right edge (empty: no sideways scrolling on a phone).</summary>
    private const string Overflowing =
        "() => document.documentElement.scrollWidth <= screen.width + 1 ? '' : [...document.querySelectorAll('body *')]"
        + ".filter(e => e.getBoundingClientRect().right > screen.width + 1 && ![...e.children].some(c => c.getBoundingClientRect().right " +
            "> screen.width + 1))"
        + ".slice(0, 5).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ': ' + (e.textContent || '').trim().slice(0, " +
            "80)).join(' | ')";

    /// <summary>Elements a payload would have made had it been parsed as markup: its script, its image, its bold name.</summary>
    private const string Injected =
        "() => [...document.querySelectorAll('main script, img')].filter(e => e.tagName === 'SCRIPT' || e.getAttribute('src') === " +
            "'x').length"
        + " + [...document.querySelectorAll('b')].filter(b => b.textContent === 'ทดสอบ').length";

    [GeneratedRegex(@"[\u0E01-\u0E5B]")]
    private static partial Regex ThaiText();

    [GeneratedRegex(@"^\d{1,2} (ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\.) 25\d\d \d\d:\d\d$")]
    private static partial Regex BuddhistEraTime();
}
