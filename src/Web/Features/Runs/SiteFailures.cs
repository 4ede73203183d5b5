using System.Text.RegularExpressions;

namespace PlanNacc.Web.Features.Runs;

/// <summary>
/// Whether a failed site is worth another attempt later in the run. A site that cannot answer now (timeout, reset, 5xx, 429)
/// may answer in ten minutes; one that does not exist, forbids us, or is refused by policy will not, and ends at once.
/// </summary>
public static partial class SiteFailures
{
    public static bool IsTransient(string status, string? reason) => status switch
    {
        "timeout" => true,
        // RFC 9309 reads a robots.txt that answers 5xx as "disallow everything for now", not as the site's will.
        "robots-disallowed" => reason is not null && RobotsServerError().IsMatch(reason),
        "unreachable" => reason is not null && Transient().IsMatch(reason) && !Permanent().IsMatch(reason),
        _ => false,
    };

    // The crawler's own error words (HttpFetcher.Describe, robots loads): resets and cut bodies, server errors, throttling.
    [GeneratedRegex(@"connection-reset|truncated|connect-timeout|timedout|timeout|http 5\d\d|http 429|invalid-response|unreachable: (?!connectionrefused|hostnotfound|hostunreachable|networkunreachable)", RegexOptions.IgnoreCase)]
    private static partial Regex Transient();

    [GeneratedRegex(@"robots-unavailable: robots\.txt (5\d\d|unreachable)")]
    private static partial Regex RobotsServerError();

    [GeneratedRegex(@"dns:|no such host|connectionrefused|redirect-|too-large|decompression-bomb", RegexOptions.IgnoreCase)]
    private static partial Regex Permanent();
}
