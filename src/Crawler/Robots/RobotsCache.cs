using System.Collections.Concurrent;
using System.Text;
using PlanNacc.Crawler.Fetching;

namespace PlanNacc.Crawler.Robots;

/// <summary>
/// robots.txt per origin, fetched once and kept for the cache time (24 h by default), shared by every site of the process.
/// 2xx is parsed; 4xx allows all; 429, 5xx and unreachable disallow all (RFC 9309 2.3.1); up to five redirects are followed.
/// </summary>
internal sealed class RobotsCache(PoliteFetcher fetcher, TimeProvider clock, TimeSpan cacheTime)
{
    private const int MaxRedirects = 5;
    private readonly ConcurrentDictionary<string, Lazy<Task<(RobotsRules Rules, DateTimeOffset At)>>> entries = new(StringComparer.OrdinalIgnoreCase);

    public async Task<RobotsRules> GetAsync(Uri url, SiteBudget budget, CancellationToken cancellationToken)
    {
        var origin = url.GetLeftPart(UriPartial.Authority);
        while (true)
        {
            var entry = entries.GetOrAdd(origin, _ => new Lazy<Task<(RobotsRules, DateTimeOffset)>>(() => LoadAsync(origin, budget, cancellationToken)));
            (RobotsRules Rules, DateTimeOffset At) loaded;
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
            if (clock.GetUtcNow() - loaded.At < cacheTime)
            {
                return loaded.Rules;
            }
            entries.TryRemove(new(origin, entry));
        }
    }

    /// <summary>The rules already loaded for the URL's origin, without fetching.</summary>
    public RobotsRules? Cached(Uri url) =>
        entries.TryGetValue(url.GetLeftPart(UriPartial.Authority), out var entry) && entry.IsValueCreated && entry.Value.IsCompletedSuccessfully
            ? entry.Value.Result.Rules
            : null;

    private async Task<(RobotsRules, DateTimeOffset)> LoadAsync(string origin, SiteBudget budget, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        var url = new Uri(origin + "/robots.txt");
        var plan = new FetchPlan(RobotsRules.MaxBytes, budget) { CheckRobots = false, Truncate = true };
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            var result = await fetcher.ExchangeAsync(url, plan, cancellationToken).ConfigureAwait(false);
            if (result.RedirectTo is { } next)
            {
                url = next;
                continue;
            }
            return (Interpret(result, url), at);
        }
        return (RobotsRules.AllowAll("robots.txt redirects too often: allow all"), at);
    }

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
