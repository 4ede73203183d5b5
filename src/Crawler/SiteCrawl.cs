using System.Security.Cryptography;
using PlanNacc.Crawler.Discovery;
using PlanNacc.Crawler.Documents;
using PlanNacc.Crawler.Extraction;
using PlanNacc.Crawler.Fetching;
using PlanNacc.Crawler.Incremental;
using PlanNacc.Crawler.Rendering;
using PlanNacc.Crawler.Safety;

namespace PlanNacc.Crawler;

/// <summary>
/// One site's crawl: robots.txt, the home page, sitemap.xml, then best-first over same-site links within the page, document, depth,
/// byte and wall-time budgets. Single-threaded per site (the host's rate allows one request at a time anyway); sites run in parallel.
/// </summary>
internal sealed class SiteCrawl(
    CrawlerOptions options,
    PoliteFetcher fetcher,
    HostResolver resolver,
    IEvidenceStore? evidence,
    IPageRenderer? renderer,
    TimeProvider clock,
    Uri root,
    IReadOnlyCollection<string> aliases,
    IProgress<CrawlProgress>? progress,
    CrawlState? previous = null,
    string? stateNote = null)
{
    public const string HomeLabel = "หน้าหลัก";
    private const string CertificateIgnoredFinding = "certificate-invalid (continued by operator option):";
    private const string SitemapLabel = "sitemap.xml";
    private const int MaxSitemapUrls = 5000;

    private readonly List<PageSnapshot> pages = [];
    private readonly List<DocumentSnapshot> documents = [];
    private readonly List<CrawlError> errors = [];
    private readonly List<string> findings = [];
    private readonly Dictionary<string, int> trapsCut = new(StringComparer.Ordinal);
    private readonly SiteBudget budget = new(options.MaxBytesPerSite);
    private readonly SiteScope scope = new(root, aliases);
    private readonly CrawlFrontier frontier = new(Math.Max(30, options.MaxPagesPerSite / 2));
    private int pageAttempts;
    private int robotsSkipped;
    private int duplicatePages;
    private Uri? movedTo;
    private readonly IncrementalMemory memory = new(previous, options, clock, stateNote);
    private readonly Dictionary<string, Uri> pageHashes = new(StringComparer.Ordinal);
    private int renderNeeded;
    private string? renderNeedReason;
    private int rendered;
    private IRenderSession? renderSession;
    private bool renderBroken;
    private bool evidenceFailed;

    public async Task<SiteSnapshot> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = clock.GetUtcNow();
        using var siteTime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        siteTime.CancelAfter(options.SiteTimeBudget);
        var token = siteTime.Token;
        Uri? finalRoot = null;
        if (SocialSites.Platform(root) is { } platform)
        {
            return Finish(startedAt, null, SiteStatus.SocialPageOnly,
                $"social page only: the registered website is a {platform} page, not the LAO's own site; not crawled",
                SiteFailureKind.SocialPageOnly);
        }
        try
        {
            try
            {
                await resolver.ResolveAsync(root.IdnHost, token).ConfigureAwait(false);
            }
            catch (AddressRefusedException refused)
            {
                return Finish(startedAt, null, SiteStatus.Refused, refused.Reason, SiteFailureKind.AddressRefused);
            }
            catch (DnsFailureException dns)
            {
                return Finish(startedAt, null, SiteStatus.Unreachable, dns.Message,
                    dns.Temporary ? SiteFailureKind.DnsTemporary : SiteFailureKind.NoSuchHost);
            }

            var rules = await fetcher.Robots.GetAsync(root, budget, token).ConfigureAwait(false);
            if (rules.Failure != FetchFailure.None)
            {
                // No HTTP answer at all: the host, not its robots.txt, is the problem the site should be told about.
                var status = rules.Failure switch
                {
                    FetchFailure.Certificate => SiteStatus.CertificateInvalid,
                    FetchFailure.Refused => SiteStatus.Refused,
                    FetchFailure.Timeout => SiteStatus.Timeout,
                    _ => SiteStatus.Unreachable,
                };
                var failedOn = rules.FailureUrl ?? root;
                var detail = rules.Failure == FetchFailure.Certificate
                    ? $"certificate-invalid: {fetcher.Http.CertificateProblem(failedOn.IdnHost) ?? "validation failed"}"
                    : rules.Source;
                var kind = Refined(rules.Failure, rules.FailureKind, failedOn);
                return Finish(startedAt, null, status, detail, kind);
            }
            if (!rules.IsAllowed(root))
            {
                // A robots.txt that answered 5xx or 429 disallows for now (RFC 9309); one that names the home page is the site's will.
                return rules.DisallowsEverything && rules.Source?.StartsWith("robots-unavailable", StringComparison.Ordinal) == true
                    ? Finish(startedAt, null, SiteStatus.RobotsDisallowed, rules.Source, SiteFailureKind.ServerBusy)
                    : Finish(startedAt, null, SiteStatus.RobotsDisallowed, rules.DisallowsEverything ? rules.Source
                        : "robots-disallowed: robots.txt disallows the home page for PlanNacc", SiteFailureKind.RobotsDisallowed);
            }

            var home = await fetcher.FetchAsync(root, Plan(sameSite: false), token).ConfigureAwait(false);
            pageAttempts++;
            if (!home.IsSuccess && !KeptNotModified(home))
            {
                var (status, reason) = HomeFailure(home);
                return Finish(startedAt, home.FinalUrl, status, reason, Refined(home.Failure, home.Kind, home.FinalUrl));
            }
            finalRoot = home.FinalUrl;
            NoteMove(finalRoot);
            NoteCertificate(root);
            NoteCertificate(finalRoot);
            var homeCandidate = new Candidate(finalRoot, [HomeLabel], 0, 0, false, null, HomeLabel);
            frontier.MarkDone(Canonical(finalRoot) ?? finalRoot);
            frontier.MarkDone(Canonical(root) ?? root);
            await ProcessPageAsync(homeCandidate, home, token).ConfigureAwait(false);
            await ReadSitemapsAsync(finalRoot, token).ConfigureAwait(false);
            await CrawlFrontierAsync(token).ConfigureAwait(false);
            return FinishCrawled(startedAt, finalRoot);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            findings.Add($"time-budget-exhausted: {options.SiteTimeBudget.TotalSeconds:0} s");
            return finalRoot is null
                ? Finish(startedAt, null, SiteStatus.Timeout, "site time budget ran out before the home page was read",
                    SiteFailureKind.Timeout)
                : FinishCrawled(startedAt, finalRoot);
        }
        catch (OperationCanceledException)
        {
            return Finish(startedAt, finalRoot, SiteStatus.Cancelled, "cancelled", SiteFailureKind.Cancelled);
        }
        finally
        {
            if (renderSession is not null)
            {
                await renderSession.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task CrawlFrontierAsync(CancellationToken token)
    {
        while (frontier.TryTake(out var candidate))
        {
            token.ThrowIfCancellationRequested();
            if (budget.Exhausted)
            {
                findings.Add($"byte-budget-exhausted: {options.MaxBytesPerSite} bytes");
                return;
            }
            if (candidate.IsDocument ? documents.Count >= options.MaxDocumentsPerSite : pageAttempts >= options.MaxPagesPerSite)
            {
                continue;
            }
            if (!await RobotsAllowAsync(candidate.Url, token).ConfigureAwait(false))
            {
                continue;
            }
            if (candidate.IsDocument)
            {
                await CheckDocumentAsync(candidate, token).ConfigureAwait(false);
                continue;
            }
            pageAttempts++;
            var result = await fetcher.FetchAsync(candidate.Url, Plan(sameSite: true), token).ConfigureAwait(false);
            if (result.NotModified && memory.Document(result.FinalUrl) is { } keptDocument)
            {
                // A link that was a document last time (its URL gave no hint) and still is.
                ReuseDocument(candidate, keptDocument, result);
                continue;
            }
            if (!result.IsSuccess && !KeptNotModified(result))
            {
                NoteBogusNotModified(result);
                errors.Add(new CrawlError(candidate.Url, result.Error ?? $"http {result.StatusCode}"));
                Report(candidate.Url);
                continue;
            }
            if (Canonical(result.FinalUrl) is { } landed && landed != candidate.Url)
            {
                // Two links redirecting to one page give one snapshot.
                if (frontier.IsDone(landed))
                {
                    continue;
                }
                frontier.MarkDone(landed);
            }
            if (!result.NotModified && !DocumentTypes.IsHtml(result.ContentType))
            {
                RecordDocument(candidate, result);
                await KeepAsync(result, token).ConfigureAwait(false);
                continue;
            }
            await ProcessPageAsync(candidate, result, token).ConfigureAwait(false);
        }
        if (pageAttempts >= options.MaxPagesPerSite)
        {
            findings.Add($"page-budget-reached: {options.MaxPagesPerSite}");
        }
    }

    /// <summary>
    /// Whether robots.txt lets PlanNacc fetch the URL; a refused URL is counted and noted, and costs no page or document budget
    /// (a site whose robots.txt refuses half its menu must still get its whole budget for the rest).
    /// </summary>
    private async Task<bool> RobotsAllowAsync(Uri url, CancellationToken token)
    {
        var rules = await fetcher.Robots.GetAsync(url, budget, token).ConfigureAwait(false);
        if (rules.IsAllowed(url))
        {
            return true;
        }
        robotsSkipped++;
        errors.Add(new CrawlError(url, "robots-disallowed"));
        Report(url);
        return false;
    }

    private async Task ProcessPageAsync(Candidate candidate, FetchResult result, CancellationToken token)
    {
        var isHome = candidate.Depth == 0 && pages.Count == 0;
        var hash = result.NotModified ? null : await KeepAsync(result, token).ConfigureAwait(false);
        if (memory.Reusable(result, hash) is { } kept)
        {
            // Answered 304, or the same bytes as last time: what was read from them then is what a full scan reads now.
            FollowPage(candidate, kept with
            {
                ClickPath = candidate.ClickPath,
                Depth = candidate.Depth,
                FetchedAt = result.FetchedAt,
                Reused = true,
                DuplicateOf = null,
                ETag = memory.ETagOf(result) ?? kept.ETag,
                LastModified = memory.LastModifiedOf(result) ?? kept.LastModified,
            }, isHome);
            return;
        }
        var decoded = HtmlDecoder.Decode(result.Body, result.HeaderCharset);
        var extracted = PageExtractor.Extract(decoded.Text, result.FinalUrl, options.MaxTextChars);
        var wasRendered = false;
        if (extracted.RenderReason is { } reason)
        {
            var html = await TryRenderAsync(result, reason, token).ConfigureAwait(false);
            if (html is not null)
            {
                extracted = PageExtractor.Extract(html, result.FinalUrl, options.MaxTextChars);
                wasRendered = true;
            }
        }
        var scripted = ScriptLinks.Find(decoded.Text, result.FinalUrl);
        if (isHome && !wasRendered && extracted.RenderReason is null && !HasWayOn(extracted, scripted)
            && decoded.Text.Contains("<script", StringComparison.OrdinalIgnoreCase)
            && await TryRenderAsync(result, "no link on the home page; its scripts may build the way on", token).ConfigureAwait(false)
                is { } built)
        {
            // An intro page whose way on is assembled by script at run time: only the rendered page shows it.
            extracted = PageExtractor.Extract(built, result.FinalUrl, options.MaxTextChars);
            scripted = ScriptLinks.Find(built, result.FinalUrl);
            wasRendered = true;
        }
        var page = new PageSnapshot
        {
            Url = result.FinalUrl,
            StatusCode = result.StatusCode,
            ContentType = result.ContentType,
            Charset = decoded.Charset,
            Title = extracted.Title,
            Headings = extracted.Headings,
            Text = extracted.Text,
            Links = extracted.Links,
            Images = extracted.Images,
            Forms = extracted.Forms,
            MessageForms = extracted.MessageForms,
            ClickPath = candidate.ClickPath,
            Depth = candidate.Depth,
            FetchedAt = result.FetchedAt,
            ContentHash = hash,
            Bytes = result.Body.LongLength,
            Rendered = wasRendered,
            ScriptLinks = scripted.Select(l => new LinkInfo { Url = l.Url, Text = l.Text, Region = "script" }).ToList(),
            RefreshTo = extracted.RefreshTo,
            ETag = memory.ETagOf(result),
            LastModified = memory.LastModifiedOf(result),
        };
        FollowPage(candidate, page, isHome);
    }

    /// <summary>Records a page (read now or kept from the last scan) and offers its ways on: one code for both.</summary>
    private void FollowPage(Candidate candidate, PageSnapshot page, bool isHome)
    {
        if (page.ContentHash is { } hash && !pageHashes.TryAdd(hash, page.Url))
        {
            // Another URL answered the very same bytes (a query the server ignores, a print view): one page, two addresses.
            page = page with { DuplicateOf = pageHashes[hash] };
            duplicatePages++;
        }
        pages.Add(page);
        if (page.DuplicateOf is not null)
        {
            Report(page.Url);
            return;
        }
        if (page.RefreshTo is { } refresh)
        {
            Offer(refresh, candidate.ClickPath, candidate.Depth, 20, candidate.Url, candidate.LinkText, forceSameSite: false);
        }
        if (isHome && IntroTargets(page) is { Count: > 0 } intro)
        {
            // A ceremonial intro page: its one way on (image link, button, image map, timed redirect) is the real home page,
            // so it is reached as the home is, and click paths start there.
            foreach (var target in intro)
            {
                Offer(target, candidate.ClickPath, candidate.Depth, 30, candidate.Url, HomeLabel, forceSameSite: false);
            }
            findings.Add($"intro-page: {page.Url.AbsoluteUri} leads on to {string.Join(", ", intro.Select(u => u.AbsoluteUri))}");
        }
        if (candidate.Depth < options.MaxDepth)
        {
            foreach (var link in page.Links)
            {
                if (link.InPageText is not null) continue; // a dialog of this page: already read with it
                var label = link.Text.Length > 0 ? link.Text : link.MenuLabel ?? "(ลิงก์ไม่มีข้อความ)";
                var score = LinkPriority.Score(link.Text, link.MenuLabel, link.RowText, link.Url, link.Region);
                Offer(link.Url, [.. candidate.ClickPath, label], candidate.Depth + 1, score, page.Url, link.Text, forceSameSite: false);
            }
            foreach (var link in page.ScriptLinks)
            {
                var label = link.Text.Length > 0 ? link.Text : "(ลิงก์ในสคริปต์)";
                var score = LinkPriority.Score(link.Text, null, null, link.Url, "script");
                Offer(link.Url, [.. candidate.ClickPath, label], candidate.Depth + 1, score, page.Url, link.Text, forceSameSite: false);
            }
        }
        Report(page.Url);
    }

    /// <summary>Whether a page shows any way on to another page of the site: a link, a script navigation or a refresh.</summary>
    private bool HasWayOn(ExtractedPage extracted, IReadOnlyList<ScriptLink> scripted) =>
        extracted.RefreshTo is not null || extracted.Links.Any(l => l.InPageText is null && InScopePage(l.Url))
            || scripted.Any(l => InScopePage(l.Url));

    /// <summary>
    /// The page targets of a home page that is an intro: at most two distinct pages of the site, little text.
    /// An ordinary home page has a menu of many links and is not an intro.
    /// </summary>
    private List<Uri> IntroTargets(PageSnapshot page)
    {
        var linked = page.Links.Where(l => l.InPageText is null && InScopePage(l.Url)).ToList();
        // An intro leads on through a picture (an image link or image map without words) or by script; a page whose way on is a
        // link with words (even a one-item menu) is an ordinary home page, whose links start click paths of their own.
        if ((page.Text?.Length ?? 0) >= 1000 || page.Images.Count == 0 || linked.Any(l => l.Text.Length > 0))
        {
            return [];
        }
        var targets = linked.Select(l => l.Url).Concat(page.ScriptLinks.Select(l => l.Url).Where(InScopePage))
            .Select(u => Canonical(u)).OfType<Uri>()
            .Where(u => !frontier.IsDone(u)).DistinctBy(u => u.AbsoluteUri).ToList();
        return targets.Count is > 0 and <= 2 ? targets : [];
    }

    private bool InScopePage(Uri url) => scope.Contains(url) && !DocumentTypes.LooksLikeDocument(url);

    /// <summary>A start that redirected to another site: that site becomes the scope and the registry should learn the move.</summary>
    private void NoteMove(Uri finalRoot)
    {
        if (!SiteScope.SiteKey(finalRoot.IdnHost).Equals(SiteScope.SiteKey(root.IdnHost), StringComparison.OrdinalIgnoreCase))
        {
            findings.Add($"site-moved: {root.AbsoluteUri} redirects to {finalRoot.AbsoluteUri} (the registry should list the new address)");
            movedTo = finalRoot;
            scope.MoveTo(finalRoot);
        }
        else if (!scope.Contains(finalRoot))
        {
            scope.MoveTo(finalRoot);
        }
    }

    /// <summary>
    /// A crawl that got past the home page: "ok", unless it saw one page and no way on (nothing else was even tried), which is
    /// never "ok". A site whose links were tried and failed stays "ok" with those errors: the failures are the finding.
    /// </summary>
    private SiteSnapshot FinishCrawled(DateTimeOffset startedAt, Uri finalRoot)
    {
        if (pages.Count > 1 || documents.Count > 0 || pageAttempts > 1 || robotsSkipped > 0)
        {
            if (duplicatePages > 0)
            {
                findings.Add($"duplicate-content: {duplicatePages} URL(s) answered the same bytes as a page already read");
            }
            return Finish(startedAt, finalRoot, SiteStatus.Ok, null);
        }
        var reason = renderNeeded > 0 && rendered == 0
            ? "one-page: the home page builds its way on by script and could not be rendered"
                + $" ({(renderer is null ? "rendering disabled" : renderer.UnavailableReason ?? "render failed")})"
            : "one-page: the home page shows no link, script navigation or refresh to another page of the site that a crawler can follow";
        return Finish(startedAt, finalRoot, SiteStatus.OnePage, reason, SiteFailureKind.OnePage);
    }

    private void Offer(Uri url, IReadOnlyList<string> clickPath, int depth, double score, Uri? foundOn, string? linkText,
        bool forceSameSite)
    {
        var canonical = Canonical(url);
        if (canonical is null)
        {
            return;
        }
        var isDocument = DocumentTypes.LooksLikeDocument(canonical);
        // Documents linked from the site count even when hosted elsewhere; pages must be on the site.
        if (!isDocument && !scope.Contains(canonical) && !forceSameSite)
        {
            return;
        }
        frontier.Offer(new Candidate(canonical, clickPath, depth, score, isDocument, foundOn, linkText));
    }

    private Uri? Canonical(Uri url)
    {
        var canonical = UrlCanonicaliser.Canonicalise(url, out var trap);
        if (trap is not null)
        {
            trapsCut[trap] = trapsCut.GetValueOrDefault(trap) + 1;
        }
        return canonical;
    }

    private async Task ReadSitemapsAsync(Uri site, CancellationToken token)
    {
        var rules = await fetcher.Robots.GetAsync(site, budget, token).ConfigureAwait(false);
        var queue = new Queue<Uri>(rules.Sitemaps.Count > 0 ? rules.Sitemaps.Take(3) : [new Uri(site, "/sitemap.xml")]);
        var read = 0;
        var offered = 0;
        while (queue.TryDequeue(out var sitemap) && read < 5)
        {
            if (!scope.Contains(sitemap))
            {
                continue;
            }
            read++;
            var result = await fetcher.FetchAsync(sitemap,
                new FetchPlan(Math.Min(options.MaxBytesPerResponse, 50L * 1024 * 1024), budget) { MayRedirectTo = scope.Contains }, token)
                    .ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                continue;
            }
            var (urls, isIndex) = SitemapReader.Read(result.Body, MaxSitemapUrls);
            foreach (var url in urls)
            {
                if (isIndex)
                {
                    queue.Enqueue(url);
                }
                else if (offered++ < MaxSitemapUrls)
                {
                    // A sitemap URL is not reached by clicking; its path says so. A link found later with a real path replaces it when
                    // better.
                    Offer(url, [HomeLabel, SitemapLabel], 2, LinkPriority.Score(null, null, null, url, null) - 1, sitemap, null,
                        forceSameSite: false);
                }
            }
        }
    }

    private async Task CheckDocumentAsync(Candidate candidate, CancellationToken token)
    {
        var result = await fetcher.FetchAsync(candidate.Url, Plan(sameSite: false), token).ConfigureAwait(false);
        if (result.NotModified)
        {
            if (memory.Document(result.FinalUrl) is { } kept && result.SentValidators is not null)
            {
                ReuseDocument(candidate, kept, result);
                return;
            }
            NoteBogusNotModified(result);
            errors.Add(new CrawlError(candidate.Url, "http 304 without validators"));
            return;
        }
        if (result.Error is not null)
        {
            errors.Add(new CrawlError(candidate.Url, result.Error));
        }
        RecordDocument(candidate, result);
        await KeepAsync(result, token).ConfigureAwait(false);
    }

    /// <summary>A document that answered 304: its text, title and hash are the last scan's, reached by this scan's route.</summary>
    private void ReuseDocument(Candidate candidate, DocumentSnapshot kept, FetchResult result)
    {
        documents.Add(kept with
        {
            FoundOn = candidate.FoundOn,
            LinkText = candidate.LinkText,
            ClickPath = candidate.ClickPath,
            FetchedAt = result.FetchedAt,
            Reused = true,
            ETag = memory.ETagOf(result) ?? kept.ETag,
            LastModified = memory.LastModifiedOf(result) ?? kept.LastModified,
        });
        Report(kept.Url);
    }

    /// <summary>A 304 to a conditional request for a page the last scan kept: as good as the page itself.</summary>
    private bool KeptNotModified(FetchResult result) =>
        result.NotModified && result.SentValidators is not null && memory.Page(result.FinalUrl) is not null;

    private void NoteBogusNotModified(FetchResult result)
    {
        if (result.NotModified && result.SentValidators is null)
        {
            memory.Note($"304 to a request without validators: {result.FinalUrl.AbsoluteUri} (not trusted; nothing kept to reuse)");
        }
    }

    private FetchPlan Plan(bool sameSite) => new(options.MaxBytesPerResponse, budget)
    {
        MayRedirectTo = sameSite ? scope.Contains : null,
        ValidatorsFor = memory.ValidatorsFor,
    };

    private void RecordDocument(Candidate candidate, FetchResult result)
    {
        string? title = null, text = null, unreadable = result.Error;
        var hash = result.IsSuccess ? Sha256(result.Body) : null;
        if (hash is not null && memory.Document(result.FinalUrl) is { } kept && kept.ContentHash == hash)
        {
            // The same bytes as last time: the text read from them then is the text now (no second PDF parse).
            memory.CheckETag(result, kept.ETag);
            (title, text, unreadable) = (kept.Title, kept.Text, kept.UnreadableReason);
        }
        else if (result.IsSuccess && DocumentTypes.IsPdf(result.ContentType, result.FinalUrl, result.Body))
        {
            var pdf = PdfTextReader.Read(result.Body, options.PdfPagesToRead, options.MaxTextChars);
            (title, text, unreadable) = (pdf.Title, pdf.Text, pdf.UnreadableReason);
        }
        else if (result.IsSuccess && OfficeTextReader.LooksLikeOfficeXml(result.ContentType, result.FinalUrl, result.Body)
            && OfficeTextReader.Read(result.Body, options.MaxTextChars) is { } office)
        {
            // Word, Excel and PowerPoint files read like PDFs; one that yields no text stays as before (checked, not read).
            (title, text) = (office.Title, office.Text);
        }
        documents.Add(new DocumentSnapshot
        {
            Url = result.FinalUrl,
            StatusCode = result.StatusCode,
            ContentType = result.ContentType,
            Length = result.IsSuccess ? result.Body.LongLength : result.DeclaredLength,
            FoundOn = candidate.FoundOn,
            LinkText = candidate.LinkText,
            ClickPath = candidate.ClickPath,
            Title = title,
            Text = text,
            Unreadable = unreadable is not null,
            UnreadableReason = unreadable,
            FetchedAt = result.FetchedAt,
            ContentHash = hash,
            ETag = memory.ETagOf(result),
            LastModified = memory.LastModifiedOf(result),
        });
        Report(result.FinalUrl);
    }

    private async Task<string?> KeepAsync(FetchResult result, CancellationToken token)
    {
        if (!result.IsSuccess)
        {
            return null;
        }
        var hash = Sha256(result.Body);
        if (evidence is not null && !evidenceFailed)
        {
            var blob = new EvidenceBlob(hash, result.FinalUrl, result.FetchedAt, result.StatusCode, result.ContentType,
                result.Body.LongLength, result.Headers);
            try
            {
                await evidence.PutAsync(blob, result.Body, token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A full or read-only evidence disk must not lose the crawl; the snapshot says its evidence is incomplete.
                evidenceFailed = true;
                findings.Add("evidence-not-kept: " + e.Message);
            }
        }
        return hash;
    }

    private async Task<string?> TryRenderAsync(FetchResult page, string reason, CancellationToken token)
    {
        renderNeeded++;
        renderNeedReason ??= reason;
        if (renderer is null || renderer.UnavailableReason is not null || renderBroken || rendered >= options.MaxRenderedPagesPerSite)
        {
            return null;
        }
        try
        {
            renderSession ??= await renderer.OpenSessionAsync(FetchForBrowserAsync, token).ConfigureAwait(false);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(options.RenderTimeout);
            var html = await renderSession.RenderAsync(page.FinalUrl, page, timeout.Token).ConfigureAwait(false);
            rendered++;
            return html;
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            errors.Add(new CrawlError(page.FinalUrl, "render-timeout"));
            return null;
        }
        catch (RenderException e)
        {
            errors.Add(new CrawlError(page.FinalUrl, "render-failed: " + e.Message));
            renderBroken = e.BrowserUnusable;
            return null;
        }
    }

    // The browser's own requests are never conditional: it needs the bytes.
    private Task<FetchResult> FetchForBrowserAsync(Uri url, CancellationToken token) =>
        fetcher.FetchAsync(url, new FetchPlan(options.MaxBytesPerResponse, budget), token);

    private void NoteCertificate(Uri url)
    {
        if (url.Scheme == "https" && fetcher.Http.CertificateProblem(url.IdnHost) is { } problem)
        {
            var finding = $"{CertificateIgnoredFinding} {url.IdnHost}: {problem}";
            if (!findings.Contains(finding))
            {
                findings.Add(finding);
            }
        }
    }

    /// <summary>A fetch's failure kind, a certificate failure named by what was wrong with the certificate.</summary>
    private SiteFailureKind Refined(FetchFailure failure, SiteFailureKind kind, Uri url) =>
        failure == FetchFailure.Certificate ? fetcher.Http.CertificateKind(url.IdnHost)
        : kind is SiteFailureKind.None ? SiteFailureKind.HttpStatus
        : kind;

    private (SiteStatus, string) HomeFailure(FetchResult home)
    {
        var reason = home.Error ?? $"http {home.StatusCode}";
        return home.Failure switch
        {
            FetchFailure.Refused => (SiteStatus.Refused, reason),
            FetchFailure.Certificate => (SiteStatus.CertificateInvalid,
                $"certificate-invalid: {fetcher.Http.CertificateProblem(home.FinalUrl.IdnHost) ?? "validation failed"}"),
            FetchFailure.Timeout => (SiteStatus.Timeout, reason),
            FetchFailure.Robots => (SiteStatus.RobotsDisallowed, reason),
            _ => (SiteStatus.Unreachable, reason),
        };
    }

    private void Report(Uri current) => progress?.Report(new CrawlProgress(pages.Count, documents.Count, frontier.Count, current));

    private SiteSnapshot Finish(
        DateTimeOffset startedAt, Uri? finalRoot, SiteStatus status, string? reason, SiteFailureKind kind = SiteFailureKind.None)
    {
        if (renderNeeded > 0 && rendered == 0)
        {
            var why = renderer is null ? "rendering disabled" : renderer.UnavailableReason ?? "render failed";
            findings.Add($"render-unavailable: {renderNeeded} page(s) look script-built ({renderNeedReason}); {why}");
        }
        if (robotsSkipped > 0)
        {
            findings.Add($"robots-skipped: {robotsSkipped} URL(s) refused by robots.txt for PlanNacc (not fetched, no budget used)");
        }
        foreach (var (trap, count) in trapsCut)
        {
            findings.Add($"infinite-url-space: {count} {trap} URL(s) cut");
        }
        return new SiteSnapshot
        {
            Root = root,
            FinalRoot = finalRoot,
            StartedAt = startedAt,
            FinishedAt = clock.GetUtcNow(),
            Status = status,
            StatusReason = reason,
            Failure = status == SiteStatus.Ok ? SiteFailureKind.None : kind,
            MovedTo = movedTo,
            CertificateIgnored = findings.Any(f => f.StartsWith(CertificateIgnoredFinding, StringComparison.Ordinal)),
            Findings = findings.ToList(),
            Pages = pages.ToList(),
            Documents = documents.ToList(),
            Errors = errors.ToList(),
            BytesFetched = budget.Bytes,
            RequestsMade = budget.Requests,
            RobotsSkipped = robotsSkipped,
            BodyBytes = budget.BodyBytes,
            ConditionalRequests = budget.Conditional,
            NotModified = budget.NotModified,
            Incremental = memory.IsIncremental,
            IncrementalNotes = memory.Notes.ToList(),
            UnstableETagHosts = memory.UnstableETagHosts.ToList(),
        };
    }

    private static string Sha256(byte[] body) => Convert.ToHexStringLower(SHA256.HashData(body));
}
