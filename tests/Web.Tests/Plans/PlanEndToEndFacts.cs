using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Storage;
using Xunit.Abstractions;

namespace PlanNacc.Web.Tests.Plans;

/// <summary>The plan as people use it: the built host as a process, real Chromium, an LAO officer and its province officer.</summary>
public sealed class PlanEndToEndFacts(ITestOutputHelper output, BrowserFixture browsers) : IClassFixture<BrowserFixture>, IDisposable
{
    private const string Password = "e2e-password-00001";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "plannacc-plan-e2e", Guid.NewGuid().ToString("N"));

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
    public async Task PlanEntry_BudgetChange_RoundSubmitAndReopen_InChromium()
    {
        var code = TestData.NewCode();
        var storage = new StorageOptions { DataDir = _dataDir };
        StorageExtensions.EnsureDataDir(storage);
        var database = new Database(storage);
        await new Migrator(database).MigrateAsync();
        await new LaoStore(database).UpsertAsync([TestData.Lao(code)], "e2e");
        var accounts = new AccountStore(database, Options.Create(new AccountOptions()), TimeProvider.System);
        await accounts.CreateUserAsync(code, Roles.Lao, null, code, Password, "e2e");
        await accounts.CreateUserAsync("sing", Roles.Province, "สิงห์บุรี", null, Password, "e2e");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var baseUrl = $"http://127.0.0.1:{WebProcess.FreePort()}";
        await using var web = WebProcess.Start(["serve", "--urls", baseUrl, "--data-dir", _dataDir], new Dictionary<string,
            string> { ["Logging__LogLevel__Default"] = "Warning" });
        await web.WaitForHealthAsync(baseUrl);
        var shots = Environment.GetEnvironmentVariable("PLANNACC_SCREENSHOTS") is { Length: > 0 } wanted
            ? wanted
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(shots);

        var browser = await browsers.BrowserAsync();
        var page = await (await browser.NewContextAsync(new() { Locale = "th-TH",
            ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
        await SignInAsync(page, baseUrl, code);

        // Plan entry.
        await page.ClickAsync("#plan-nav");
        // Polled, not WaitForURLAsync (which can miss the load event on a busy machine: playwright-dotnet #3364); the form
        // fields below are awaited by FillAsync on the plan page itself.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/lao/{code}/plan$"),
            new() { Timeout = 30_000 });
        await page.FillAsync("input[name=name]", "โครงการเยาวชนรู้ทันการทุจริต");
        await page.SelectOptionAsync("select[name=type]", "โครงการ");
        await page.SelectOptionAsync("select[name=subItem]", "1");
        await page.CheckAsync("input[name=quarters][value='2']");
        await page.CheckAsync("input[name=years][value='2569']");
        await page.FillAsync("input[name=budget2569]", "12000");
        await page.CheckAsync("input[name=targetGroups][value='เด็กและเยาวชน']");
        await page.FillAsync("textarea[name=objectives]", "ให้เยาวชนรู้จักแยกแยะผลประโยชน์ส่วนตนและส่วนรวม");
        await page.ClickAsync("#save-project");
        var row = page.Locator("#dimension-1 tr.project");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("td.budget[data-year='2569']")).ToHaveTextAsync("12,000");

        // Budget raised: the history shows who, when and the amounts before and after.
        await row.Locator("a.edit").ClickAsync();
        await page.FillAsync("input[name=budget2569]", "18000");
        await page.ClickAsync("#save-project");
        await Assertions.Expect(page.Locator("#dimension-1 td.budget[data-year='2569']")).ToHaveTextAsync("18,000");
        await Assertions.Expect(page.Locator("#plan-history tr.change[data-action='budget'] .budget-change"))
            .ToHaveTextAsync("ปี 2569: 12,000 → 18,000");
        await Assertions.Expect(page.Locator("#plan-history tr.change[data-action='budget'] td").Nth(1)).ToHaveTextAsync(code);
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "plan-budget-history.png"), FullPage = true });

        // Round 1 of FY2569 (due 30 เม.ย. 2569): report the project, submit, and the round locks.
        await page.ClickAsync("#reports-link");
        await page.WaitForURLAsync($"**/lao/{code}/reports");
        await page.GotoAsync($"{baseUrl}/lao/{code}/reports?fy=2569");
        var round1 = page.Locator("#round-1");
        await Assertions.Expect(round1.Locator(".due")).ToHaveTextAsync("30 เม.ย. 2569");
        await Assertions.Expect(round1).ToHaveAttributeAsync("data-state", "missing");
        await round1.Locator("input[name=ordinanceBudget]").FillAsync("15000");
        await round1.Locator("input[name=disbursed]").FillAsync("9000");
        await round1.Locator("select[name=status]").SelectOptionAsync("อยู่ระหว่างดำเนินการ");
        await round1.Locator("button.save-line").ClickAsync();
        await Assertions.Expect(page.Locator("#round-1 .saved")).ToHaveCountAsync(1);
        await page.Locator("#round-1 button.submit-round").ClickAsync();
        await Assertions.Expect(page.Locator("#round-1")).ToHaveAttributeAsync("data-state", "late");
        await Assertions.Expect(page.Locator("#round-1 button.save-line")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#round-1 tr.line td").Nth(3)).ToHaveTextAsync("9,000");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "plan-round-submitted.png"), FullPage = true });

        // The province reopens it with a reason; the LAO can edit again.
        await page.ClickAsync("#logout");
        await SignInAsync(page, baseUrl, "sing");
        await page.GotoAsync($"{baseUrl}/province/สิงห์บุรี/reporting?fy=2569&round=1");
        await Assertions.Expect(page.Locator($"#reporting tr[data-code='{code}']")).ToHaveAttributeAsync("data-state", "late");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "plan-province-reporting.png"), FullPage = true });
        await page.Locator($"#reporting tr[data-code='{code}'] a").ClickAsync();
        await page.Locator("#round-1 input[name=reason]").FillAsync("ยอดเบิกจ่ายไม่ตรงกับฎีกา");
        await page.Locator("#round-1 button.reopen-round").ClickAsync();
        await Assertions.Expect(page.Locator("#round-1")).ToHaveAttributeAsync("data-state", "missing");
        await Assertions.Expect(page.Locator("#round-1 .reopened")).ToContainTextAsync("ยอดเบิกจ่ายไม่ตรงกับฎีกา");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "plan-round-reopened.png"), FullPage = true });
        await page.ClickAsync("#logout");
        await SignInAsync(page, baseUrl, code);
        await page.GotoAsync($"{baseUrl}/lao/{code}/reports?fy=2569");
        await Assertions.Expect(page.Locator("#round-1 button.save-line")).ToHaveCountAsync(1);
        output.WriteLine("screenshots: " + shots);
    }

    private static async Task SignInAsync(IPage page, string baseUrl, string username)
    {
        await page.GotoAsync(baseUrl + "/account/login");
        await page.FillAsync("input[name=Username]", username);
        await page.FillAsync("input[name=Password]", Password);
        await page.ClickAsync("form button[type=submit]");
        await Assertions.Expect(page.Locator("#signed-in-as")).ToHaveTextAsync(username);
    }

}
