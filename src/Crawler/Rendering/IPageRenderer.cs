namespace PlanNacc.Crawler.Rendering;

/// <summary>Renders script-built pages. One per process; a session per site (a fresh browser context).</summary>
internal interface IPageRenderer : IAsyncDisposable
{
    /// <summary>Null when rendering works; otherwise why not (e.g. "chromium not found").</summary>
    string? UnavailableReason { get; }

    Task<IRenderSession> OpenSessionAsync(Func<Uri, CancellationToken, Task<Fetching.FetchResult>> fetch,
        CancellationToken cancellationToken);
}

/// <summary>One site's rendering context: every request the page makes is answered through the crawler's own fetcher.</summary>
internal interface IRenderSession : IAsyncDisposable
{
    /// <summary>The DOM as HTML after scripts ran, given the page's already fetched bytes.</summary>
    Task<string> RenderAsync(Uri url, Fetching.FetchResult page, CancellationToken cancellationToken);
}
