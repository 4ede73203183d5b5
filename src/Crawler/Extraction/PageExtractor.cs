using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using PlanNacc.Crawler.Rendering;

namespace PlanNacc.Crawler.Extraction;

/// <summary>What the crawler reads off one HTML document.</summary>
public sealed record ExtractedPage
{
    public string? Title { get; init; }
    public IReadOnlyList<string> Headings { get; init; } = [];
    public string Text { get; init; } = string.Empty;
    public IReadOnlyList<LinkInfo> Links { get; init; } = [];
    public IReadOnlyList<ImageInfo> Images { get; init; } = [];
    /// <summary>A &lt;meta http-equiv="refresh"&gt; target (old LAO home pages forward this way).</summary>
    public Uri? RefreshTo { get; init; }
    /// <summary>Why the page's menus or content look script-built, or null when the static HTML is enough.</summary>
    public string? RenderReason { get; init; }
    /// <summary>Forms outside menus, headers and footers with a text area or at least two fields (a search box is not one).</summary>
    public int Forms { get; init; }
    /// <summary>
    /// Of those, forms where the public writes a free-text message and sends it: a text area (or a field named as the message)
    /// and a submit control, with no password field (a login is not one; a search box has no message).
    /// </summary>
    public int MessageForms { get; init; }
}

/// <summary>Title, headings, bounded text, links with their menu/row/region context, and images, from HTML text with AngleSharp.</summary>
public static class PageExtractor
{
    public const int DefaultMaxText = 20_000;
    private const int MaxLinks = 3000;
    private const int MaxImages = 300;
    private const int MaxRowText = 300;

    public static ExtractedPage Extract(string html, Uri pageUrl, int maxText = DefaultMaxText)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var document = parser.ParseDocument(html);
        return Extract(document, pageUrl, maxText);
    }

    public static ExtractedPage Extract(IHtmlDocument document, Uri pageUrl, int maxText = DefaultMaxText)
    {
        var baseUrl = pageUrl;
        if (document.QuerySelector("base[href]")?.GetAttribute("href") is { } baseHref && Uri.TryCreate(pageUrl, baseHref.Trim(),
            out var declared) && declared.Scheme is "http" or "https")
        {
            baseUrl = declared;
        }
        var renderReason = RenderNeedDetector.Detect(document);
        var (forms, messageForms) = CountForms(document);
        var body = (INode?)document.Body ?? document.DocumentElement;
        return new ExtractedPage
        {
            Title = Nullable(TextFolding.Fold(document.Title, 500)),
            Headings = document.QuerySelectorAll("h1, h2, h3").Select(h => TextFolding.TextOf(h, 500)).Where(t => t.Length > 0).Take(100)
                .ToList(),
            Text = body is null ? string.Empty : TextFolding.TextOf(body, maxText),
            Links = ReadLinks(document, baseUrl, pageUrl),
            Images = ReadImages(document, baseUrl),
            RefreshTo = ReadRefresh(document, baseUrl),
            RenderReason = renderReason,
            Forms = forms,
            MessageForms = messageForms,
        };
    }

    private const int MaxForms = 50;

    private static (int Forms, int MessageForms) CountForms(IHtmlDocument document)
    {
        int n = 0, messages = 0;
        foreach (var form in document.QuerySelectorAll("form"))
        {
            if (DomWalk.Closest(form, "nav", "header") is not null || DomWalk.Closest(form, "footer") is not null) continue;
            var fields = 0;
            bool textArea = false, message = false, submit = false, password = false;
            foreach (var field in form.QuerySelectorAll("input, textarea, select, button"))
            {
                var type = field.GetAttribute("type")?.ToLowerInvariant();
                if (field.LocalName == "button" || type is "submit" or "image")
                {
                    submit |= field.LocalName != "button" || type is null or "submit";
                    continue;
                }
                if (type is "hidden" or "button" or "reset") continue;
                password |= type == "password";
                textArea |= field.LocalName == "textarea";
                message |= field.LocalName == "textarea" || IsMessageField(field);
                fields++;
            }
            if (textArea || fields >= 2) n++;
            if (message && submit && !password) messages++;
            if (n >= MaxForms) break;
        }
        return (n, messages);
    }

    // an input the writer fills with the message itself (name or id "message", "comment", "detail", "ข้อความ")
    private static bool IsMessageField(IElement field)
    {
        if (field.LocalName != "input" || field.GetAttribute("type")?.ToLowerInvariant() is not (null or "text")) return false;
        var name = ((field.GetAttribute("name") ?? "") + " " + (field.GetAttribute("id") ?? "")).ToLowerInvariant();
        return name.Contains("message", StringComparison.Ordinal) || name.Contains("comment", StringComparison.Ordinal)
            || name.Contains("detail", StringComparison.Ordinal) || name.Contains("ข้อความ", StringComparison.Ordinal);
    }

    private static List<LinkInfo> ReadLinks(IHtmlDocument document, Uri baseUrl, Uri pageUrl)
    {
        var links = new List<LinkInfo>();
        var rows = new Dictionary<IElement, string?>();
        var regions = new Dictionary<IElement, string>();
        var labels = new Dictionary<IElement, string?>();
        var context = new AnchorContext.Cache();
        foreach (var element in document.QuerySelectorAll(
            "a[href], area[href], frame[src], iframe[src], [data-toggle=modal], [data-bs-toggle=modal]"))
        {
            if (InPageDialog(document, element, pageUrl) is { } dialog)
            {
                links.Add(dialog with { Region = Region(element, regions), MenuLabel = MenuLabel(element, labels) });
                if (links.Count >= MaxLinks) break;
                continue;
            }
            var isFrame = element.LocalName is "frame" or "iframe";
            var target = Resolve(baseUrl, element.GetAttribute(isFrame ? "src" : "href"));
            if (target is null)
            {
                continue;
            }
            var text = isFrame ? Nullable(element.GetAttribute("title")) ?? Nullable(element.GetAttribute("name")) ?? string.Empty
                : LinkText(element);
            var region = Region(element, regions);
            links.Add(new LinkInfo
            {
                Url = target,
                Text = text,
                MenuLabel = MenuLabel(element, labels),
                RowText = RowText(element, rows),
                Region = region,
                Embedded = isFrame,
                Context = !isFrame && text.Length <= AnchorContext.ShortLink && region is "main" or "aside"
                    ? AnchorContext.Of(element, text, context) : null,
            });
            if (links.Count >= MaxLinks)
            {
                break;
            }
        }
        return links;
    }

    private const int MaxDialogText = 4000;

    // a link or button that opens a modal dialog of this page: its content is the dialog's text, reached by a click
    private static LinkInfo? InPageDialog(IHtmlDocument document, IElement element, Uri pageUrl)
    {
        var toggle = element.GetAttribute("data-toggle") ?? element.GetAttribute("data-bs-toggle");
        if (!string.Equals(toggle, "modal", StringComparison.OrdinalIgnoreCase)) return null;
        var target = element.GetAttribute("data-target") ?? element.GetAttribute("data-bs-target") ?? element.GetAttribute("href");
        if (target is null || !target.Trim().StartsWith('#') || target.Trim().Length < 2) return null;
        var id = target.Trim()[1..];
        if (document.GetElementById(id) is not { } dialog) return null;
        return new LinkInfo
        {
            Url = new UriBuilder(pageUrl) { Fragment = id }.Uri,
            Text = LinkText(element),
            InPageText = TextFolding.TextOf(dialog, MaxDialogText),
            InPageImages = dialog.QuerySelectorAll("img").Length,
        };
    }

    private static List<ImageInfo> ReadImages(IHtmlDocument document, Uri baseUrl)
    {
        var images = new List<ImageInfo>();
        foreach (var image in document.QuerySelectorAll("img"))
        {
            var source = image.GetAttribute("src") ?? image.GetAttribute("data-src");
            if (Resolve(baseUrl, source) is { } url)
            {
                images.Add(new ImageInfo(url, Nullable(TextFolding.Fold(image.GetAttribute("alt"), 300))));
                if (images.Count >= MaxImages)
                {
                    break;
                }
            }
        }
        return images;
    }

    private static Uri? ReadRefresh(IHtmlDocument document, Uri baseUrl)
    {
        foreach (var meta in document.QuerySelectorAll("meta[http-equiv]"))
        {
            if (!string.Equals(meta.GetAttribute("http-equiv"), "refresh", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var content = meta.GetAttribute("content") ?? string.Empty;
            var at = content.IndexOf("url", StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                continue;
            }
            var value = content[(at + 3)..].TrimStart(' ', '=').Trim().Trim('\'', '"');
            return Resolve(baseUrl, value);
        }
        return null;
    }

    internal static Uri? Resolve(Uri baseUrl, string? href)
    {
        if (string.IsNullOrWhiteSpace(href))
        {
            return null;
        }
        href = href.Trim();
        if (href.StartsWith('#') || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
            || href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("tel:",
                StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (!Uri.TryCreate(baseUrl, href, out var url) || url.Scheme is not ("http" or "https"))
        {
            return null;
        }
        if (url.Fragment.Length > 0)
        {
            url = new UriBuilder(url) { Fragment = string.Empty }.Uri;
        }
        return url;
    }

    private static string LinkText(IElement anchor)
    {
        var text = TextFolding.TextOf(anchor, 500);
        if (text.Length > 0)
        {
            return text;
        }
        return Nullable(TextFolding.Fold(anchor.GetAttribute("title"), 500))
            ?? Nullable(TextFolding.Fold(anchor.GetAttribute("aria-label"), 500))
            ?? Nullable(TextFolding.Fold(anchor.GetElementsByTagName("img")
                .FirstOrDefault(i => i.HasAttribute("alt"))?.GetAttribute("alt"), 500))
            ?? string.Empty;
    }

    /// <summary>The label of the menu item a nested menu hangs from: li &gt; ul &gt; li &gt; a gives the outer li's own text.</summary>
    private static string? MenuLabel(IElement link, Dictionary<IElement, string?> labels)
    {
        var item = DomWalk.Closest(link, "li");
        var outer = DomWalk.Closest(item?.ParentElement, "li");
        if (outer is not null)
        {
            if (!labels.TryGetValue(outer, out var label))
            {
                labels[outer] = label = Nullable(OwnLabel(outer));
            }
            return label;
        }
        var submenu = DomWalk.ClosestWithClass(link, "dropdown-menu", "sub-menu", "submenu", "dropdown-content");
        if (submenu?.PreviousElementSibling is { } toggle)
        {
            return Nullable(TextFolding.TextOf(toggle, 200));
        }
        return null;
    }

    private static string OwnLabel(IElement item)
    {
        foreach (var child in item.Children)
        {
            if (child.LocalName is "ul" or "ol")
            {
                continue;
            }
            var text = TextFolding.TextOf(child, 200);
            if (text.Length > 0)
            {
                return text;
            }
        }
        foreach (var node in item.ChildNodes)
        {
            if (node is IText text && TextFolding.Fold(text.Data, 200) is { Length: > 0 } label)
            {
                return label;
            }
        }
        return string.Empty;
    }

    /// <summary>
    /// The text of the data-table row or plain list item around a link. Layout tables (a row holding another table) and menu items with
    /// sub-lists have no row text; each row is read once per page (many links share one row).
    /// </summary>
    private static string? RowText(IElement link, Dictionary<IElement, string?> rows)
    {
        var row = DomWalk.Closest(link, "tr", "li");
        if (row is null)
        {
            return null;
        }
        if (!rows.TryGetValue(row, out var text))
        {
            var layout = row.LocalName == "tr"
                ? DomWalk.HasDescendant(row, e => e.LocalName == "table")
                : DomWalk.HasDescendant(row, e => e.LocalName is "ul" or "ol");
            text = layout ? null : Nullable(TextFolding.TextOf(row, MaxRowText));
            rows[row] = text;
        }
        return text;
    }

    /// <summary>The landmark a link sits in; memoised per ancestor, since hundreds of links share the same few.</summary>
    private static string Region(IElement link, Dictionary<IElement, string> regions) =>
        link.ParentElement is { } parent ? RegionOf(parent, regions) : "main";

    private static string RegionOf(IElement element, Dictionary<IElement, string> regions)
    {
        if (regions.TryGetValue(element, out var known))
        {
            return known;
        }
        var region = OwnRegion(element) ?? (element.ParentElement is { } parent ? RegionOf(parent, regions) : "main");
        regions[element] = region;
        return region;
    }

    private static string? OwnRegion(IElement element)
    {
        switch (element.LocalName)
        {
            case "nav":
                return "nav";
            case "header":
                return "header";
            case "footer":
                return "footer";
            case "aside":
                return "aside";
            case "main" or "article" or "body":
                return "main";
        }
        var role = element.GetAttribute("role");
        if (role is "navigation" or "menubar" or "menu")
        {
            return "nav";
        }
        if (role == "contentinfo")
        {
            return "footer";
        }
        var id = element.Id;
        var classes = element.GetAttribute("class");
        if (string.IsNullOrEmpty(id) && string.IsNullOrEmpty(classes))
        {
            return null;
        }
        if (Marks(id, classes, "footer"))
        {
            return "footer";
        }
        if (Marks(id, classes, "menu") || Marks(id, classes, "nav"))
        {
            return "nav";
        }
        if (Marks(id, classes, "sidebar"))
        {
            return "aside";
        }
        if (Marks(id, classes, "header") || Marks(id, classes, "banner"))
        {
            return "header";
        }
        return null;
    }

    private static bool Marks(string? id, string? classes, string word) =>
        (id?.Contains(word, StringComparison.OrdinalIgnoreCase) ?? false) || (classes?.Contains(word,
            StringComparison.OrdinalIgnoreCase) ?? false);

    private static string? Nullable(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
