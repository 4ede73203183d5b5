namespace PlanNacc.Crawler.Rendering;

/// <summary>A page could not be rendered; <see cref="BrowserUnusable"/> when the browser itself failed (no point trying again).</summary>
public sealed class RenderException(string message, bool browserUnusable, Exception? inner = null) : Exception(message, inner)
{
    public bool BrowserUnusable { get; } = browserUnusable;
}
