using System.Security.Cryptography;
using PlanNacc.Crawler.Discovery;
using PlanNacc.Crawler.Documents;
using PlanNacc.Crawler.Extraction;
using PlanNacc.Crawler.Fetching;
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
    IProgress<CrawlProgress>? progress)
{
    public const string HomeLabel = "หน้าหลัก";
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
    private SiteFailureKind failure;
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
        try
        {
            try
            {
                await resolver.ResolveAsync(root.IdnHost, token).ConfigureAwait(false);
            }
            catch (AddressRefusedException refused)
            {
                failure = SiteFailureKind.AddressRefused;
                return Finish(startedAt, null, SiteStatus.Refused, refused.Reason);
            }
            catch (DnsFailureException dns)
            {
                failure = SiteFailureKind.NoSuchHost;
                return Finish(startedAt, null, SiteStatus.Unreachable, dns.Message);
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
                failure = rules.FailureKind;
                var detail = rules.Failure == FetchFailure.Certificate
                    ? $"certificate-invalid: {fetcher.Http.CertificateProblem(root.IdnHost) ?? "validation failed"}"
                    : rules.Source;
                return Finish(startedAt, null, status, detail);
            }
            if (!rules.IsAllowed(root))
            {
                failure = rules.FailureKind is SiteFailureKind.None ? SiteFailureKind.RobotsDisallowed : rules.FailureKind;
                return Finish(startedAt, null, SiteStatus.RobotsDisallowed, rules.DisallowsEverything ? rules.Source : "robots-disallowed: robots.txt disallows the home page for PlanNacc");
            }

            var home = await fetcher.FetchAsync(root, new FetchPlan(options.MaxBytesPerResponse, budget), token).ConfigureAwait(false);
            pageAttempts++;
            if (!home.IsSuccess)
            {
                var (status, reason) = HomeFailure(home);
                return Finish(startedAt, home.FinalUrl, status, reason);
            }
            finalRoot = home.FinalUrl;
            scope.Add(finalRoot.IdnHost);
            NoteCertificate(root);
            NoteCertificate(finalRoot);
            var homeCandidate = new Candidate(finalRoot, [HomeLabel], 0, 0, false, null, HomeLabel);
            frontier.MarkDone(Canonical(finalRoot) ?? finalRoot);
            frontier.MarkDone(Canonical(root) ?? root);
            await ProcessPageAsync(homeCandidate, home, token).ConfigureAwait(false);
            await ReadSitemapsAsync(finalRoot, token).ConfigureAwait(false);
            await CrawlFrontierAsync(token).ConfigureAwait(false);
            return Finish(startedAt, finalRoot, SiteStatus.Ok, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            findings.Add($"time-budget-exhausted: {options.SiteTimeBudget.TotalSeconds:0} s");
            return finalRoot is null
                ? Finish(startedAt, null, SiteStatus.Timeout, "site time budget ran out before the home page was read", SiteFailureKind.Timeout)
                : Finish(startedAt, finalRoot, SiteStatus.Ok, null);
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
            if (candidate.IsDocument)
            {
                if (documents.Count < options.MaxDocumentsPerSite)
                {
                    await CheckDocumentAsync(candidate, token).ConfigureAwait(false);
                }
                continue;
            }
            if (pageAttempts >= options.MaxPagesPerSite)
            {
                continue;
            }
            pageAttempts++;
            var plan = new FetchPlan(options.MaxBytesPerResponse, budget) { MayRedirectTo = scope.Contains };
            var result = await fetcher.FetchAsync(candidate.Url, plan, token).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
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
            if (!DocumentTypes.IsHtml(result.ContentType))
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

    private async Task ProcessPageAsync(Candidate candidate, FetchResult result, CancellationToken token)
    {
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
        var hash = await KeepAsync(result, token).ConfigureAwait(false);
        pages.Add(new PageSnapshot
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
            ClickPath = candidate.ClickPath,
            Depth = candidate.Depth,
            FetchedAt = result.FetchedAt,
            ContentHash = hash,
            Bytes = result.Body.LongLength,
            Rendered = wasRendered,
        });
        if (extracted.RefreshTo is { } refresh)
        {
            Offer(refresh, candidate.ClickPath, candidate.Depth, 20, candidate.Url, candidate.LinkText, forceSameSite: false);
        }
        if (candidate.Depth < options.MaxDepth)
        {
            foreach (var link in extracted.Links)
            {
                var label = link.Text.Length > 0 ? link.Text : link.MenuLabel ?? "(ลิงก์ไม่มีข้อความ)";
                var score = LinkPriority.Score(link.Text, link.MenuLabel, link.RowText, link.Url, link.Region);
                Offer(link.Url, [.. candidate.ClickPath, label], candidate.Depth + 1, score, result.FinalUrl, link.Text, forceSameSite: false);
            }
        }
        Report(result.FinalUrl);
    }

    private void Offer(Uri url, IReadOnlyList<string> clickPath, int depth, double score, Uri? foundOn, string? linkText, bool forceSameSite)
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
            var result = await fetcher.FetchAsync(sitemap, new FetchPlan(Math.Min(options.MaxBytesPerResponse, 50L * 1024 * 1024), budget) { MayRedirectTo = scope.Contains }, token).ConfigureAwait(false);
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
                    // A sitemap URL is not reached by clicking; its path says so. A link found later with a real path replaces it when better.
                    Offer(url, [HomeLabel, SitemapLabel], 2, LinkPriority.Score(null, null, null, url, null) - 1, sitemap, null, forceSameSite: false);
                }
            }
        }
    }

    private async Task CheckDocumentAsync(Candidate candidate, CancellationToken token)
    {
        var result = await fetcher.FetchAsync(candidate.Url, new FetchPlan(options.MaxBytesPerResponse, budget), token).ConfigureAwait(false);
        if (result.Error is not null)
        {
            errors.Add(new CrawlError(candidate.Url, result.Error));
        }
        RecordDocument(candidate, result);
        await KeepAsync(result, token).ConfigureAwait(false);
    }

    private void RecordDocument(Candidate candidate, FetchResult result)
    {
        string? title = null, text = null, unreadable = result.Error;
        if (result.IsSuccess && DocumentTypes.IsPdf(result.ContentType, result.FinalUrl, result.Body))
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
            ContentHash = result.IsSuccess ? Sha256(result.Body) : null,
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
            var blob = new EvidenceBlob(hash, result.FinalUrl, result.FetchedAt, result.StatusCode, result.ContentType, result.Body.LongLength, result.Headers);
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

    private Task<FetchResult> FetchForBrowserAsync(Uri url, CancellationToken token) =>
        fetcher.FetchAsync(url, new FetchPlan(options.MaxBytesPerResponse, budget), token);

    private void NoteCertificate(Uri url)
    {
        if (url.Scheme == "https" && fetcher.Http.CertificateProblem(url.IdnHost) is { } problem)
        {
            var finding = $"certificate-invalid (continued by operator option): {url.IdnHost}: {problem}";
            if (!findings.Contains(finding))
            {
                findings.Add(finding);
            }
        }
    }

    private (SiteStatus, string) HomeFailure(FetchResult home)
    {
        var reason = home.Error ?? $"http {home.StatusCode}";
        failure = home.Kind is SiteFailureKind.None ? SiteFailureKind.HttpStatus : home.Kind;
        return home.Failure switch
        {
            FetchFailure.Refused => (SiteStatus.Refused, reason),
            FetchFailure.Certificate => (SiteStatus.CertificateInvalid, $"certificate-invalid: {fetcher.Http.CertificateProblem(home.FinalUrl.IdnHost) ?? "validation failed"}"),
            FetchFailure.Timeout => (SiteStatus.Timeout, reason),
            FetchFailure.Robots => (SiteStatus.RobotsDisallowed, reason),
            _ => (SiteStatus.Unreachable, reason),
        };
    }

    private void Report(Uri current) => progress?.Report(new CrawlProgress(pages.Count, documents.Count, frontier.Count, current));

    private SiteSnapshot Finish(DateTimeOffset startedAt, Uri? finalRoot, SiteStatus status, string? reason, SiteFailureKind? kind = null)
    {
        if (renderNeeded > 0 && rendered == 0)
        {
            var why = renderer is null ? "rendering disabled" : renderer.UnavailableReason ?? "render failed";
            findings.Add($"render-unavailable: {renderNeeded} page(s) look script-built ({renderNeedReason}); {why}");
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
            Failure = status == SiteStatus.Ok ? SiteFailureKind.None : kind ?? failure,
            Findings = findings.ToList(),
            Pages = pages.ToList(),
            Documents = documents.ToList(),
            Errors = errors.ToList(),
            BytesFetched = budget.Bytes,
            RequestsMade = budget.Requests,
        };
    }

    private static string Sha256(byte[] body) => Convert.ToHexStringLower(SHA256.HashData(body));
}
