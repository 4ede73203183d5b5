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
            if (!Extraction.DomWalk.HasDescendant(mount, IsLink))
            {
                return "empty-app-mount";
            }
        }
        foreach (var menu in body.QuerySelectorAll("nav, #menu, #nav, #navbar, #mainmenu, #main-menu, .menu, .navbar, .nav, [id*='menu'], [id*='Menu'], [class*='menu'], [class*='Menu']"))
        {
            // Only block containers count: a "menu_title" heading or span inside a link is a label, not an empty menu.
            if (menu.LocalName is not ("nav" or "ul" or "ol" or "div" or "section" or "aside" or "header" or "td"))
            {
                continue;
            }
            if (!Extraction.DomWalk.HasDescendant(menu, e => IsLink(e) || e.LocalName == "li") && TextOf(menu).Length < 20
                && Extraction.DomWalk.Closest(menu, "footer") is null && Extraction.DomWalk.Closest(menu, "a") is null)
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

    private static bool IsLink(IElement element) => element.LocalName == "a" && element.HasAttribute("href");
}
