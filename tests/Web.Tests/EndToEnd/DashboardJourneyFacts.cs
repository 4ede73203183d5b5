using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MiniExcelLibs;
using Xunit.Abstractions;

namespace PlanNacc.Web.Tests.EndToEnd;

/// <summary>
/// The morning of an LAO officer and a province analyst, in real Chromium against `serve --demo` (the built assembly as a
/// process): admin bootstrap by `add-admin`, activation code and first password, checklist, scan now, override and its
/// review from the province queue, ranking sort and filter, exports downloaded and opened, stored markup shown as text,
/// anonymous kept out, and the officer's access taken back by the admin.
/// </summary>
public sealed partial class DashboardJourneyFacts(ITestOutputHelper output, BrowserFixture browsers) : IClassFixture<BrowserFixture>,
    IDisposable
{
    private const string AdminPassword = "e2e-admin-password-1";
    private const string LaoPassword = "e2e-lao-password-01";
    private const string OfficerPassword = "e2e-officer-pass-01";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "plannacc-e2e", Guid.NewGuid().ToString("N"));
    private readonly string _shots = Environment.GetEnvironmentVariable("PLANNACC_SCREENSHOTS") is { Length: > 0 } wanted
        ? wanted
        : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

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
    public async Task Journey_ActivationChecklistScanOverrideRankingExports_InChromium()
    {
        Directory.CreateDirectory(_shots);
        var admin = await WebProcess.RunAsync(["add-admin", "root", "--data-dir", _dataDir], AdminPassword + "\n");
        Assert.True(admin.Exit == 0, admin.Stderr);
        var port = WebProcess.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        await using var web = WebProcess.Start(
            ["serve", "--demo", "--urls", baseUrl, "--data-dir", _dataDir],
            new Dictionary<string, string> { ["Demo__FarmPath"] = WebProcess.FarmDll, ["Demo__Sites"] = "6",
                ["Logging__LogLevel__Default"] = "Warning" });
        await web.WaitForHealthAsync(baseUrl, TimeSpan.FromMinutes(5));

        var browser = await browsers.BrowserAsync();
        var options =
            new BrowserNewContextOptions { Locale = "th-TH", ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true };

        // Anonymous: no job dashboard, no scan button.
        var anonymous = await (await browser.NewContextAsync(options)).NewPageAsync();
        // Chromium refuses to render an empty 401, so the context's own request client (same cookies) asks.
        var hangfire = await anonymous.APIRequest.GetAsync(baseUrl + "/hangfire");
        Assert.Equal(401, hangfire.Status);
        var scan = await anonymous.APIRequest.PostAsync(baseUrl + "/api/scans", new() { DataObject = new { dlaCode = "1234567" } });
        Assert.Equal(401, scan.Status);
        await anonymous.GotoAsync(baseUrl + "/");
        var links = anonymous.Locator("a[href^='/lao/']");
        await links.First.WaitForAsync();
        var code = (await links.First.GetAttributeAsync("href"))!["/lao/".Length..];
        await anonymous.GotoAsync($"{baseUrl}/lao/{code}");
        Assert.Equal(0, await anonymous.Locator("#scan-now").CountAsync());
        var province = (await anonymous.Locator("#province-link").InnerTextAsync())["จังหวัด".Length..];

        // Admin: a province officer for this LAO's province, and the LAO's one-time activation code.
        var adminPage = await (await browser.NewContextAsync(options)).NewPageAsync();
        await SignInAsync(adminPage, baseUrl, "root", AdminPassword);
        await adminPage.GotoAsync(baseUrl + "/admin/users");
        await adminPage.FillAsync("#user-form input[name=Username]", "officer");
        await adminPage.FillAsync("#user-form input[name=Province]", province);
        await adminPage.FillAsync("#user-form input[name=Password]", OfficerPassword);
        await adminPage.ClickAsync("#user-form button[type=submit]");
        await adminPage.Locator("#message").WaitForAsync();
        await adminPage.GotoAsync(baseUrl + "/account/codes");
        await adminPage.FillAsync("#code-form input[name=DlaCode]", code);
        await adminPage.ClickAsync("#code-form button[type=submit]");
        var activationCode = await adminPage.Locator("#activation-code").InnerTextAsync();
        await adminPage.ScreenshotAsync(new() { Path = Shot("activation-code.png") });
        Assert.Equal(200, (await adminPage.GotoAsync(baseUrl + "/hangfire"))!.Status);

        // LAO officer: the code alone is refused, code + new password signs in.
        var lao = await (await browser.NewContextAsync(options)).NewPageAsync();
        await lao.GotoAsync(baseUrl + "/account/activate");
        await lao.FillAsync("input[name=DlaCode]", code);
        await lao.FillAsync("input[name=Code]", activationCode);
        await lao.FillAsync("input[name=Password]", "short");
        await lao.FillAsync("input[name=Confirm]", "short");
        await lao.ClickAsync("#activate-form button[type=submit]");
        await lao.Locator("#activate-error").WaitForAsync();
        await lao.ScreenshotAsync(new() { Path = Shot("activate-refused.png") });
        await lao.FillAsync("input[name=Code]", activationCode);
        await lao.FillAsync("input[name=Password]", LaoPassword);
        await lao.FillAsync("input[name=Confirm]", LaoPassword);
        await lao.ClickAsync("#activate-form button[type=submit]");
        await lao.WaitForURLAsync($"{baseUrl}/lao/{code}");
        Assert.Equal(code, await lao.Locator("#signed-in-as").InnerTextAsync());

        // The checklist arrives with the demo run; then "scan now" runs and reports until done.
        await UntilAsync(web, async () =>
        {
            await lao.GotoAsync($"{baseUrl}/lao/{code}");
            return await lao.Locator("#checklist .item").CountAsync() > 0;
        }, "no checklist from the demo run");
        Assert.Matches(ThaiText(), await lao.Locator("h1").InnerTextAsync());
        await lao.ClickAsync("#scan-now");
        await lao.Locator("#scan-progress").WaitForAsync();
        Assert.Contains("run=", lao.Url, StringComparison.Ordinal);
        await lao.ScreenshotAsync(new() { Path = Shot("scan-progress.png") });
        await UntilAsync(web, async () =>
        {
            try
            {
                return !lao.Url.Contains("run=",
                    StringComparison.Ordinal) || await lao.Locator("#scan-progress[data-done='true']").CountAsync() > 0;
            }
            catch (PlaywrightException)
            {
                return false;
            }
        }, "the on-demand scan never finished");
        await lao.GotoAsync($"{baseUrl}/lao/{code}");
        Assert.Equal(1, await lao.Locator("#trend-chart").CountAsync());
        await lao.ScreenshotAsync(new() { Path = Shot($"lao-{code}.png"), FullPage = true });

        // Override with markup in its reason: shown as text, no script runs.
        var failing = lao.Locator("#override-form select[name=itemCode] option");
        Assert.True(await failing.CountAsync() > 0, "no item left to attest");
        var item = (await failing.First.GetAttributeAsync("value"))!;
        await lao.FillAsync("#override-form input[name=url]", "https://www.example.go.th/attested.pdf");
        await lao.FillAsync("#override-form textarea[name=reason]",
            "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>ประกาศอยู่หน้าข่าว");
        await lao.ClickAsync("#override-form button[type=submit]");
        await lao.Locator("#override-list tr[data-status=pending]").WaitForAsync();
        Assert.Contains("<script>window.__xss=2</script>", await lao.Locator("#override-list").InnerTextAsync());
        Assert.True(await lao.EvaluateAsync<bool>("() => window.__xss === undefined"), "markup in an override ran as script");

        // Province officer accepts it from the province's review queue; the LAO page then shows both scores.
        var officer = await (await browser.NewContextAsync(options)).NewPageAsync();
        await SignInAsync(officer, baseUrl, "officer", OfficerPassword);
        var queue = $"{baseUrl}/province/{Uri.EscapeDataString(province)}/overrides";
        await officer.GotoAsync(queue);
        var pending = officer.Locator("#pending tr[data-status=pending]");
        Assert.Equal(1, await pending.CountAsync());
        Assert.Contains("<script>window.__xss=2</script>", await pending.InnerTextAsync());
        Assert.Equal("https://www.example.go.th/attested.pdf", await pending.Locator("a.override-url").GetAttributeAsync("href"));
        await officer.FillAsync("#pending form.review input[name=note]", "ตรวจแล้ว พบประกาศ");
        await officer.ClickAsync("#pending form.review button.accept");
        await officer.Locator("#decided tr[data-status=accepted]").WaitForAsync();
        Assert.Contains("ตรวจแล้ว พบประกาศ", await officer.Locator("#decided").InnerTextAsync());
        Assert.True(await officer.EvaluateAsync<bool>("() => window.__xss === undefined"),
            "markup in an override ran as script on the queue");
        await officer.ScreenshotAsync(new() { Path = Shot("override-queue.png"), FullPage = true });
        var queuePhone =
            await (await browser.NewContextAsync(new() { Locale = "th-TH", ViewportSize = new() { Width = 390, Height = 844 },
                IsMobile = true })).NewPageAsync();
        await SignInAsync(queuePhone, baseUrl, "officer", OfficerPassword);
        await queuePhone.GotoAsync(queue);
        await queuePhone.ScreenshotAsync(new() { Path = Shot("override-queue-phone.png"), FullPage = true });
        // Against the screen's width: a mobile browser widens its layout viewport (and innerWidth) to content that overflows.
        Assert.True(await queuePhone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= screen.width + 1"),
            "the review queue scrolls sideways on a phone");
        await officer.GotoAsync($"{baseUrl}/lao/{code}");
        await officer.Locator($"[data-attested='{item}']").WaitForAsync();
        Assert.Equal(1, await officer.Locator("#oit-attested").CountAsync());
        await officer.ScreenshotAsync(new() { Path = Shot($"lao-{code}-attested.png"), FullPage = true });

        // Province ranking: sort by OIT ascending, then filter by a district.
        await officer.GotoAsync($"{baseUrl}/province/{Uri.EscapeDataString(province)}");
        await officer.ScreenshotAsync(new() { Path = Shot("province.png"), FullPage = true });
        await officer.ClickAsync("#ranking thead th:nth-child(4) a");
        // Not WaitForURLAsync: its check-then-subscribe can miss the load event on a busy machine (playwright-dotnet #3364,
        // a 30 s timeout in one of ten CI runs); the address is polled, then the sorted page's own header is awaited.
        await Assertions.Expect(officer).ToHaveURLAsync(new Regex("sort=oit&dir=asc"), new() { Timeout = 30_000 });
        await Assertions.Expect(officer.Locator("#ranking thead th:nth-child(4)"))
            .ToHaveAttributeAsync("aria-sort", "ascending", new() { Timeout = 30_000 });
        var scores = (await officer.Locator("#ranking tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.oit || '')"))
            .Where(s => s.Length > 0).Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(scores.Order().ToList(), scores);
        var type = await officer.Locator("#filters select[name=type] option").Nth(1).GetAttributeAsync("value");
        await officer.SelectOptionAsync("#filters select[name=type]", type!);
        await officer.ClickAsync("#filters button[type=submit]");
        await officer.WaitForURLAsync(new Regex("type="));
        var shown = await officer.Locator("#ranking tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.code)");
        var api = await officer.APIRequest.GetAsync($"{baseUrl}/api/provinces/{Uri.EscapeDataString(province)}/ranking");
        using var all = System.Text.Json.JsonDocument.Parse(await api.TextAsync());
        // The list shape of every list route: {items, total, limit, offset}; the province fits in one page.
        Assert.Equal(all.RootElement.GetProperty("total").GetInt32(), all.RootElement.GetProperty("items").GetArrayLength());
        var ofType = all.RootElement.GetProperty("items").EnumerateArray()
            .Where(r => r.GetProperty("type").GetString() == type).Select(r => r.GetProperty("dlaCode").GetString()).ToList();
        Assert.NotEmpty(shown);
        Assert.Equal(ofType.Order(), shown.Order());

        // Exports, downloaded and opened.
        var xlsx = await officer.RunAndWaitForDownloadAsync(() => officer.ClickAsync("#ranking-xlsx"));
        var xlsxPath = Path.Combine(_dataDir, "ranking.xlsx");
        await xlsx.SaveAsAsync(xlsxPath);
        var rankingRows = MiniExcel.Query(xlsxPath, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(shown.Length, rankingRows.Count);
        await lao.GotoAsync($"{baseUrl}/lao/{code}");
        var csv = await lao.RunAndWaitForDownloadAsync(() => lao.ClickAsync("#export-csv"));
        var csvPath = Path.Combine(_dataDir, "ita.csv");
        await csv.SaveAsAsync(csvPath);
        var csvText = await File.ReadAllTextAsync(csvPath, Encoding.UTF8);
        Assert.StartsWith("ข้อ,รายการ,ผลตรวจ,URL,คำอธิบาย", csvText);
        var itaXlsx = await lao.RunAndWaitForDownloadAsync(() => lao.ClickAsync("#export-xlsx"));
        var itaPath = Path.Combine(_dataDir, "ita.xlsx");
        await itaXlsx.SaveAsAsync(itaPath);
        Assert.NotEmpty(MiniExcel.Query(itaPath, useHeaderRow: true).ToList());

        await officer.GotoAsync(baseUrl + "/national");
        await officer.ScreenshotAsync(new() { Path = Shot("national.png"), FullPage = true });

        // The admin takes the officer's access back: the officer's open session ends on its next request.
        await adminPage.GotoAsync(baseUrl + "/admin/users?lang=en");
        await adminPage.ClickAsync("#users tr[data-user=officer] button.disable");
        await adminPage.Locator("#users tr[data-user=officer][data-disabled=true]").WaitForAsync();
        await adminPage.ScreenshotAsync(new() { Path = Shot("admin-users-en.png"), FullPage = true });
        await officer.GotoAsync(queue);
        Assert.StartsWith(baseUrl + "/account/login", officer.Url, StringComparison.Ordinal);
        Assert.Equal(0, await officer.Locator("#signed-in-as").CountAsync());
        var phone =
            await (await browser.NewContextAsync(new() { Locale = "th-TH", ViewportSize = new() { Width = 390, Height = 844 },
                IsMobile = true })).NewPageAsync();
        await phone.GotoAsync($"{baseUrl}/province/{Uri.EscapeDataString(province)}");
        await phone.ScreenshotAsync(new() { Path = Shot("province-phone.png") });
        output.WriteLine("screenshots: " + _shots);
    }

    private string Shot(string name) => Path.Combine(_shots, "journey-" + name);

    private static async Task SignInAsync(IPage page, string baseUrl, string user, string password)
    {
        await page.GotoAsync(baseUrl + "/account/login");
        await page.FillAsync("#login-form input[name=Username]", user);
        await page.FillAsync("#login-form input[name=Password]", password);
        await page.ClickAsync("#login-form button[type=submit]");
        await page.Locator("#signed-in-as").WaitForAsync();
    }

    /// <summary>Waits at the process's own pace (a demo run, a scan job); not an assertion of speed.</summary>
    private static async Task UntilAsync(WebProcess web, Func<Task<bool>> done, string failure)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (!await done())
        {
            Assert.False(web.HasExited, "serve --demo exited: " + web.Stderr);
            Assert.False(patience.IsCancellationRequested, failure + "; stderr: " + web.Stderr);
            await Task.Delay(1000);
        }
    }


    [GeneratedRegex(@"[\u0E01-\u0E5B]")]
    private static partial Regex ThaiText();
}
