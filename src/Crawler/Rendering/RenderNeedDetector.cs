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
        // One walk over the body collects what the checks below need (selector queries each walked the whole tree).
        var mounts = new List<IElement>();
        var menus = new List<IElement>();
        var links = 0;
        var framed = document.QuerySelector("frameset") is not null;
        var stack = new Stack<IElement>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            Classify(element, mounts, menus, ref links, ref framed);
            for (var child = element.LastElementChild; child is not null; child = child.PreviousElementSibling)
            {
                stack.Push(child);
            }
        }
        foreach (var mount in mounts)
        {
            if (!Extraction.DomWalk.HasDescendant(mount, IsLink))
            {
                return "empty-app-mount";
            }
        }
        foreach (var menu in menus)
        {
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
        if (links < 3 && !framed)
        {
            return "few-links-with-scripts";
        }
        return null;
    }

    private static void Classify(IElement element, List<IElement> mounts, List<IElement> menus, ref int links, ref bool framed)
    {
        var name = element.LocalName;
        if (name == "a")
        {
            if (element.GetAttribute("href") is { } href && !href.StartsWith('#') && !href.StartsWith("javascript:",
                StringComparison.OrdinalIgnoreCase))
            {
                links++;
            }
            return;
        }
        if (name is "frame" or "iframe")
        {
            framed = true;
            return;
        }
        var id = element.Id;
        if (id is "app" or "root" or "__next" || element.HasAttribute("ng-app") || element.HasAttribute("data-reactroot")
            || element.HasAttribute("data-v-app"))
        {
            mounts.Add(element);
        }
        // Only block containers count: a "menu_title" heading or span inside a link is a label, not an empty menu.
        if (name is not ("nav" or "ul" or "ol" or "div" or "section" or "aside" or "header" or "td"))
        {
            return;
        }
        var classes = element.GetAttribute("class");
        if (name == "nav"
            || (id is not null && (id.Contains("menu", StringComparison.OrdinalIgnoreCase) || id is "nav" or "navbar"))
            || (classes is not null && (classes.Contains("menu", StringComparison.OrdinalIgnoreCase) || HasToken(classes,
                "nav") || HasToken(classes, "navbar"))))
        {
            menus.Add(element);
        }
    }

    private static bool HasToken(string classes, string token) => classes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(token);

    private static string TextOf(IElement element) => element.TextContent.Trim();

    private static bool IsLink(IElement element) => element.LocalName == "a" && element.HasAttribute("href");
}
