using Microsoft.Playwright;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Storage;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Tests.Runs;

/// <summary>/runs/{id} in real Chromium against `serve` (the built assembly as a process): the page follows the run as results
/// land.</summary>
[Collection(WorkerProcesses.Name)]
public sealed class RunPageBrowserFacts(BrowserFixture browsers) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "plannacc-runs-e2e", Guid.NewGuid().ToString("N"));

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
    public async Task RunPage_FollowsTheRunLive_ThenShowsHowItEnded_OnAPhone()
    {
        var port = WebProcess.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        await using var web = WebProcess.Start(["serve", "--urls", baseUrl, "--data-dir", _dataDir],
            new Dictionary<string, string> { ["Scans__SweepEvery"] = "00:00:00", ["Logging__LogLevel__Default"] = "Warning" });
        await web.WaitForHealthAsync(baseUrl);
        var database = new Database(new StorageOptions { DataDir = _dataDir });
        var codes = new[] { TestData.NewCode(), TestData.NewCode(), TestData.NewCode() };
        await new LaoStore(database).UpsertAsync(codes.Select(c => TestData.Lao(c)).ToList(), "test");
        var runId = await new RunStore(database).CreateAsync("nightly", "all", 2568, codes);
        var scans = new ScanStore(database);
        await scans.SaveAsync(TestData.Result(runId, codes[0], []));

        var browser = await browsers.BrowserAsync();
        var context =
            await browser.NewContextAsync(new() { Locale = "th-TH", ViewportSize = new() { Width = 375, Height = 812 }, IsMobile = true,
                HasTouch = true });
        var page = await context.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };
        await page.GotoAsync($"{baseUrl}/runs/{runId}");
        Assert.Equal(("1", "2"), (await page.InnerTextAsync("#run-done"), await page.InnerTextAsync("#run-left")));

        // A second site ends: the numbers move without a reload, with a rate and an ETA in Bangkok time.
        await scans.SaveAsync(TestData.Result(runId, codes[1], []));
        await page.WaitForFunctionAsync("() => document.getElementById('run-done').textContent === '2'", null, new() { Timeout = 30_000 });
        Assert.Equal("1", await page.InnerTextAsync("#run-left"));
        Assert.Matches(@"^\d+ [ก-๙.]+ 25\d\d \d\d:\d\d$", await page.InnerTextAsync("#run-eta"));
        Assert.Equal(2, await page.EvalOnSelectorAsync<int>("#run-bar", "b => b.value"));

        // The last one fails with markup in its reason: the page reloads once to show the end, the reason as text.
        const string reason = "<img src=x onerror=alert(1)> http 503";
        await scans.SaveAsync(TestData.Result(runId, codes[2], [], status: "timeout") with { Reason = reason, Report = null });
        await page.WaitForFunctionAsync("() => document.getElementById('run').dataset.finished === 'true' && " +
            "!!document.querySelector('.reason')", null, new() { Timeout = 30_000 });
        Assert.StartsWith("เสร็จ", await page.InnerTextAsync("#run-state"));
        Assert.Equal(reason, await page.InnerTextAsync(".reason"));
        Assert.Equal(0, await page.Locator("#failures img").CountAsync());
        Assert.Equal(0, dialogs);
        // Usable on a phone: nothing wider than the screen.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the run page scrolls sideways on a 375 px screen");
        var shots = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(shots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "run-finished-phone.png"), FullPage = true });
        await page.GotoAsync($"{baseUrl}/runs");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the runs list scrolls sideways on a 375 px screen");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "runs-phone.png"), FullPage = true });
    }

}
