using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Features.Scans;

namespace PlanNacc.Web.Tests.Runs;

public sealed class SiteFailuresFacts
{
    // Reasons as the crawler words them (HttpFetcher.Describe, RobotsCache, SiteCrawl).
    [Theory]
    [InlineData("timeout", "site time budget ran out before the home page was read", true)]
    [InlineData("unreachable", "robots-unavailable: robots.txt unreachable (connection-reset)", true)]
    [InlineData("unreachable", "truncated", true)]
    [InlineData("unreachable", "http 503", true)]
    [InlineData("unreachable", "http 429", true)]
    [InlineData("robots-disallowed", "robots-unavailable: robots.txt 503", true)]
    [InlineData("unreachable", "dns: tlpm.go.th: no such host", false)]
    [InlineData("unreachable", "robots-unavailable: robots.txt unreachable (dns: no such host)", false)]
    [InlineData("unreachable", "robots-unavailable: robots.txt unreachable (unreachable: connectionrefused)", false)]
    [InlineData("unreachable", "redirect-loop", false)]
    [InlineData("unreachable", "too-large", false)]
    [InlineData("unreachable", "http 404", false)]
    [InlineData("robots-disallowed", "robots-disallowed: robots.txt disallows the home page for PlanNacc", false)]
    [InlineData("refused", "refused: private 10.0.0.8", false)]
    [InlineData("certificate-invalid", "certificate-invalid: expired", false)]
    [InlineData("ok", null, false)]
    public void IsTransient_TellsPassingFailuresFromPermanentOnes(string status, string? reason, bool transient) =>
        Assert.Equal(transient, SiteFailures.IsTransient(status, reason));

    [Fact]
    public void Of_GivesRateAndEta_FromTheSitesEndedSoFar()
    {
        var started = new DateTime(2026, 11, 25, 19, 0, 0, DateTimeKind.Utc);
        var run = new Run { Id = 7, Kind = "nightly", Scope = "all", StartedAt = started, SitesTotal = 400, SitesDone = 90, SitesFailed = 10 };

        var progress = RunProgress.Of(run, new Dictionary<string, int> { ["ok"] = 90, ["timeout"] = 10 }, started.AddMinutes(30));

        Assert.Equal((90, 10, 300, 200.0), (progress.Done, progress.Failed, progress.Left, progress.SitesPerHour));
        Assert.Equal(started.AddMinutes(30).AddHours(1.5), progress.Eta);
        Assert.False(progress.Finished);
    }

    [Fact]
    public void Of_HasNoEta_BeforeTheFirstSiteEnds()
    {
        var started = new DateTime(2026, 11, 25, 19, 0, 0, DateTimeKind.Utc);
        var progress = RunProgress.Of(new Run { Id = 1, StartedAt = started, SitesTotal = 5 }, new Dictionary<string, int>(), started.AddMinutes(1));

        Assert.Equal((5, 0.0, (DateTime?)null), (progress.Left, progress.SitesPerHour, progress.Eta));
    }
}
