using Microsoft.Playwright;
using PlanNacc.Crawler.Fetching;

namespace PlanNacc.Crawler.Rendering;

/// <summary>
/// Renders script-built pages in Debian's Chromium through Playwright: one browser per process (started on first need, recycled after
/// N pages), a fresh context per site, images, fonts and media blocked, and every other request the page makes answered by the crawler's
/// own fetcher, so the browser obeys the same address check, robots.txt, rate limits and byte caps (and the farm's host map).
/// Whatever a page's script could make the browser open outside those routes finds nothing: every connection Chromium would make by
/// itself goes to a proxy that refuses (loopback included), WebRTC may not send UDP except through that proxy, speculative
/// prefetch and prerender are off, and WebSockets are routed and closed. <c>ChromiumLockdownFacts</c> is the canary.
/// </summary>
internal sealed class ChromiumRenderer(CrawlerOptions options) : IPageRenderer
{
    private static readonly string[] Args =
    [
        "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic",
        // No UDP outside the proxy (which has none): a page's RTCPeerConnection can reach no address by itself.
        "--force-webrtc-ip-handling-policy=disable_non_proxied_udp", "--webrtc-ip-handling-policy=disable_non_proxied_udp",
        // Speculation rules and <link rel=prefetch|prerender|preconnect> start requests outside the page's routes.
        "--disable-features=Prerender2,SpeculationRulesPrefetchFuture,PrefetchProxy,NoStatePrefetchHoldback,NetworkPrediction",
        "--blink-settings=dnsPrefetchingEnabled=false",
    ];

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly RefusingProxy proxy = new();
    private readonly string? executable = FindExecutable(options.ChromiumPath);
    private IPlaywright? playwright;
    private Generation? current;
    private string? failure;

    private TimeSpan RenderTimeout => options.RenderTimeout;

    public string? UnavailableReason => executable is null ? "chromium not installed" : failure;

    public async Task<IRenderSession> OpenSessionAsync(Func<Uri, CancellationToken, Task<FetchResult>> fetch,
        CancellationToken cancellationToken)
    {
        var generation = await AcquireAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var context = await generation.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                UserAgent = UserAgent.For(options.ContactUrl),
                ServiceWorkers = ServiceWorkerPolicy.Block,
                Locale = "th-TH",
                AcceptDownloads = false,
            }).ConfigureAwait(false);
            return new Session(this, generation, context, fetch);
        }
        catch (PlaywrightException e)
        {
            await ReleaseAsync(generation).ConfigureAwait(false);
            throw new RenderException("context: " + e.Message, browserUnusable: true, e);
        }
    }

    private async Task<Generation> AcquireAsync(CancellationToken cancellationToken)
    {
        if (executable is null)
        {
            throw new RenderException("chromium not installed", browserUnusable: true);
        }
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (current is null || current.Retired)
            {
                try
                {
                    playwright ??= await PlaywrightStart.CreateAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The Playwright driver ships in the NuGet package's output; a broken copy must not take the crawl down.
                    failure = "playwright driver unavailable: " + e.Message.Split('\n')[0];
                    throw new RenderException(failure, browserUnusable: true, e);
                }
                var args = Environment.UserName == "root" ? [.. Args, "--no-sandbox"] : Args;
                IBrowser browser;
                try
                {
                    browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                    {
                        ExecutablePath = executable,
                        Headless = true,
                        Args = args,
                        // Loopback is not bypassed (Playwright adds <-loopback>): the browser itself connects to nothing else.
                        Proxy = new Proxy { Server = proxy.Address },
                        Timeout = 30_000,
                    }).ConfigureAwait(false);
                }
                catch (PlaywrightException e)
                {
                    failure = "chromium failed to start: " + e.Message.Split('\n')[0];
                    throw new RenderException(failure, browserUnusable: true, e);
                }
                current = new Generation(browser);
            }
            current.Sessions++;
            return current;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task ReleaseAsync(Generation generation)
    {
        bool close;
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            generation.Sessions--;
            close = generation.Retired && generation.Sessions == 0;
        }
        finally
        {
            gate.Release();
        }
        if (close)
        {
            await generation.Browser.CloseAsync().ConfigureAwait(false);
        }
    }

    private void CountPage(Generation generation)
    {
        if (Interlocked.Increment(ref generation.Pages) >= options.RenderRecycleAfterPages)
        {
            generation.Retired = true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (current is not null)
        {
            await current.Browser.CloseAsync().ConfigureAwait(false);
        }
        playwright?.Dispose();
        gate.Dispose();
        proxy.Dispose();
    }

    internal static string? FindExecutable(string? configured) =>
        new[] { configured, Environment.GetEnvironmentVariable("PLANNACC_CHROMIUM"), "/usr/lib/chromium/chromium", "/usr/bin/chromium" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    private sealed class Generation(IBrowser browser)
    {
        public IBrowser Browser { get; } = browser;
        public int Sessions;
        public int Pages;
        public volatile bool Retired;
    }

    private sealed class Session(ChromiumRenderer owner, Generation generation, IBrowserContext context, Func<Uri, CancellationToken,
        Task<FetchResult>> fetch) : IRenderSession
    {
        public async Task<string> RenderAsync(Uri url, FetchResult page, CancellationToken cancellationToken)
        {
            owner.CountPage(generation);
            IPage browserPage;
            try
            {
                browserPage = await context.NewPageAsync().ConfigureAwait(false);
            }
            catch (PlaywrightException e)
            {
                throw new RenderException("browser gone: " + e.Message.Split('\n')[0], browserUnusable: true, e);
            }
            try
            {
                await browserPage.RouteAsync("**/*", route => AnswerAsync(route, url, page, cancellationToken)).ConfigureAwait(false);
                // Routed and refused: without a route a WebSocket would go to the network by itself (through the refusing proxy).
                await browserPage.RouteWebSocketAsync(_ => true, RefuseWebSocket).ConfigureAwait(false);
                var timeout = (float)owner.RenderTimeout.TotalMilliseconds;
                await browserPage.GotoAsync(url.AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = timeout })
                    .WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await browserPage.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 2000 })
                        .WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // A page that keeps polling never goes idle; what it built by now is what we read.
                }
                return await browserPage.ContentAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PlaywrightException e)
            {
                throw new RenderException(e.Message.Split('\n')[0], browserUnusable: false, e);
            }
            catch (TimeoutException e)
            {
                throw new RenderException("timeout", browserUnusable: false, e);
            }
            finally
            {
                try
                {
                    // A page spinning in script may not close politely; the context closes it with the site.
                    await browserPage.CloseAsync(new PageCloseOptions { RunBeforeUnload = false }).WaitAsync(TimeSpan.FromSeconds(5))
                        .ConfigureAwait(false);
                }
                catch (Exception e) when (e is TimeoutException or PlaywrightException)
                {
                }
            }
        }

        private static void RefuseWebSocket(IWebSocketRoute socket) =>
            _ = socket.CloseAsync(new WebSocketRouteCloseOptions { Code = 1008, Reason = "not crawled" })
                .ContinueWith(t => t.Exception, TaskScheduler.Default);

        private async Task AnswerAsync(IRoute route, Uri pageUrl, FetchResult page, CancellationToken cancellationToken)
        {
            var request = route.Request;
            try
            {
                // Stylesheets too: a script-built menu is in the DOM without them, and each would cost the site a request.
                if (request.ResourceType is "image" or "font" or "media" or "stylesheet" or "websocket" or "eventsource"
                    || request.Method != "GET")
                {
                    await route.AbortAsync().ConfigureAwait(false);
                    return;
                }
                if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
                {
                    await route.AbortAsync().ConfigureAwait(false);
                    return;
                }
                var result = request.IsNavigationRequest && target.AbsoluteUri == pageUrl.AbsoluteUri ? page : await fetch(target,
                    cancellationToken).ConfigureAwait(false);
                if (result.StatusCode == 0)
                {
                    await route.AbortAsync().ConfigureAwait(false);
                    return;
                }
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                if (result.Headers.TryGetValue("Content-Type", out var type))
                {
                    headers["Content-Type"] = type;
                }
                await route.FulfillAsync(new RouteFulfillOptions { Status = result.StatusCode, Headers = headers,
                    BodyBytes = result.Body }).ConfigureAwait(false);
            }
            catch (Exception e) when (e is PlaywrightException or OperationCanceledException)
            {
                // The page was closed or the render timed out while this request was in flight: nothing left to answer.
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await context.CloseAsync().ConfigureAwait(false);
            }
            catch (PlaywrightException)
            {
                // The browser went away first; the context went with it.
            }
            await owner.ReleaseAsync(generation).ConfigureAwait(false);
        }
    }
}
