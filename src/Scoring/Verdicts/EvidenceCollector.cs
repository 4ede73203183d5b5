using PlanNacc.Crawler;
using PlanNacc.Scoring.Classification;
using PlanNacc.Scoring.Thai;

namespace PlanNacc.Scoring.Verdicts;

/// <summary>
/// Turns a snapshot into evidence: every distinct link (site chrome once), classified from its text, its hub-table
/// row, its menu label, its URL and its target's own title, with the target's fetch state.
/// </summary>
public sealed class EvidenceCollector(DisclosureClassifier classifier)
{
    private const int TargetTextLimit = 6000;

    private static readonly string[] PlaceholderWords =
        ["อยู่ระหว่างจัดทำ", "อยู่ระหว่างการจัดทำ", "อยู่ระหว่างปรับปรุง", "อยู่ระหว่างดำเนินการจัดทำ", "ยังไม่มีข้อมูล", "ไม่พบข้อมูล",
            "coming soon", "under construction"];
    private static readonly string[] TemplateWords = ["lorem ipsum", "dolor sit amet", "consectetur adipiscing"];
    private static readonly HashSet<string> GenericTexts =
    [
        "คลิก", "คลิ๊ก", "คลิกที่นี่", "คลิ๊กที่นี่", "ดาวน์โหลด", "ดาวโหลด", "download", "click", "click here", "link", "ลิงก์", "ลิ้งค์",
        "อ่านต่อ", "รายละเอียด", "ดูรายละเอียด", "ดูทั้งหมด", "more", "read more", "เปิด", "ไฟล์แนบ", "เอกสารแนบ", "pdf", "ที่นี่", "view",
            "ดู",
    ];

    public IReadOnlyList<Evidence> Collect(SiteSnapshot snapshot, int criteriaYear, SiteChrome chrome)
    {
        var pages = new Dictionary<string, PageSnapshot>(StringComparer.Ordinal);
        foreach (var p in snapshot.Pages) pages.TryAdd(Key(p.Url), p);
        var docs = new Dictionary<string, DocumentSnapshot>(StringComparer.Ordinal);
        foreach (var d in snapshot.Documents) docs.TryAdd(Key(d.Url), d);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in snapshot.Errors) errors.TryAdd(Key(e.Url), e.Error);
        var chromeImages = ChromeImages(snapshot.Pages);
        var homes = HomeKeys(snapshot);

        var seen = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var childKinds = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var targetCache = new Dictionary<string, TargetInfo>(StringComparer.Ordinal);
        var titleCache = new Dictionary<string, TargetTitle>(StringComparer.Ordinal);
        var normCache = new Dictionary<string, string>(StringComparer.Ordinal);
        var ownCache = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var result = new List<Evidence>();
        // message forms on a few pages are channels; one on most pages is a sidebar box of the template, judged nowhere
        var formPages = snapshot.Pages.Count(p => p.MessageForms > 0);
        var formsAreChrome = formPages > 3 && formPages * 3 > snapshot.Pages.Count;
        var formTargets = new Dictionary<string, Evidence>(StringComparer.Ordinal);
        // pages some link names in full as another item ("ติดต่อเรา", "ร้องเรียนการทุจริต"): their form is that item's
        var namedOtherwise = new HashSet<string>(StringComparer.Ordinal);
        foreach (var page in snapshot.Pages.OrderBy(p => p.Depth))
        {
            var pathAssessment = AssessmentYearOf(page.ClickPath);
            var pageKey = Key(page.Url);
            if (!childKinds.TryGetValue(pageKey,
                out var children)) childKinds[pageKey] = children = new HashSet<string>(StringComparer.Ordinal);
            // a script's pop-up menu or button (window.open, location) is a link the reader clicks like any other
            foreach (var link in page.ScriptLinks.Count == 0 ? page.Links : page.Links.Concat(page.ScriptLinks))
            {
                if (!IsFollowable(link.Url)) continue;
                // a dialog of this page is its own target: the page with the dialog's id
                var urlKey = link.InPageText is null ? Key(link.Url) : link.Url.AbsoluteUri;
                if (!normCache.TryGetValue(link.Text, out var textNorm))
                {
                    textNorm = ThaiText.Normalize(link.Text);
                    normCache[link.Text] = textNorm;
                }
                // a link repeated across pages (menus, footers) is judged once; the page it sits on still counts as its list
                var inBody = IsBody(link);
                if (seen.TryGetValue(urlKey + "\n" + textNorm, out var known))
                {
                    if (urlKey != pageKey && inBody) children.UnionWith(known);
                    continue;
                }

                TargetInfo FullTarget()
                {
                    if (!targetCache.TryGetValue(urlKey, out var t))
                    {
                        t = link.InPageText is { } dialog ? InPageTarget(dialog, link.InPageImages > 0, page)
                            : Target(urlKey, pages, docs, errors, chrome, chromeImages, criteriaYear);
                        targetCache[urlKey] = t;
                    }
                    return t;
                }
                TargetTitle TitleOfTarget()
                {
                    if (!titleCache.TryGetValue(urlKey, out var t))
                    {
                        t = Title(urlKey, pages, docs, chrome);
                        titleCache[urlKey] = t;
                    }
                    return t;
                }
                // the home page is every item's hub: a link to it ("หน้าแรก", the site's name, the logo) is evidence of nothing
                // unless its own words name an item
                var toHome = homes.Contains(urlKey);
                var c = toHome && IsGeneric(textNorm) ? Classification.Classification.Empty
                    : ClassifyLink(link, textNorm, criteriaYear, TitleOfTarget, FullTarget, pathAssessment, toHome,
                        () => PageTitle(page, chrome));
                seen[urlKey + "\n" + textNorm] = c.Kinds;
                if (urlKey != pageKey && inBody) children.UnionWith(c.Kinds);
                var path = page.ClickPath.Count > 0 ? page.ClickPath.Append(link.Text).ToList() : ["หน้าหลัก", link.Text];
                if (!formsAreChrome && KindRules.MessageFormKind is { } formKind && !c.Kinds.Contains(formKind)
                    && link.InPageText is null && urlKey != pageKey && pages.TryGetValue(urlKey, out var formPage)
                    && formPage.MessageForms > 0)
                {
                    if (c.Kinds.Count > 0 && !c.InPart && c.Kinds[0] != "ita-hub") namedOtherwise.Add(urlKey);
                    else if (!formTargets.ContainsKey(urlKey)
                        && MessageFormEvidence(formKind, link, textNorm, FullTarget(), path, page, chrome) is { } form)
                    {
                        formTargets[urlKey] = form;
                    }
                }
                if (c.Kinds.Count == 0)
                {
                    continue;
                }
                var target = FullTarget();
                var ownWords = ownCache.TryGetValue(textNorm, out var ow) ? ow
                    : ownCache[textNorm] = IsGeneric(textNorm) ? [] : classifier.ClassifyNormalized(textNorm, null, criteriaYear).Kinds;
                var linkNames = c.Kinds.Any(ownWords.Contains);
                var (state, detail, support) = Agreement(c.Kinds, target, linkNames);
                // a link that names its item only in part is evidence only when the page it opens agrees, at least in part
                // (a "รับเรื่องราวร้องทุกข์" footer link to a page for "เรื่องทั่วไป" is no corruption channel)
                if (c.InPart && target is { State: TargetState.Ok, Text: not null } && !c.Kinds.Any(target.TitleKinds.Contains)
                    && !c.Kinds.Any(target.Mentioned.Contains))
                {
                    continue;
                }
                var shown = Shown(link, textNorm);
                result.Add(new Evidence
                {
                    Url = link.Url,
                    Text = shown,
                    LinkText = ReferenceEquals(shown, link.Text) ? null : link.Text,
                    Classification = c,
                    Path = path,
                    FoundOn = page.Url,
                    Chrome = chrome.IsChrome(link),
                    State = state,
                    StateDetail = detail,
                    Support = support,
                    LinkNamesKind = linkNames,
                    InPart = NamesInPart(c, target),
                    TargetText = target.Text,
                    TargetHasImages = target.HasImages,
                    TargetYears = target.Years,
                    FetchedAt = target.FetchedAt,
                    ContentHash = target.ContentHash,
                });
            }
        }
        // a message form is evidence once per page, unless some link names that page in full as another item (order-free)
        result.AddRange(formTargets.Where(f => !namedOtherwise.Contains(f.Key)).Select(f => f.Value));
        for (var i = 0; i < result.Count; i++)
        {
            var e = result[i];
            if (childKinds.TryGetValue(Key(e.Url), out var kinds) && e.Kinds.Any(kinds.Contains))
            {
                result[i] = e with { IsListing = true };
            }
        }
        return result;
    }

    /// <summary>What a place shows: the link's own text, or its context when the text names nothing ("ดาวน์โหลด", an icon).</summary>
    private static string Shown(LinkInfo link, string textNorm) =>
        IsGeneric(textNorm) && link.Context is { Length: > 0 } context ? context : link.Text;

    /// <summary>
    /// A page whose main content holds a message form (the public writes a text and sends it): evidence of the form kind, in
    /// part (at most review) unless the page's own title or text names the kind in full. An empty or unreadable page is none,
    /// and so is a form whose link or page title says in full what else it is for (a contact page, a corruption-complaint form).
    /// </summary>
    private static Evidence? MessageFormEvidence(string kind, LinkInfo link, string textNorm, TargetInfo target, List<string> path,
        PageSnapshot on, SiteChrome chrome)
    {
        if (target.State != TargetState.Ok) return null;
        if (target.TitleKinds.Count > 0 && !target.TitleInPart && !target.TitleKinds.Contains(kind)) return null;
        var full = !target.TitleInPart && target.TitleKinds.Contains(kind) || target.Mentioned.Contains(kind);
        var shown = Shown(link, textNorm);
        if (shown.Trim().Length == 0) shown = target.OwnTitle ?? "";
        return new Evidence
        {
            Url = link.Url,
            Text = shown,
            LinkText = ReferenceEquals(shown, link.Text) ? null : link.Text,
            Classification = new Classification.Classification { Kinds = [kind], Confidence = 0.5, InPart = !full },
            Path = path,
            FoundOn = on.Url,
            Chrome = chrome.IsChrome(link),
            State = TargetState.Ok,
            Support = target.TitleKinds.Contains(kind) && !target.TitleInPart ? ContentSupport.Title : ContentSupport.Text,
            InPart = !full,
            TargetText = target.Text,
            TargetHasImages = target.HasImages,
            TargetYears = target.Years,
            FetchedAt = target.FetchedAt,
            ContentHash = target.ContentHash,
        };
    }

    /// <summary>
    /// Link text against content: a read target whose own title or text speaks of the link's kind confirms it; one whose
    /// title names only another kind is a mismatch (a copy of another item's page, another document); one that names
    /// nothing cannot confirm it.
    /// </summary>
    private static (TargetState State, string? Detail, ContentSupport Support) Agreement(IReadOnlyList<string> kinds, TargetInfo target,
        bool linkNamesKind)
    {
        // a scanned page still has its own title: one that names the item is the item's page, for a person to confirm
        if (target.State != TargetState.Ok)
        {
            return (target.State, target.Detail, kinds.Any(target.TitleKinds.Contains) ? ContentSupport.Title : ContentSupport.Unknown);
        }
        if (kinds.Any(target.TitleKinds.Contains)) return (TargetState.Ok, null, ContentSupport.Title);
        // a title that names a kind only in part ("ร้องทุกข์") does not make another item's link a mismatch
        if (target.TitleKinds.Count > 0 && !target.TitleInPart && !kinds.Any(target.Mentioned.Contains))
        {
            return (TargetState.Mismatch, DisclosureKinds.Get(target.TitleKinds[0]).LabelEn, ContentSupport.None);
        }
        if (kinds.Any(target.Mentioned.Contains)) return (TargetState.Ok, null, ContentSupport.Text);
        // a target whose text was not read (an office file) is judged by its link; a read target that names nothing confirms
        // the item only when the link's own words name it (a news article, a form under "ร้องเรียน")
        if (target.Text is null || linkNamesKind) return (TargetState.Ok, null, ContentSupport.Unknown);
        return (TargetState.Ok, null, ContentSupport.None);
    }

    private Classification.Classification ClassifyLink(LinkInfo link, string textNorm, int criteriaYear, Func<TargetTitle> titleOf,
        Func<TargetInfo> fullTarget, int? pathAssessment, bool toHome, Func<string?> pageTitle)
    {
        var url = link.Url.ToString();
        var generic = IsGeneric(textNorm);
        var c = generic ? Classification.Classification.Empty : classifier.ClassifyNormalized(textNorm, null, criteriaYear);
        if (c.Negative is not null) return c;
        if (toHome) return c;

        // "ดูทั้งหมด", "อ่านต่อ" to a page: the page's own title says what it lists or tells better than the text around the
        // link (a box whose heading is a picture lends the previous box's words)
        if (generic && !MainContent.IsDocument(link.Url) && titleOf().OwnTitle is { Length: > 0 } pageTitleOfTarget)
        {
            var t = classifier.ClassifyNormalized(pageTitleOfTarget, null, criteriaYear);
            if (t.Negative is null && t.Kinds.Count > 0 && t.Kinds[0] != "ita-hub") c = t;
        }

        // "ดาวน์โหลด", an icon, a file name that names nothing: the document is what its nearest context (card heading,
        // caption, the heading before it, title/aria-label) says it is
        if (c.Kinds.Count == 0 && link.Context is { Length: > 0 } context)
        {
            var x = classifier.ClassifyNormalized(ThaiText.Normalize(context), null, criteriaYear);
            if (x.Negative is not null) return x;
            if (x.Kinds.Count > 0 && x.Kinds[0] != "ita-hub") c = Merge(x, c);
        }

        // a document behind "ดาวน์โหลด" whose nearest context names nothing (a tab called "คำแถลงการ", a bare file name) belongs
        // to the page that lists it: that page's own title and headings ("เทศบัญญัติปี 2561") name it, its context adds the year
        if (generic && c.Kinds.Count == 0 && MainContent.IsDocument(link.Url) && pageTitle() is { Length: > 0 } listedOn)
        {
            var context2 = link.Context is { Length: > 0 } lc ? ThaiText.Normalize(lc) + " " : "";
            var p = classifier.ClassifyNormalized(context2 + listedOn, null, criteriaYear);
            if (p.Negative is null && p.Kinds.Count > 0 && p.Kinds[0] != "ita-hub") c = p with { Confidence = p.Confidence * 0.8 };
        }

        // a link shown as its URL or "ดาวน์โหลด": its file name names the document better than the hub row's item title
        if (generic && c.Kinds.Count == 0)
        {
            var u = classifier.ClassifyNormalized("", url, criteriaYear);
            if (u.Kinds.Count > 0 && u.Kinds[0] != "ita-hub") c = u;
        }

        if (c.Kinds.Count == 0 && generic && titleOf().OwnTitle is { Length: > 0 } ownTitle)
        {
            var t = classifier.ClassifyNormalized(ownTitle, null, criteriaYear);
            if (t.Kinds.Count > 0 && t.Kinds[0] != "ita-hub") c = t;
        }
        if (c.Kinds.Count == 0 && link.RowText is { Length: > 0 } row)
        {
            var r = classifier.ClassifyNormalized(ThaiText.Normalize(row), null, criteriaYear);
            if (r.Kinds.Count > 0 || r.Negative is not null) c = Merge(r, c);
        }
        if (c.Kinds.Count == 0 && link.MenuLabel is { Length: > 0 } menu)
        {
            var m = classifier.ClassifyNormalized(ThaiText.Normalize(menu + " " + link.Text), null, criteriaYear);
            // a link inside the ITA menu is an item, not the hub itself
            if (m.Kinds.Count > 0 && m.Kinds[0] != "ita-hub") c = Merge(m with { Confidence = m.Confidence * 0.9 }, c);
        }
        if (c.Kinds.Count == 0 && titleOf().OwnTitle is { Length: > 0 } title)
        {
            var t = classifier.ClassifyNormalized(title, null, criteriaYear);
            if (t.Kinds.Count > 0) c = Merge(t with { Confidence = t.Confidence * 0.9 }, c);
        }
        if (c.Kinds.Count == 0)
        {
            var u = classifier.ClassifyNormalized("", url, criteriaYear);
            if (u.Kinds.Count > 0) c = Merge(u, c);
        }
        if (c.Kinds.Count == 0) return c;

        // the year: the link, its row, the URL, then the target's own words
        if (c.FiscalYear is null && c.FiscalYearSpan is null)
        {
            var y = link.RowText is { Length: > 0 } rt ? FiscalYearExtractor.Extract(rt) : YearFinding.None;
            if (y.FiscalYear is null && y.Span is null) y = FiscalYearExtractor.ExtractFromUrl(url);
            if (y.FiscalYear is null && y.Span is null && titleOf().Years is { } ty) y = ty;
            if (y.FiscalYear is null && y.Span is null && fullTarget().LeadYears is { } ly) y = ly;
            if (y.FiscalYear is not null || y.Span is not null)
            {
                c = c with { FiscalYear = y.FiscalYear, FiscalYearSpan = y.Span };
            }
        }
        if (c.AssessmentYear is null && (pathAssessment ?? AssessmentYearOf(link.MenuLabel)) is { } ay)
        {
            c = c with { AssessmentYear = ay };
        }
        return c;
    }

    private static Classification.Classification Merge(Classification.Classification kinds, Classification.Classification years) =>
        kinds.FiscalYear is null && kinds.FiscalYearSpan is null && (years.FiscalYear is not null || years.FiscalYearSpan is not null)
            ? kinds with { FiscalYear = years.FiscalYear, FiscalYearSpan = years.FiscalYearSpan }
            : kinds;

    // menus, headers and footers repeat on every page; only links in the page's own body make it a list of documents
    private static bool IsBody(LinkInfo link) =>
        link.Region is null || !(link.Region.Equals("nav", StringComparison.OrdinalIgnoreCase)
            || link.Region.Equals("script", StringComparison.OrdinalIgnoreCase)
            || link.Region.Equals("header", StringComparison.OrdinalIgnoreCase)
            || link.Region.Equals("footer", StringComparison.OrdinalIgnoreCase));

    // a text that names nothing: empty (an icon), "ดาวน์โหลด", a year alone, a URL
    private static bool IsGeneric(string textNorm) =>
        textNorm.Length == 0 || GenericTexts.Contains(textNorm) || IsOnlyYear(textNorm)
        || textNorm.StartsWith("http", StringComparison.Ordinal) || textNorm.StartsWith("www.", StringComparison.Ordinal)
        || (textNorm.Length <= 60 && OnlyGenericWords(textNorm));

    // "คลิกที่นี้เพื่อดาวน์โหลดไฟล์ PDF", "ดูไฟล์", "Read more »": every word an action or a file type, none a subject
    private static readonly string[] GenericWords =
    [
        "ดาวน์โหลด", "ดาวโหลด", "คลิก", "คลิ๊ก", "ที่นี่", "ที่นี้", "เพื่อ", "ไฟล์", "เอกสาร", "แนบ", "อ่าน", "ต่อ", "ดู",
        "รายละเอียด", "เพิ่มเติม", "ทั้งหมด", "เปิด", "ลิงก์", "ลิ้งค์", "ลิงค์",
        "download", "click", "here", "read", "more", "view", "file", "pdf", "docx", "doc",
        "xlsx", "xls", "link", "open", "details", "detail",
    ];

    private static bool OnlyGenericWords(string textNorm)
    {
        var compact = CompactText.Of(textNorm);
        if (compact.Length == 0) return true;
        foreach (var w in GenericWords) compact = compact.Replace(w, "", StringComparison.Ordinal);
        return compact.Length == 0;
    }

    private static bool IsOnlyYear(string norm)
    {
        foreach (var ch in norm)
        {
            if (ThaiText.IsThaiLetter(ch) && !"ปีงบประมาณพศ".Contains(ch)) return false;
            if (char.IsAsciiLetter(ch)) return false;
        }
        return true;
    }

    private static int? AssessmentYearOf(IReadOnlyList<string> path)
    {
        foreach (var step in path)
        {
            if (AssessmentYearOf(step) is { } y) return y;
        }
        return null;
    }

    private static int? AssessmentYearOf(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var y = FiscalYearExtractor.Extract(text);
        var norm = ThaiText.Normalize(text);
        return y.AssessmentYear ?? (norm.Contains("ita", StringComparison.Ordinal) || norm.Contains("oit",
            StringComparison.Ordinal) ? y.FiscalYear : null);
    }

    private sealed record TargetTitle(string? OwnTitle, YearFinding? Years);

    // the root the crawl started from, where it landed, and the host's "/" (with its index file): the home page
    private static HashSet<string> HomeKeys(SiteSnapshot snapshot)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in new[] { snapshot.Root, snapshot.FinalRoot })
        {
            if (root is null || !root.IsAbsoluteUri) continue;
            keys.Add(Key(root));
            var origin = root.GetLeftPart(UriPartial.Authority);
            keys.Add(Key(new Uri(origin + "/")));
            foreach (var index in new[] { "index.php", "index.html", "index.htm", "default.aspx", "main.php" })
            {
                keys.Add(Key(new Uri(origin + "/" + index)));
                if (root.AbsolutePath.EndsWith('/') && root.AbsolutePath.Length > 1) keys.Add(Key(new Uri(root, index)));
            }
        }
        return keys;
    }

    // what a page is called by itself: its title, else its first heading, chrome lines cut (later headings name its parts:
    // the tabs of a budget page, the sections of an article)
    private static string? PageTitle(PageSnapshot page, SiteChrome chrome)
    {
        foreach (var line in page.Headings.Prepend(page.Title ?? ""))
        {
            var n = ThaiText.Normalize(line);
            if (n.Length > 0 && !chrome.IsChromeLine(n)) return n;
        }
        return null;
    }

    private static TargetTitle Title(string key, Dictionary<string, PageSnapshot> pages, Dictionary<string, DocumentSnapshot> docs,
        SiteChrome chrome)
    {
        string? title = null;
        if (docs.TryGetValue(key, out var doc)) title = doc.Title is { Length: > 0 } dt ? ThaiText.Normalize(dt) : null;
        else if (pages.TryGetValue(key, out var page) && page.StatusCode < 400) title = OwnTitle(page, chrome);
        return new TargetTitle(title, title is null ? null : NullIfEmpty(FiscalYearExtractor.ExtractNormalized(title)));
    }

    private sealed record TargetInfo(TargetState State, string? Detail, string? Text, string? OwnTitle, bool HasImages,
        IReadOnlyList<int> Years, YearFinding? TitleYears, YearFinding? LeadYears, DateTimeOffset? FetchedAt, string? ContentHash)
    {
        /// <summary>The kind the target's own title (or document title) names, if any.</summary>
        public IReadOnlyList<string> TitleKinds { get; init; } = [];
        /// <summary>The title names its kinds only in part (an in-part rule: "ช่องทางร้องทุกข์" for the corruption channel).</summary>
        public bool TitleInPart { get; init; }
        /// <summary>Every kind the target's title and main text speak of.</summary>
        public IReadOnlySet<string> Mentioned { get; init; } = new HashSet<string>();
    }

    private TargetInfo Target(string key, Dictionary<string, PageSnapshot> pages, Dictionary<string, DocumentSnapshot> docs,
        Dictionary<string, string> errors, SiteChrome chrome, HashSet<string> chromeImages, int criteriaYear)
    {
        if (docs.TryGetValue(key, out var doc))
        {
            if (doc.StatusCode >= 400) return new TargetInfo(TargetState.Unreachable, $"http {doc.StatusCode}", null, null, false, [],
                null, null, doc.FetchedAt, doc.ContentHash);
            var text = ThaiText.Normalize(Cap(doc.Text));
            var title = ThaiText.Normalize(doc.Title);
            var years = FiscalYearExtractor.ExtractNormalized(text);
            if (doc.Unreadable)
            {
                return new TargetInfo(TargetState.Unreadable, doc.UnreadableReason ?? "unreadable", text, title, false, years.Mentioned,
                    NullIfEmpty(FiscalYearExtractor.ExtractNormalized(title)), null, doc.FetchedAt, doc.ContentHash);
            }
            // an image linked as the document is a scan: a person must read it; an office file whose text was not read is
            // content unknown (judged by its link and context), not an empty page
            var image = doc.ContentType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true;
            var state = text.Length == 0 && image ? TargetState.Unreadable
                : text.Length > 0 && IsPlaceholder(text, hasOther: true) ? TargetState.Placeholder : TargetState.Ok;
            var detail = state switch { TargetState.Placeholder => "placeholder", TargetState.Unreadable => "image", _ => null };
            return new TargetInfo(state, detail, text.Length == 0 ? null : text, title, false, years.Mentioned,
                NullIfEmpty(FiscalYearExtractor.ExtractNormalized(title)), NullIfEmpty(FiscalYearExtractor.ExtractNormalized(Lead(text))),
                    doc.FetchedAt, doc.ContentHash)
            {
                TitleKinds = KindsOfTitle(title, criteriaYear, out var docTitleInPart),
                TitleInPart = docTitleInPart,
                Mentioned = classifier.KindsMentioned(ContentWindow(title, text)),
            };
        }
        if (pages.TryGetValue(key, out var page))
        {
            if (page.StatusCode >= 400) return new TargetInfo(TargetState.Unreachable, $"http {page.StatusCode}", null, null, false, [],
                null, null, page.FetchedAt, page.ContentHash);
            var main = ThaiText.Normalize(Cap(chrome.MainText(page)));
            var own = OwnTitle(page, chrome);
            var images = page.Images.Any(i => !chromeImages.Contains(i.Url.ToString()));
            var ownYears = chrome.WithoutChromeYears(main);
            var years = FiscalYearExtractor.ExtractNormalized(ownYears);
            var content = MainContent.Of(page, main, chrome, chromeImages);
            var state = TargetState.Ok;
            string? detail = null;
            if (content.IsFrameOnly)
            {
                state = TargetState.Unreadable;
                detail = "frame-only";
            }
            else if (content.IsEmpty)
            {
                state = TargetState.Placeholder;
                detail = "empty";
            }
            else if (IsPlaceholder(main, hasOther: true) || content.IsPlaceholder)
            {
                state = TargetState.Placeholder;
                detail = "placeholder";
            }
            else if (content.IsImageOnly)
            {
                state = TargetState.Unreadable;
                detail = "image-only";
            }
            return new TargetInfo(state, detail, main, own, images, years.Mentioned,
                own is null ? null : NullIfEmpty(FiscalYearExtractor.ExtractNormalized(own)),
                NullIfEmpty(FiscalYearExtractor.ExtractNormalized(Lead(ownYears))), page.FetchedAt, page.ContentHash)
            {
                TitleKinds = KindsOfTitle(own, criteriaYear, out var pageTitleInPart),
                TitleInPart = pageTitleInPart,
                Mentioned = classifier.KindsMentioned(ContentWindow(own, main)),
            };
        }
        if (errors.TryGetValue(key, out var error))
        {
            return new TargetInfo(TargetState.Unreachable, error, null, null, false, [], null, null, null, null);
        }
        return new TargetInfo(TargetState.NotFetched, null, null, null, false, [], null, null, null, null);
    }

    // a dialog's text is all it holds: empty below a line of its own, else read like a page's main text
    private TargetInfo InPageTarget(string dialog, bool images, PageSnapshot page)
    {
        var text = ThaiText.Normalize(Cap(dialog));
        var letters = LetterCount(text);
        var state = letters < MainContent.EmptyLetters ? TargetState.Placeholder : TargetState.Ok;
        var years = FiscalYearExtractor.ExtractNormalized(text);
        return new TargetInfo(state, state == TargetState.Placeholder ? "empty" : null, text, null, images, years.Mentioned,
            null, NullIfEmpty(FiscalYearExtractor.ExtractNormalized(Lead(text))), page.FetchedAt, page.ContentHash)
        {
            Mentioned = classifier.KindsMentioned(ContentWindow(null, text)),
        };
    }

    /// <summary>The kinds a target's own title names (the ITA hub and news pages name no item).</summary>
    private IReadOnlyList<string> KindsOfTitle(string? title, int criteriaYear, out bool inPart)
    {
        inPart = false;
        if (string.IsNullOrEmpty(title)) return [];
        var c = classifier.ClassifyNormalized(title, null, criteriaYear);
        if (c.Negative is not null || c.Kinds is [] or ["ita-hub"]) return [];
        inPart = c.InPart;
        return c.Kinds;
    }

    /// <summary>
    /// A place names its item only in part when what named it (link, context or title) was an in-part rule and the target's
    /// own content does not name the kind in full (its title by a full rule, or its text).
    /// </summary>
    private static bool NamesInPart(Classification.Classification c, TargetInfo target) =>
        c.InPart && !(!target.TitleInPart && c.Kinds.Any(target.TitleKinds.Contains)) && !c.Kinds.Any(target.Mentioned.Contains);

    // the title and the first part of the main text: what a reader sees first, bounded so a megabyte page costs no more than a short one
    private static string ContentWindow(string? title, string? text)
    {
        const int window = 1500;
        var t = text ?? "";
        if (t.Length > window) t = t[..window];
        return string.IsNullOrEmpty(title) ? t : title + " " + t;
    }

    internal static bool IsPlaceholder(string normText, bool hasOther)
    {
        foreach (var w in TemplateWords)
        {
            if (normText.Contains(w, StringComparison.Ordinal)) return true;
        }
        if (normText.Length > 600) return false;
        foreach (var w in PlaceholderWords)
        {
            if (normText.Contains(w, StringComparison.Ordinal)) return true;
        }
        return normText.Length == 0 && !hasOther;
    }

    private static string? OwnTitle(PageSnapshot page, SiteChrome chrome)
    {
        var parts = new List<string>();
        if (page.Title is { Length: > 0 } t && !chrome.IsChromeLine(ThaiText.Normalize(t))) parts.Add(ThaiText.Normalize(t));
        foreach (var h in page.Headings)
        {
            var n = ThaiText.Normalize(h);
            if (n.Length > 0 && !chrome.IsChromeLine(n)) parts.Add(n);
            if (parts.Count >= 3) break;
        }
        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    private static HashSet<string> ChromeImages(IReadOnlyList<PageSnapshot> pages)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in pages)
        {
            foreach (var u in p.Images.Select(i => i.Url.ToString()).Distinct()) counts[u] = counts.GetValueOrDefault(u) + 1;
        }
        var threshold = Math.Max(2, pages.Count / 2);
        return pages.Count < 3 ? [] : counts.Where(kv => kv.Value >= threshold).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
    }

    private static int LetterCount(string s)
    {
        var n = 0;
        foreach (var ch in s) if (char.IsLetter(ch)) n++;
        return n;
    }

    private static YearFinding? NullIfEmpty(YearFinding y) => y.IsEmpty ? null : y;

    private static string Lead(string text) => text.Length <= 300 ? text : text[..300];

    private static string? Cap(string? text) => text is null || text.Length <= TargetTextLimit ? text : text[..TargetTextLimit];

    private static bool IsFollowable(Uri url) =>
        !url.IsAbsoluteUri || url.Scheme is "http" or "https";

    internal static string Key(Uri url)
    {
        if (!url.IsAbsoluteUri) return url.OriginalString;
        // AbsoluteUri is computed once per Uri; GetLeftPart builds a new string every call
        var s = url.AbsoluteUri;
        var hash = s.IndexOf('#');
        if (hash >= 0) s = s[..hash];
        return s.EndsWith('/') && url.AbsolutePath.Length > 1 ? s[..^1] : s;
    }
}
