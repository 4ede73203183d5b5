using PlanNacc.Crawler.Politeness;
using PlanNacc.Crawler.Robots;
using PlanNacc.Crawler.Safety;

namespace PlanNacc.Crawler.Fetching;

/// <summary>How one fetch may proceed.</summary>
internal sealed record FetchPlan(long MaxBytes, SiteBudget Budget)
{
    public bool CheckRobots { get; init; } = true;
    /// <summary>Keep the first <see cref="MaxBytes"/> of a longer body instead of failing (robots.txt: the first 500 KiB count).</summary>
    public bool Truncate { get; init; }
    /// <summary>The validators (ETag, Last-Modified) kept from the last scan for a URL, sent as a conditional request.</summary>
    public Func<Uri, Validators?>? ValidatorsFor { get; init; }
    /// <summary>Whether a redirect may lead to this URL (e.g. stay on the site); null follows any (still address-checked).</summary>
    public Func<Uri, bool>? MayRedirectTo { get; init; }
}

/// <summary>
/// Every request the crawler makes goes through here: robots.txt, then the address check, the host's rate slot and the address's
/// concurrency gate, then one exchange; transient failures retried with backoff; redirects followed one hop at a time (each hop
/// checked again) with loop detection.
/// </summary>
internal sealed class PoliteFetcher
{
    private readonly CrawlerOptions options;
    private readonly HttpFetcher http;
    private readonly HostResolver resolver;
    private readonly IRequestGate gate;
    private readonly TimeProvider clock;

    public PoliteFetcher(CrawlerOptions options, HttpFetcher http, HostResolver resolver, HostRateLimiter limiter, AddressGate gate,
        TimeProvider clock, IRequestGate? requestGate = null)
    {
        this.options = options;
        this.http = http;
        this.resolver = resolver;
        this.gate = requestGate ?? new InProcessRequestGate(limiter, gate);
        this.clock = clock;
        Robots = new RobotsCache(this, clock, options.RobotsCacheTime);
    }

    public RobotsCache Robots { get; }
    public HttpFetcher Http => http;

    public async Task<FetchResult> FetchAsync(Uri url, FetchPlan plan, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { url.AbsoluteUri };
        var current = url;
        for (var hop = 0; ; hop++)
        {
            try
            {
                // Checked before robots.txt, so a redirect to a forbidden address is refused rather than read as robots-unavailable.
                await resolver.ResolveAsync(current.IdnHost, cancellationToken).ConfigureAwait(false);
            }
            catch (AddressRefusedException refused)
            {
                return new FetchResult { Url = url, FinalUrl = current, Error = refused.Reason, Failure = FetchFailure.Refused,
                    FetchedAt = clock.GetUtcNow() };
            }
            catch (DnsFailureException dns)
            {
                return new FetchResult
                {
                    Url = url, FinalUrl = current, Error = dns.Message, FetchedAt = clock.GetUtcNow(),
                    Failure = dns.Temporary ? FetchFailure.DnsTemporary : FetchFailure.Dns,
                };
            }
            if (plan.CheckRobots)
            {
                var rules = await Robots.GetAsync(current, plan.Budget, cancellationToken).ConfigureAwait(false);
                if (!rules.IsAllowed(current))
                {
                    return new FetchResult
                    {
                        Url = url, FinalUrl = current, Error = "robots-disallowed", Failure = FetchFailure.Robots,
                            FetchedAt = clock.GetUtcNow(),
                    };
                }
            }
            var result = await ExchangeAsync(current, plan, cancellationToken).ConfigureAwait(false);
            result = result with { Url = url, FinalUrl = current };
            if (result.RedirectTo is not { } next)
            {
                return result;
            }
            string? problem = null;
            if (next.Scheme is not ("http" or "https"))
            {
                problem = "redirect-unsupported-scheme";
            }
            else if (!seen.Add(next.AbsoluteUri))
            {
                problem = "redirect-loop";
            }
            else if (hop >= options.MaxRedirects)
            {
                problem = "too-many-redirects";
            }
            else if (plan.MayRedirectTo is { } may && !may(next))
            {
                problem = "redirect-off-site";
            }
            if (problem is not null)
            {
                return result with { Error = problem, Failure = FetchFailure.Redirects };
            }
            current = next;
        }
    }

    /// <summary>One URL, no redirects followed: rate slot, address gate, retries.</summary>
    internal async Task<FetchResult> ExchangeAsync(Uri url, FetchPlan plan, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (plan.Budget.Exhausted)
            {
                return new FetchResult { Url = url, FinalUrl = url, Error = "site-byte-budget", Failure = FetchFailure.Budget,
                    FetchedAt = clock.GetUtcNow() };
            }
            System.Net.IPAddress[] addresses;
            try
            {
                addresses = await resolver.ResolveAsync(url.IdnHost, cancellationToken).ConfigureAwait(false);
            }
            catch (AddressRefusedException refused)
            {
                return new FetchResult { Url = url, FinalUrl = url, Error = refused.Reason, Failure = FetchFailure.Refused,
                    FetchedAt = clock.GetUtcNow() };
            }
            catch (DnsFailureException dns)
            {
                return new FetchResult
                {
                    Url = url, FinalUrl = url, Error = dns.Message, FetchedAt = clock.GetUtcNow(),
                    Failure = dns.Temporary ? FetchFailure.DnsTemporary : FetchFailure.Dns,
                };
            }
            FetchResult result;
            var cap = Math.Min(plan.MaxBytes, Math.Max(1, plan.Budget.Remaining));
            await using ((await gate.AcquireAsync(url.IdnHost, addresses[0], IntervalFor(url), cancellationToken).ConfigureAwait(false))
                .ConfigureAwait(false))
            {
                var truncate = plan.Truncate && cap == plan.MaxBytes;
                result = await http.SendAsync(url, cap, cancellationToken, truncate, plan.ValidatorsFor?.Invoke(url))
                    .ConfigureAwait(false);
            }
            plan.Budget.Record(result);
            if (result.Failure == FetchFailure.TooLarge && cap < plan.MaxBytes)
            {
                plan.Budget.MarkExhausted();
                result = result with { Error = "site-byte-budget", Failure = FetchFailure.Budget };
            }
            result = result with { Attempts = attempt };
            if (attempt > options.MaxRetries || !HttpFetcher.IsTransient(result))
            {
                return result;
            }
            var pause = RetryAfter(result) ?? options.RetryBaseDelay * Math.Pow(2, attempt - 1);
            if (pause > options.MaxRetryAfter)
            {
                return result;
            }
            await Task.Delay(pause, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan IntervalFor(Uri url)
    {
        var interval = TimeSpan.FromSeconds(1.0 / Math.Max(0.001, options.RequestsPerSecondPerHost));
        if (options.HonourCrawlDelay && Robots.Cached(url)?.CrawlDelay is { } delay)
        {
            var capped = delay < options.MaxCrawlDelay ? delay : options.MaxCrawlDelay;
            if (capped > interval)
            {
                interval = capped;
            }
        }
        return interval;
    }

    private static TimeSpan? RetryAfter(FetchResult result)
    {
        if (!result.Headers.TryGetValue("Retry-After", out var value))
        {
            return null;
        }
        if (int.TryParse(value, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Max(0, seconds));
        }
        return DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? at - result.FetchedAt
            : null;
    }
}
