using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace PlanNacc.Crawler.Rendering;

/// <summary>
/// Decides from the static HTML whether a page's menus or content are built by script, so only those pages go to Chromium:
/// an application mount point left empty, a menu container with no links, inline script that writes links, or a page with
/// scripts and next to no links of its own.
/// </summary>
public static class RenderNeedDetector
{
    public static string? Detect(IHtmlDocument document)
    {
        var scripts = document.Scripts;
        if (scripts.Length == 0)
        {
            return null;
        }
        var body = document.Body;
        if (body is null)
        {
            return "no-body-with-scripts";
        }
        foreach (var mount in body.QuerySelectorAll("#app, #root, #__next, [ng-app], [data-reactroot], [data-v-app]"))
        {
            if (mount.QuerySelector("a[href]") is null)
            {
                return "empty-app-mount";
            }
        }
        foreach (var menu in body.QuerySelectorAll("nav, #menu, #nav, #navbar, #mainmenu, #main-menu, .menu, .navbar, .nav, [id*='menu'], [id*='Menu'], [class*='menu'], [class*='Menu']"))
        {
            if (menu.QuerySelector("a[href], li") is null && TextOf(menu).Length < 20 && menu.Closest("footer") is null)
            {
                return "empty-menu-container";
            }
        }
        foreach (var script in scripts)
        {
            if (script.Source is not null)
            {
                continue;
            }
            var code = script.Text;
            if ((code.Contains("innerHTML", StringComparison.Ordinal) || code.Contains("document.write", StringComparison.Ordinal)
                    || code.Contains("createElement", StringComparison.Ordinal) || code.Contains(".append", StringComparison.Ordinal))
                && (code.Contains("href", StringComparison.OrdinalIgnoreCase) || code.Contains("<a", StringComparison.OrdinalIgnoreCase)))
            {
                return "script-built-links";
            }
        }
        var links = body.QuerySelectorAll("a[href]").Count(a => a.GetAttribute("href") is { } href && !href.StartsWith('#') && !href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        if (links < 3 && body.QuerySelector("frame, iframe") is null && document.QuerySelector("frameset") is null)
        {
            return "few-links-with-scripts";
        }
        return null;
    }

    private static string TextOf(IElement element) => element.TextContent.Trim();
}
