using AngleSharp.Dom;

namespace PlanNacc.Crawler.Extraction;

/// <summary>
/// The nearest context of a short link ("ดาวน์โหลด", "คลิกที่นี่", an icon, a bare file name), as a reader would read it:
/// the link's own title or aria-label, the heading of the card it sits in, the caption of its table or figure, or the
/// heading before it. Bounded: a fixed number of elements is looked at per link, whatever the page's size.
/// </summary>
internal static class AnchorContext
{
    /// <summary>Links whose text is at most this long get a context (longer texts name themselves).</summary>
    public const int ShortLink = 40;
    private const int MaxContext = 300;
    private const int Budget = 80;

    /// <summary>Per page: each parent's element children, read once (sibling steps in AngleSharp scan the parent's child list).</summary>
    public sealed class Cache
    {
        private readonly Dictionary<IElement, (IElement[] Kids, Dictionary<IElement, int> At)> _kids = [];
        private readonly Dictionary<IElement, int> _links = [];
        private readonly Dictionary<IElement, string?> _headings = [];

        /// <summary>Links under a container, counted once per page (up to four: a card holds few).</summary>
        public int Links(IElement container)
        {
            if (!_links.TryGetValue(container, out var n))
            {
                foreach (var e in Descendants(container, 200))
                {
                    if (e.LocalName == "a" && ++n >= 4) break;
                }
                _links[container] = n;
            }
            return n;
        }

        /// <summary>The first heading in a small container that is not itself inside a link, read once per page.</summary>
        public string? Heading(IElement container)
        {
            if (!_headings.TryGetValue(container, out var h))
            {
                foreach (var e in Descendants(container, Budget))
                {
                    if (IsHeading(e) && DomWalk.Closest(e, "a") is null && !HasLink(e) && Text(e) is { } t)
                    {
                        h = t;
                        break;
                    }
                }
                _headings[container] = h;
            }
            return h;
        }

        /// <summary>The elements before <paramref name="e"/> under its parent, nearest first.</summary>
        public IEnumerable<IElement> Before(IElement e)
        {
            if (e.ParentElement is not { } parent) yield break;
            if (!_kids.TryGetValue(parent, out var k))
            {
                var kids = parent.Children.ToArray();
                var at = new Dictionary<IElement, int>(kids.Length);
                for (var i = 0; i < kids.Length; i++) at[kids[i]] = i;
                _kids[parent] = k = (kids, at);
            }
            for (var i = k.At[e] - 1; i >= 0; i--) yield return k.Kids[i];
        }
    }

    public static string? Of(IElement link, string linkText, Cache cache)
    {
        foreach (var attr in new[] { "title", "aria-label" })
        {
            if (TextFolding.Fold(link.GetAttribute(attr), MaxContext) is { Length: > 0 } a && a != linkText) return a;
        }
        var budget = Budget;
        // a card: the nearest small container holding a heading (before or after the link) and few links
        var container = link.ParentElement;
        for (var level = 0; container is not null && level < 4; level++, container = container.ParentElement)
        {
            if (IsBoundary(container)) break;
            if (container.LocalName is "tr") break; // a table row: its text is the row text already
            if (cache.Links(container) > 3) break;
            if (cache.Heading(container) is { } h) return h;
        }
        // the caption of the table or figure around it (its own child: a layout table holding the page is not searched)
        var up = 0;
        for (var e = link.ParentElement; e is not null && !IsBoundary(e) && up < 12; e = e.ParentElement, up++)
        {
            if (e.LocalName is not ("table" or "figure")) continue;
            foreach (var child in e.Children)
            {
                if (child.LocalName is "caption" or "figcaption" && Text(child) is { } c) return c;
            }
        }
        // the heading before it, in document order
        for (var node = link; node is not null && !IsBoundary(node) && budget > 0; node = node.ParentElement)
        {
            budget--;
            foreach (var sib in cache.Before(node))
            {
                if (--budget <= 0) break;
                if (IsHeading(sib) && Text(sib) is { } t) return t;
                if (LastHeadingWithin(sib, ref budget) is { } inner) return inner;
            }
        }
        return null;
    }

    private static bool IsBoundary(IElement e) => e.LocalName is "body" or "html" or "nav" or "header" or "footer";

    private static bool IsHeading(IElement e) =>
        e.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "caption" or "figcaption" or "dt" or "legend" or "th"
        || (e.LocalName is "strong" or "b" && e.ParentElement?.ChildElementCount <= 3)
        || HasTitleClass(e);

    private static bool HasTitleClass(IElement e)
    {
        var c = e.GetAttribute("class");
        return c is not null && (c.Contains("title", StringComparison.OrdinalIgnoreCase)
            || c.Contains("heading", StringComparison.OrdinalIgnoreCase)
            || c.Contains("card-header", StringComparison.OrdinalIgnoreCase) || c.Contains("caption", StringComparison.OrdinalIgnoreCase));
    }

    private static bool HasLink(IElement e)
    {
        foreach (var d in Descendants(e, 20))
        {
            if (d.LocalName == "a") return true;
        }
        return false;
    }

    private static string? LastHeadingWithin(IElement element, ref int budget)
    {
        string? last = null;
        foreach (var e in Descendants(element, budget))
        {
            budget--;
            // a teaser's title is a link of its own: it names that teaser, not the box this link closes
            if (e.LocalName is "a" || DomWalk.Closest(e, "a") is not null) continue;
            if (IsHeading(e) && Text(e) is { } t) last = t;
        }
        return last;
    }

    // depth-first, in document order, at most `limit` elements; children are enumerated lazily, so a wide element costs its first few
    private static IEnumerable<IElement> Descendants(IElement root, int limit)
    {
        var stack = new Stack<IEnumerator<IElement>>();
        stack.Push(root.Children.AsEnumerable().GetEnumerator());
        try
        {
            while (stack.Count > 0 && limit > 0)
            {
                var top = stack.Peek();
                if (!top.MoveNext())
                {
                    stack.Pop().Dispose();
                    continue;
                }
                limit--;
                yield return top.Current;
                stack.Push(top.Current.Children.AsEnumerable().GetEnumerator());
            }
        }
        finally
        {
            while (stack.Count > 0) stack.Pop().Dispose();
        }
    }

    private static string? Text(IElement e) => TextFolding.TextOf(e, MaxContext) is { Length: > 1 } t ? t : null;
}
