using System.Collections.Concurrent;
using System.Text;
using PlanNacc.Crawler.Fetching;

namespace PlanNacc.Crawler.Robots;

/// <summary>
/// robots.txt per origin, fetched once and kept for the cache time (24 h by default), shared by every site of the process.
/// 2xx is parsed; 4xx allows all; up to five redirects are followed. 429, 5xx and unreachable disallow all (RFC 9309
/// 2.3.1), but only for the scan that met them: the load is tried again within that scan (a connection failure or a busy
/// server once must not block a site), and a failure is never kept for the next scan, which asks again.
/// </summary>
internal sealed class RobotsCache(PoliteFetcher fetcher, TimeProvider clock, TimeSpan cacheTime)
{
    private const int MaxRedirects = 5;

    /// <summary>Loads of robots.txt within one scan before its unavailability stands (each load has the fetcher's own retries).</summary>
    internal const int LoadAttempts = 2;

    private readonly ConcurrentDictionary<string, Lazy<Task<Loaded>>> entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Rules as loaded, when, and for an unavailable robots.txt the scan (its budget) the failure belongs to.</summary>
    private sealed record Loaded(RobotsRules Rules, DateTimeOffset At, SiteBudget? FailedFor);

    public async Task<RobotsRules> GetAsync(Uri url, SiteBudget budget, CancellationToken cancellationToken)
    {
        var origin = url.GetLeftPart(UriPartial.Authority);
        while (true)
        {
            var entry = entries.GetOrAdd(origin, _ => new Lazy<Task<Loaded>>(() => LoadAsync(origin, budget, cancellationToken)));
            Loaded loaded;
            try
            {
                loaded = await entry.Value.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The site that started the load was cancelled; another site waiting on it loads afresh.
                entries.TryRemove(new(origin, entry));
                cancellationToken.ThrowIfCancellationRequested();
                continue;
            }
            // A failure holds for the scan that met it (every URL of that scan sees the same answer) and no other.
            var current = loaded.FailedFor is null ? clock.GetUtcNow() - loaded.At < cacheTime : ReferenceEquals(loaded.FailedFor, budget);
            if (current)
            {
                return loaded.Rules;
            }
            entries.TryRemove(new(origin, entry));
        }
    }

    /// <summary>The rules already loaded for the URL's origin, without fetching.</summary>
    public RobotsRules? Cached(Uri url) =>
        entries.TryGetValue(url.GetLeftPart(UriPartial.Authority), out var entry) && entry.IsValueCreated
            && entry.Value.IsCompletedSuccessfully
            ? entry.Value.Result.Rules
            : null;

    private async Task<Loaded> LoadAsync(string origin, SiteBudget budget, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        RobotsRules rules = RobotsRules.AllowAll("robots.txt not read");
        for (var attempt = 1; attempt <= LoadAttempts; attempt++)
        {
            var (result, url) = await FetchAsync(origin, budget, cancellationToken).ConfigureAwait(false);
            if (result is null)
            {
                return new Loaded(RobotsRules.AllowAll("robots.txt redirects too often: allow all"), at, null);
            }
            rules = Interpret(result, url);
            if (!Unavailable(result))
            {
                return new Loaded(rules, at, null);
            }
            if (!Retryable(result))
            {
                break;
            }
        }
        // Unavailable after every attempt: everything disallowed for this scan, with the reason (its source: "robots-unavailable:
        // robots.txt 503"); the next scan asks again.
        return new Loaded(rules, at, budget);
    }

    /// <summary>robots.txt of the origin, redirects followed (null when they go on past five hops), and the URL it came from.</summary>
    private async Task<(FetchResult? Result, Uri Url)> FetchAsync(string origin, SiteBudget budget, CancellationToken cancellationToken)
    {
        var url = new Uri(origin + "/robots.txt");
        var plan = new FetchPlan(RobotsRules.MaxBytes, budget) { CheckRobots = false, Truncate = true };
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            var result = await fetcher.ExchangeAsync(url, plan, cancellationToken).ConfigureAwait(false);
            if (result.RedirectTo is not { } next)
            {
                return (result, url);
            }
            url = next;
        }
        return (null, url);
    }

    /// <summary>robots.txt could not be had (429, 5xx, no HTTP answer): RFC 9309 says disallow all while that lasts.</summary>
    private static bool Unavailable(FetchResult result) =>
        !(result.StatusCode is >= 200 and < 300 && result.Error is null)
        && !(result.StatusCode is >= 400 and < 500 && result.StatusCode != 429);

    /// <summary>
    /// Worth another load in the same scan: a server error or a lost connection. A certificate, a refused address, a name that
    /// does not exist or the site's byte budget are facts about the site that another try does not change.
    /// </summary>
    private static bool Retryable(FetchResult result) =>
        result.StatusCode >= 500 || result.StatusCode == 429
        || result.StatusCode == 0 && result.Failure is FetchFailure.Unreachable or FetchFailure.Timeout or FetchFailure.DnsTemporary;

    private static RobotsRules Interpret(FetchResult result, Uri url)
    {
        if (result.StatusCode is >= 200 and < 300 && result.Error is null)
        {
            var length = Math.Min(result.Body.Length, RobotsRules.MaxBytes);
            var text = Encoding.UTF8.GetString(result.Body, 0, length);
            if (result.Body.Length >= RobotsRules.MaxBytes)
            {
                // The file went on past 500 KiB: its last line here is probably cut in the middle, so it is not read.
                text = text[..Math.Max(0, text.LastIndexOf('\n'))];
            }
            return RobotsRules.Parse(text, UserAgent.ProductToken, url);
        }
        if (result.StatusCode is >= 400 and < 500 && result.StatusCode != 429)
        {
            return RobotsRules.AllowAll($"robots.txt {result.StatusCode}: allow all");
        }
        if (result.StatusCode != 0)
        {
            return result.StatusCode >= 500
                ? RobotsRules.ServerBusy($"robots-unavailable: robots.txt {result.StatusCode}")
                : RobotsRules.DisallowAll($"robots-unavailable: robots.txt {result.StatusCode}");
        }
        return RobotsRules.Unreachable($"robots-unavailable: robots.txt unreachable ({result.Error})", result.Failure, result.Kind, url);
    }
}
