using PlanNacc.Crawler;

namespace PlanNacc.Web.Features.Runs;

/// <summary>
/// Whether a failed site is worth another attempt later in the run. A site that cannot answer now (timeout, reset, 5xx, 429)
/// may answer in ten minutes; one that does not exist, forbids us, or is refused by policy will not, and ends at once.
/// </summary>
public static class SiteFailures
{
    /// <summary>
    /// The crawler's typed failure decides; RFC 9309 reads a robots.txt answering 5xx as "not now", not as the site's will, and a
    /// resolver that could not answer now (unlike one that says no such host) may answer later.
    /// </summary>
    public static bool MayPass(SiteFailureKind failure) =>
        failure is SiteFailureKind.Timeout or SiteFailureKind.ConnectionLost or SiteFailureKind.ServerBusy or SiteFailureKind.DnsTemporary;
}
