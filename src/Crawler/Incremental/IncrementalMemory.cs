using System.Globalization;
using PlanNacc.Crawler.Fetching;

namespace PlanNacc.Crawler.Incremental;

/// <summary>
/// One crawl's view of the last scan's <see cref="CrawlState"/>: which validators to send for a URL, whether an answer lets the
/// kept page or document stand (304 to a conditional request, or the very same bytes), and which validators of this scan can be
/// trusted next time. A server that misuses them (304 without validators, an ETag that changes with every answer, a Last-Modified
/// in the future) is noticed, noted, and costs a full download instead of a wrong reuse.
/// </summary>
internal sealed class IncrementalMemory
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private readonly Dictionary<string, PageSnapshot> pages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DocumentSnapshot> documents = new(StringComparer.Ordinal);
    private readonly HashSet<string> unstableETagHosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> notes = [];

    public IncrementalMemory(CrawlState? previous, CrawlerOptions options, TimeProvider clock, string? loadNote = null)
    {
        if (loadNote is not null)
        {
            notes.Add(loadNote);
        }
        if (previous is null)
        {
            return;
        }
        unstableETagHosts.UnionWith(previous.UnstableETagHosts);
        var sinceFull = clock.GetUtcNow() - previous.LastFullScanAt;
        if (options.FullRescanAfter is { } every && sinceFull >= every)
        {
            notes.Add($"full re-scan: the last full scan was {sinceFull.TotalDays:0.#} day(s) ago"
                + $" (setting: every {every.TotalDays:0.#} days)");
            return;
        }
        IsIncremental = true;
        foreach (var page in previous.Pages)
        {
            pages[page.Url.AbsoluteUri] = page;
        }
        foreach (var document in previous.Documents)
        {
            documents[document.Url.AbsoluteUri] = document;
        }
    }

    /// <summary>True when this crawl starts from the last scan's state (validators sent, kept pages reused).</summary>
    public bool IsIncremental { get; }
    public IReadOnlyList<string> Notes => notes;
    public IEnumerable<string> UnstableETagHosts => unstableETagHosts;

    public void Note(string note)
    {
        if (!notes.Contains(note) && notes.Count < 50)
        {
            notes.Add(note);
        }
    }

    public PageSnapshot? Page(Uri url) => IsIncremental && pages.TryGetValue(url.AbsoluteUri, out var page) ? page : null;

    public DocumentSnapshot? Document(Uri url) =>
        IsIncremental && documents.TryGetValue(url.AbsoluteUri, out var document) ? document : null;

    /// <summary>The validators to send for a URL: the kept ETag (unless its host's ETags are unstable) and Last-Modified.</summary>
    public Validators? ValidatorsFor(Uri url)
    {
        var (etag, lastModified) = Page(url) is { } page ? (page.ETag, page.LastModified)
            : Document(url) is { } document ? (document.ETag, document.LastModified)
            : (null, null);
        if (unstableETagHosts.Contains(url.IdnHost))
        {
            etag = null;
        }
        var validators = new Validators(etag, lastModified);
        return validators.IsEmpty ? null : validators;
    }

    /// <summary>
    /// The kept page when the answer proves it unchanged: 304 to a request that carried validators, or 200 with the same bytes.
    /// Null when the page must be read afresh (changed, new, or a 304 nobody asked for).
    /// </summary>
    public PageSnapshot? Reusable(FetchResult result, string? hash)
    {
        if (Page(result.FinalUrl) is not { } kept)
        {
            return null;
        }
        if (result.NotModified)
        {
            return result.SentValidators is null ? null : kept;
        }
        if (hash is not null && hash == kept.ContentHash && result.IsSuccess)
        {
            CheckETag(result, kept.ETag);
            return kept;
        }
        return null;
    }

    /// <summary>Same bytes under a new ETag: the host's ETags change with every answer and are not sent again.</summary>
    public void CheckETag(FetchResult result, string? keptETag)
    {
        if (keptETag is not null && Header(result, "ETag") is { } now && now != keptETag && unstableETagHosts.Add(result.FinalUrl.IdnHost))
        {
            Note($"unstable ETag: {result.FinalUrl.IdnHost} sends a new ETag for the same bytes; its ETags are no longer sent");
        }
    }

    public string? ETagOf(FetchResult result) => unstableETagHosts.Contains(result.FinalUrl.IdnHost) ? null : Header(result, "ETag");

    /// <summary>The Last-Modified to keep, or null when it is unreadable or in the future (a server clock not to trust).</summary>
    public string? LastModifiedOf(FetchResult result)
    {
        if (Header(result, "Last-Modified") is not { } value)
        {
            return null;
        }
        if (!DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            Note($"unreadable Last-Modified from {result.FinalUrl.IdnHost}: not used");
            return null;
        }
        if (at > result.FetchedAt + ClockSkew)
        {
            Note($"Last-Modified in the future from {result.FinalUrl.IdnHost} ({value}): not used, those URLs are downloaded in full");
            return null;
        }
        return value;
    }

    private static string? Header(FetchResult result, string name) =>
        result.Headers.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
