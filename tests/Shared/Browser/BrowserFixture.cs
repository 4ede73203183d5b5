using Microsoft.Playwright;
using PlanNacc.Crawler.Rendering;

namespace PlanNacc.Tests.Shared;

/// <summary>
/// One Chromium for a test class (Debian's, as platform.md says: no browser download), started once and closed at the end;
/// each test opens its own context. The arguments keep the closed network's background calls from failing.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The browser, started on first use (a class whose tests all skip never starts it).</summary>
    public async Task<IBrowser> BrowserAsync()
    {
        if (_browser is null)
        {
            _playwright = await StartPlaywrightAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = TestEnvironment.ChromiumPath, Args = Args });
        }
        return _browser;
    }

    /// <summary>The driver started as the crawler starts it (<see cref="PlaywrightStart"/>: no console deadlock).</summary>
    private static Task<IPlaywright> StartPlaywrightAsync() => PlaywrightStart.CreateAsync();

    /// <summary>A desktop window, Thai locale.</summary>
    public static BrowserNewContextOptions Desktop => new() { Locale = "th-TH", ViewportSize = new() { Width = 1280, Height = 900 } };

    /// <summary>A phone, Thai locale.</summary>
    public static BrowserNewContextOptions Phone =>
        new() { Locale = "th-TH", ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
