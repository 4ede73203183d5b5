using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Notifications;
using PlanNacc.Tests.Shared;
using PlanNacc.Web.Storage;
using PlanNacc.Web.Tests.Runs;

namespace PlanNacc.Web.Tests.Notifications;

/// <summary>/notifications in real Chromium against `serve` (the built assembly), and the unsubscribe link without login.</summary>
[Collection(WorkerProcesses.Name)]
public sealed class SubscriptionPageBrowserFacts(BrowserFixture browsers) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "plannacc-notify-e2e", Guid.NewGuid().ToString("N"));

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
    public async Task SubscriptionsPage_SavesAProvinceOfficersChoices_AndTheMailsLinkUnsubscribesWithoutLogin()
    {
        var port = WebProcess.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        await using var web = WebProcess.Start(["serve", "--urls", baseUrl, "--data-dir", _dataDir], new Dictionary<string, string>
        {
            ["Scans__SweepEvery"] = "00:00:00",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Notifications__PublicUrl"] = baseUrl,
        });
        await web.WaitForHealthAsync(baseUrl);
        var database = new Database(new StorageOptions { DataDir = _dataDir });
        var accounts = new AccountStore(database, Options.Create(new AccountOptions()), TimeProvider.System);
        await accounts.CreateUserAsync("officer-sb", Roles.Province, "สิงห์บุรี", null, "a-long-password-1", "test");

        var browser = await browsers.BrowserAsync();
        var context = await browser.NewContextAsync(new() { Locale = "th-TH" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/account/login");
        await page.FillAsync("#login-form input[name=Username]", "officer-sb");
        await page.FillAsync("#login-form input[name=Password]", "a-long-password-1");
        await page.ClickAsync("#login-form button[type=submit]");
        // Signed in, an officer lands on the province page (empty here); the layout's link leads to the notifications.
        await FarmRun.WaitForAsync(async () => (await context.CookiesAsync()).Any(c => c.Name == "plannacc_auth"),
            "the officer was never signed in", TimeSpan.FromMinutes(1), web);
        await page.GotoAsync(baseUrl + "/notifications");
        Assert.Equal("/notifications", await page.GetAttributeAsync("#notifications-nav", "href"));
        Assert.Equal("จังหวัดสิงห์บุรี", await page.InnerTextAsync("#reach"));
        Assert.True(await page.IsCheckedAsync("#language input[value=th]"));

        // A bad address is refused with the reason; then the officer chooses English, weekly, and drops one event.
        await page.FillAsync("input[name=Email]", "not an address");
        await page.EvalOnSelectorAsync("#subscription-form", "f => f.noValidate = true");
        await page.ClickAsync("#save");
        Assert.Equal("ที่อยู่อีเมลไม่ถูกต้อง", await page.InnerTextAsync("#error"));
        await page.FillAsync("input[name=Email]", "analyst@singburi.go.th");
        await page.CheckAsync("#language input[value=en]");
        await page.CheckAsync($"#frequency input[value={Frequencies.Weekly}]");
        await page.UncheckAsync($"#events input[value={EventTypes.SiteUnreachable}]");
        await page.ClickAsync("#save");
        Assert.Equal("บันทึกการตั้งค่าแล้ว", await page.InnerTextAsync("#message"));

        var store = new NotificationStore(database, TimeProvider.System);
        var saved = (await store.SubscriptionAsync("officer-sb"))!;
        Assert.Equal(("analyst@singburi.go.th", "en", Frequencies.Weekly, "province", "สิงห์บุรี", true),
            (saved.Email, saved.Language, saved.Frequency, saved.Role, saved.Province, saved.Enabled));
        Assert.Equal(EventTypes.All.Where(t => t != EventTypes.SiteUnreachable), saved.EventList);

        await page.GotoAsync(baseUrl + "/notifications");
        Assert.Equal("analyst@singburi.go.th", await page.InputValueAsync("input[name=Email]"));
        Assert.True(await page.IsCheckedAsync($"#frequency input[value={Frequencies.Weekly}]"));
        Assert.False(await page.IsCheckedAsync($"#events input[value={EventTypes.SiteUnreachable}]"));

        // The link in a mail, opened where nobody is signed in: a tampered one does nothing, the real one unsubscribes.
        var link = await new UnsubscribeLinks(store, Options.Create(new NotificationOptions { PublicUrl = baseUrl })).LinkAsync(saved.Id);
        var stranger = await (await browser.NewContextAsync()).NewPageAsync();
        var tampered = await stranger.GotoAsync(link.AbsoluteUri.Replace($"s={saved.Id}", $"s={saved.Id + 1}", StringComparison.Ordinal));
        Assert.Equal(400, tampered!.Status);
        Assert.True(await stranger.IsVisibleAsync("#invalid"));
        Assert.True((await store.SubscriptionAsync("officer-sb"))!.Enabled);
        var response = await stranger.GotoAsync(link.AbsoluteUri);
        Assert.Equal(200, response!.Status);
        Assert.True(await stranger.IsVisibleAsync("#unsubscribed"));
        Assert.False((await store.SubscriptionAsync("officer-sb"))!.Enabled);

        await page.GotoAsync(baseUrl + "/notifications");
        Assert.True(await page.IsVisibleAsync("#unsubscribed"));
        Assert.False(await page.IsCheckedAsync("#enabled"));
        var shots = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(shots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "notifications-page.png"), FullPage = true });
    }
}
