using AngleSharp.Dom;

namespace PlanNacc.Crawler.Extraction;

/// <summary>
/// Ancestor and descendant look-ups by tag and class without CSS selector strings: AngleSharp parses a selector string on every
/// Closest/QuerySelector call, which made per-link context cost more than parsing the whole page.
/// </summary>
internal static class DomWalk
{
    /// <summary>The element itself or its nearest ancestor with one of the tag names.</summary>
    public static IElement? Closest(IElement? element, string tag, string? orTag = null)
    {
        for (; element is not null; element = element.ParentElement)
        {
            if (element.LocalName == tag || element.LocalName == orTag)
            {
                return element;
            }
        }
        return null;
    }

    /// <summary>The element itself or its nearest ancestor carrying one of the classes.</summary>
    public static IElement? ClosestWithClass(IElement? element, params string[] classes)
    {
        for (; element is not null; element = element.ParentElement)
        {
            var list = element.ClassList;
            if (list.Length == 0)
            {
                continue;
            }
            foreach (var name in classes)
            {
                if (list.Contains(name))
                {
                    return element;
                }
            }
        }
        return null;
    }

    /// <summary>Whether any descendant element satisfies <paramref name="match"/> (depth-first, stops at the first).</summary>
    public static bool HasDescendant(IElement element, Func<IElement, bool> match)
    {
        foreach (var child in element.Children)
        {
            if (match(child) || HasDescendant(child, match))
            {
                return true;
            }
        }
        return false;
    }
}
