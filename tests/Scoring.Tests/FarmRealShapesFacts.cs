using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PlanNacc.Crawler;
using PlanNacc.Scoring.Criteria;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.SiteFarm;
using Xunit.Abstractions;

namespace PlanNacc.Scoring.Tests;

/// <summary>
/// The site farm's real-site shapes (issue 12, must show 1): each class is present with ground truth, renders as the
/// real pages it was drawn from, and is judged as the truth says when a farm site carrying it is scanned for real
/// (crawler over loopback HTTP, no rendering): a placeholder page fails its item as empty, a page against its link is
/// no pass, a document behind a generic anchor is found with its context's kind, a chrome year is no page's year, and a
/// standing item's evidence is its dedicated page, not the general one.
/// </summary>
public class FarmRealShapesFacts(FarmRealShapesFacts.Scanned scanned, ITestOutputHelper output)
    : IClassFixture<FarmRealShapesFacts.Scanned>
{
    private const int Year = 2568;

    internal static readonly FarmOptions Options = new() { Sites = 56, Seed = 2568, PagesPerSite = 80, FiscalYear = Year };

    private static readonly string[] GenericWords =
        ["ดาวน์โหลด", "download", "คลิก", "ดูไฟล์", "อ่านต่อ", "รายละเอียด", "ไฟล์แนบ"];

    /// <summary>The farm's normal static sites (js-menu needs rendering; its own facts are the crawler's).</summary>
    private static readonly Lazy<IReadOnlyList<FarmSite>> Generated = new(() => Farm.Generate(Options));

    private static IEnumerable<FarmSite> Sites => Generated.Value.Where(s => !s.Hostile && s.Shape != "js-menu");

    private static IEnumerable<(FarmSite Site, GroundTruth Truth)> WithTrap(string trap) =>
        Sites.SelectMany(s => s.Truth.Where(t => t.Trap == trap).Select(t => (s, t)));

    // ---------- ground truth and bytes (no server) ----------

    [Fact]
    public void EveryClass_IsPresent_WithItsGroundTruth()
    {
        string[] all =
        [
            .. Traps.Placeholders, .. Traps.Anchors, Traps.ContradictsCopy, Traps.ContradictsDocument, Traps.ChromeYear,
            Traps.StandingGeneral, Traps.StandingDedicated,
        ];
        foreach (var trap in all)
        {
            var found = WithTrap(trap).ToList();
            output.WriteLine($"{trap,-26} {found.Count,4} truth entries on {found.Select(f => f.Site.Host).Distinct().Count()} sites");
            Assert.True(found.Count > 0, $"no {trap} on the farm");
        }
        Assert.All(Traps.Placeholders.SelectMany(WithTrap), f => Assert.True(f.Truth.Placeholder, f.Truth.Url.ToString()));
        Assert.All(WithTrap(Traps.ContradictsCopy).Concat(WithTrap(Traps.ContradictsDocument)),
            f => Assert.True(f.Truth.Mismatch && !f.Truth.Placeholder, f.Truth.Url.ToString()));
        Assert.All(Traps.Anchors.SelectMany(WithTrap), f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Truth.Context), f.Truth.Url.ToString());
            Assert.NotEqual(f.Truth.Context, f.Truth.LinkText);
            Assert.NotEqual("none", f.Truth.Kind);
        });
        Assert.All(WithTrap(Traps.StandingGeneral), f => Assert.Equal("none", f.Truth.Kind));
        Assert.All(WithTrap(Traps.StandingDedicated), f => Assert.Contains(f.Truth.Kind, new[] { "authority", "org-structure" }));
    }

    [Fact]
    public void Placeholders_RenderInEveryForm_WithNothingOfTheirOwn()
    {
        foreach (var trap in Traps.Placeholders)
        {
            var (_, truth) = WithTrap(trap).First();
            var main = MainOf(truth.Url);
            output.WriteLine($"{trap}: {Squash(main.TextContent)}");
            Assert.DoesNotContain(main.QuerySelectorAll("a"), a => a.GetAttribute("href") is not ("/" or null));
            Assert.True(Squash(main.TextContent).Length < 120, $"{trap}: {main.TextContent}");
            switch (trap)
            {
                case Traps.PlaceholderHeadingOnly:
                    Assert.Single(main.Children);
                    break;
                case Traps.PlaceholderEmptyTable:
                    Assert.Empty(main.QuerySelectorAll("tbody tr"));
                    Assert.NotEmpty(main.QuerySelectorAll("thead th"));
                    break;
                case Traps.PlaceholderEmptyList:
                    Assert.Empty(main.QuerySelectorAll("ul li"));
                    break;
                case Traps.PlaceholderBreadcrumb:
                    Assert.Empty(main.QuerySelectorAll("h1, h2, h3"));
                    Assert.NotNull(main.QuerySelector(".breadcrumb"));
                    break;
                case Traps.PlaceholderImage:
                    Assert.Single(main.QuerySelectorAll("img"));
                    break;
            }
        }
        var phrases = WithTrap(Traps.PlaceholderPhrase).Select(f => Squash(MainOf(f.Truth.Url).QuerySelector("p")!.TextContent))
            .Distinct().ToList();
        output.WriteLine("phrasings: " + string.Join(" | ", phrases));
        Assert.True(phrases.Count >= 5, string.Join(" | ", phrases));
    }

    [Fact]
    public void GenericAnchors_SitInTheirContext_InEveryLayout()
    {
        foreach (var trap in Traps.Anchors)
        {
            var samples = WithTrap(trap).Take(4).ToList();
            foreach (var (site, truth) in samples)
            {
                var parent = ParentOf(site, truth);
                Assert.NotNull(parent);
                var anchor = MainOf(parent!).QuerySelectorAll("a")
                    .First(a => new Uri(parent!, a.GetAttribute("href")!).AbsolutePath == truth.Url.AbsolutePath);
                var text = Squash(anchor.TextContent);
                Assert.Equal(truth.LinkText, text);
                Assert.True(text.Length == 0 || GenericWords.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase))
                    || text.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) || text.Contains('.', StringComparison.Ordinal),
                    $"{trap}: anchor text '{text}' is not generic");
                Assert.Contains(truth.Context!, NearestContext(anchor), StringComparison.Ordinal);
            }
            output.WriteLine($"{trap}: {samples.Count} anchors checked, e.g. '{samples[0].Truth.LinkText}' in "
                + $"'{samples[0].Truth.Context}'");
        }
    }

    [Fact]
    public void ChromeYears_AreOnEveryPageOfTheirSite_AndNotTheirTruth()
    {
        var pages = WithTrap(Traps.ChromeYear).ToList();
        var span = $"(พ.ศ. {Year - 2}-{Year + 2})";
        var spans = 0;
        foreach (var (site, truth) in pages.Take(60))
        {
            var text = Squash(new HtmlParser().ParseDocument(Html(truth.Url)).Body!.TextContent);
            Assert.Contains($"ITA) ประจำปีงบประมาณ พ.ศ. {Year - 1}", text, StringComparison.Ordinal);
            // the development plan's menu entry carries its span on every page, or on none
            var onHome = Squash(new HtmlParser().ParseDocument(Html(site.Root)).Body!.TextContent).Contains(span, StringComparison.Ordinal);
            Assert.Equal(onHome, text.Contains(span, StringComparison.Ordinal));
            spans += onHome ? 1 : 0;
        }
        Assert.True(spans > 0, "no chrome-year page shows the development plan's span in its menu");
        // the truth keeps each page's own year: standing pages have none, dated ones their own
        Assert.Contains(pages, p => p.Truth.FiscalYear is null && p.Truth.FiscalYearSpan is null);
        Assert.Contains(pages, p => p.Truth.FiscalYear == Year);
    }

    [Fact]
    public void ContradictingAndGeneralPages_HoldContent_ButNotTheirLinksItem()
    {
        foreach (var (site, truth) in WithTrap(Traps.ContradictsCopy))
        {
            var text = Squash(MainOf(truth.Url).TextContent);
            // content of its own, so emptiness cannot explain it: only reading it against the link can
            Assert.True(text.Length > 150, $"{truth.Url}: {text}");
            Assert.DoesNotContain("จัดให้มีและบำรุงรักษาทางน้ำและทางบก", text, StringComparison.Ordinal);
            Assert.DoesNotContain("สำนักปลัด", text, StringComparison.Ordinal);
        }
        foreach (var (site, truth) in WithTrap(Traps.ContradictsDocument))
        {
            var links = MainOf(truth.Url).QuerySelectorAll("a[href]").Select(a => new Uri(truth.Url, a.GetAttribute("href")!)).ToList();
            var doc = Assert.Single(links);
            // the document is no evidence for the kind the page claims
            Assert.DoesNotContain(site.Truth, t => t.Url.AbsolutePath == doc.AbsolutePath && t.Kind == truth.Kind);
        }
        foreach (var (_, truth) in WithTrap(Traps.StandingGeneral))
        {
            var text = Squash(MainOf(truth.Url).TextContent);
            Assert.Contains("อำนาจหน้าที่", text, StringComparison.Ordinal);
            Assert.Contains("กองคลัง", text, StringComparison.Ordinal);
        }
    }

    // ---------- judged on a real scan ----------

    [Theory]
    [InlineData(Traps.PlaceholderPhrase)]
    [InlineData(Traps.PlaceholderHeadingOnly)]
    [InlineData(Traps.PlaceholderEmptyTable)]
    [InlineData(Traps.PlaceholderEmptyList)]
    [InlineData(Traps.PlaceholderBreadcrumb)]
    [InlineData(Traps.PlaceholderImage)]
    public void PlaceholderItems_FailAsEmpty_InEveryForm(string form) => Assert.Single(JudgedPlaceholders([form]));

    /// <summary>Asserts that every item whose only pages are placeholders of these forms fails; returns the forms seen.</summary>
    private HashSet<string> JudgedPlaceholders(string[] forms)
    {
        var seen = new HashSet<string>();
        var wrong = new List<string>();
        foreach (var (site, _, item, expected, cause) in scanned.Items)
        {
            var placeholder = cause.FirstOrDefault(t => t.Placeholder && forms.Contains(t.Trap));
            if (expected != VerdictStatus.Fail || placeholder is null) continue;
            seen.Add(placeholder.Trap!);
            output.WriteLine($"{placeholder.Trap} {site.Shape} {item.Code}: {item.Status} {Reasons(item)}");
            if (item.Status != VerdictStatus.Fail) wrong.Add($"{placeholder.Trap} {placeholder.Url}: {item.Code} {item.Status}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        return seen;
    }

    [Fact]
    public void PagesAgainstTheirLink_AreNeverAPass()
    {
        var n = 0;
        foreach (var (site, verdict, item, expected, cause) in scanned.Items)
        {
            var mismatch = cause.FirstOrDefault(t => t.Mismatch);
            if (mismatch is null || expected == VerdictStatus.Pass) continue;
            n++;
            output.WriteLine($"{mismatch.Trap} {site.Shape} {item.Code}: {item.Status} {Reasons(item)}");
            Assert.True(item.Status != VerdictStatus.Pass, $"{mismatch.Trap} {mismatch.Url}: {item.Code} passed");
        }
        Assert.True(n > 0, "no item rests on a contradicting page in the scanned sites");
    }

    [Fact]
    public void GenericAnchorDocuments_AreFound_WithTheirContextsKind()
    {
        var n = 0;
        var wrong = new List<string>();
        foreach (var (site, verdict, item, expected, cause) in scanned.Items)
        {
            if (expected == VerdictStatus.Fail || cause.Count == 0 || !cause.All(t => t.Trap is { } x && Traps.Anchors.Contains(x)))
            {
                continue;
            }
            n++;
            var via = string.Join(", ", cause.Select(c => $"{c.Trap} '{c.LinkText}' in '{c.Context}'"));
            var urls = cause.Select(c => c.Url.AbsoluteUri).ToHashSet();
            var shown = item.Evidence.FirstOrDefault(e => urls.Contains(new Uri(e.Url).AbsoluteUri));
            var ok = item.Status == expected && shown is not null && cause.Any(c => c.Kind == shown.Kind);
            output.WriteLine($"{(ok ? "ok " : "BAD")} {site.Shape} {item.Code}: {item.Status} (expected {expected}) via {via}");
            if (!ok) wrong.Add($"{item.Code} {item.Status}, expected {expected} via {via}: {Reasons(item)}");
        }
        Assert.True(n > 0, "no item rests on generic-anchor documents only in the scanned sites");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void ChromeYears_NeverBecomeAPagesFiscalYear()
    {
        var n = 0;
        foreach (var (site, verdict, item, _, _) in scanned.Items)
        {
            var truth = site.Truth.Where(t => t.Trap == Traps.ChromeYear).ToDictionary(t => t.Url.AbsoluteUri);
            foreach (var e in item.Evidence)
            {
                if (!truth.TryGetValue(new Uri(e.Url).AbsoluteUri, out var t)) continue;
                n++;
                var chromeSpan = e.FiscalYearSpan is [var a, var b] && a == Year - 2 && b == Year + 2 && t.FiscalYearSpan is null;
                var badgeYear = e.FiscalYear == Year - 1 && t.FiscalYear != Year - 1;
                Assert.False(chromeSpan || badgeYear, $"{e.Url}: evidence year {e.FiscalYear} {Span(e.FiscalYearSpan)}, truth "
                    + $"{t.FiscalYear} {Span(t.FiscalYearSpan)}");
            }
        }
        output.WriteLine($"{n} evidence pages on chrome-year sites checked");

        Assert.True(n > 0);
    }

    [Fact]
    public void StandingItems_RestOnTheirDedicatedPage_NotTheGeneralOne()
    {
        var n = 0;
        foreach (var (site, verdict, item, _, _) in scanned.Items)
        {
            var general = site.Truth.Where(t => t.Trap == Traps.StandingGeneral).Select(t => t.Url.AbsoluteUri).ToHashSet();
            if (general.Count == 0 || !item.Kinds.Any(k => k is "authority" or "org-structure")) continue;
            n++;
            Assert.DoesNotContain(item.Evidence, e => general.Contains(new Uri(e.Url).AbsoluteUri));
            var dedicated = site.Truth.Where(t => t.Trap == Traps.StandingDedicated && item.Kinds.Contains(t.Kind)).ToList();
            if (dedicated.Count > 0 && item.Status == VerdictStatus.Pass)
            {
                Assert.Contains(item.Evidence, e => dedicated.Any(d => d.Url.AbsoluteUri == new Uri(e.Url).AbsoluteUri));
            }
        }
        Assert.True(n > 0, "no standing item on a site with a general page");
    }

    // ---------- helpers ----------

    private static string Reasons(ItemVerdict item) => string.Join(" / ", item.Reasons.Select(r => r.En));

    private static string Span(int[]? span) => span is null ? "" : string.Join("-", span);

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A farm page's text: windows-874 on the tis620 shape (some of its pages say so only in a meta tag).</summary>
    private static string Html(Uri url)
    {
        var page = Farm.Page(Options, url) ?? throw new InvalidOperationException("no page " + url);
        var tis = Generated.Value.First(s => s.Host == url.Host).Shape == "tis620";
        if (!tis)
        {
            return Encoding.UTF8.GetString(page.Body);
        }
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(874).GetString(page.Body);
    }

    private static IElement MainOf(Uri url)
    {
        var doc = new HtmlParser().ParseDocument(Html(url));
        return doc.QuerySelector("main") ?? throw new InvalidOperationException("no main in " + url);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<string, Uri>> Parents = new();

    /// <summary>The page whose main content links a document: every page the home page links, read once per site.</summary>
    private static Uri? ParentOf(FarmSite site, GroundTruth doc) =>
        Parents.GetOrAdd(site.Host, _ => LinkedFrom(site)).GetValueOrDefault(doc.Url.AbsolutePath);

    private static Dictionary<string, Uri> LinkedFrom(FarmSite site)
    {
        var parents = new Dictionary<string, Uri>(StringComparer.Ordinal);
        var home = new HtmlParser().ParseDocument(Html(site.Root));
        foreach (var href in home.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).Distinct())
        {
            if (href.StartsWith("http", StringComparison.Ordinal) || href.StartsWith('#') || href.Contains(':', StringComparison.Ordinal))
            {
                continue;
            }
            var url = new Uri(site.Root, href);
            if (Farm.Page(Options, url) is not { } page || !page.ContentType.StartsWith("text/html", StringComparison.Ordinal)) continue;
            foreach (var a in MainOf(url).QuerySelectorAll("a[href]"))
            {
                parents.TryAdd(new Uri(url, a.GetAttribute("href")!).AbsolutePath, url);
            }
        }
        return parents;
    }

    /// <summary>The text around an anchor a reader takes as its name: its title attribute, else the nearest
    /// ancestor (up to three levels) or preceding heading that holds more than the anchor itself.</summary>
    private static string NearestContext(IElement anchor)
    {
        var text = anchor.GetAttribute("title") ?? "";
        IElement? e = anchor;
        for (var i = 0; i < 3 && e?.ParentElement is { } p; i++, e = p)
        {
            text += " " + Squash(p.TextContent);
            if (p.PreviousElementSibling is { LocalName: "h2" or "h3" or "h4" } h) text += " " + Squash(h.TextContent);
        }
        return text;
    }

    /// <summary>Every static site carrying a real-site class, crawled and scored once for all the facts.</summary>
    public sealed class Scanned : IAsyncLifetime
    {
        public List<(FarmSite Site, SiteVerdict Verdict, ItemVerdict Item, VerdictStatus Expected, List<GroundTruth> Cause)> Items
        { get; } = [];

        public async Task InitializeAsync()
        {
            var all = Sites.ToList();
            // the fewest sites that carry every class, then every site with a contradicting page (they are rare)
            var chosen = new List<FarmSite>();
            string[] classes =
            [
                .. Traps.Placeholders, .. Traps.Anchors, Traps.ContradictsCopy, Traps.ContradictsDocument, Traps.ChromeYear,
                Traps.StandingGeneral,
            ];
            var set = CriteriaCatalog.Default.Exact(Year)!;
            // a site where an item's verdict rests on the class (its only pages, or its evidence), else any carrying it
            bool Decides(FarmSite s, string trap) =>
                set.Items.Any(i => FarmScoringFacts.Expect(i, s.Truth).Cause.Any(t => t.Trap == trap));
            foreach (var trap in classes)
            {
                if (chosen.Any(s => Decides(s, trap))) continue;
                var site = all.FirstOrDefault(s => Decides(s, trap)) ?? all.FirstOrDefault(s => s.Truth.Any(t => t.Trap == trap));
                if (site is not null && !chosen.Contains(site)) chosen.Add(site);
            }
            await using var farm = await Farm.StartAsync(Options with { RequestLogCapacity = 0 });
            var options = new CrawlerOptions
            {
                MaxPagesPerSite = 200, MaxDocumentsPerSite = 200, AllowLoopback = true, EnableRendering = false,
                RequestsPerSecondPerHost = 500, MaxConcurrentPerAddress = 4, HonourCrawlDelay = false,
            };
            foreach (var (host, address) in farm.HostMap) options.Resolve[host] = address;
            await using var crawler = new SiteCrawler(options);
            var scorer = new SiteScorer();
            // the running farm's sites: their roots and truth URLs carry its port
            var live = farm.Sites.ToDictionary(s => s.Host, StringComparer.OrdinalIgnoreCase);
            foreach (var site in chosen.Select(s => live[s.Host]))
            {
                var verdict = scorer.Score(await crawler.CrawlAsync(site.Root), Year);
                Assert.True(verdict.PagesFetched > 10, $"{site.Root}: {verdict.Status} {verdict.StatusReason}");
                foreach (var item in set.Items)
                {
                    var (expected, cause) = FarmScoringFacts.Expect(item, site.Truth);
                    Items.Add((site, verdict, verdict.Items.Single(i => i.Code == item.Code), expected, cause));
                }
            }
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }
}
