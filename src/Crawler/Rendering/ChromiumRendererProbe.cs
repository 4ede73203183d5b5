namespace PlanNacc.Crawler.Rendering;

/// <summary>Where the crawler would find Chromium (options aside): PLANNACC_CHROMIUM, /usr/lib/chromium/chromium,
/// /usr/bin/chromium.</summary>
public static class ChromiumRendererProbe
{
    /// <summary>The executable found, or null when Chromium is not installed.</summary>
    public static string? Executable => ChromiumRenderer.FindExecutable(null);
}
