using PlanNacc.Crawler;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Tests.Runs;

public sealed class SiteFailuresFacts
{
    [Theory]
    [InlineData(SiteFailureKind.Timeout, true)]
    [InlineData(SiteFailureKind.ConnectionLost, true)]
    [InlineData(SiteFailureKind.ServerBusy, true)]
    [InlineData(SiteFailureKind.DnsTemporary, true)]
    [InlineData(SiteFailureKind.NoSuchHost, false)]
    [InlineData(SiteFailureKind.SocialPageOnly, false)]
    [InlineData(SiteFailureKind.OnePage, false)]
    [InlineData(SiteFailureKind.CertificateExpired, false)]
    [InlineData(SiteFailureKind.ConnectionRefused, false)]
    [InlineData(SiteFailureKind.AddressRefused, false)]
    [InlineData(SiteFailureKind.Certificate, false)]
    [InlineData(SiteFailureKind.Redirects, false)]
    [InlineData(SiteFailureKind.TooLarge, false)]
    [InlineData(SiteFailureKind.HttpStatus, false)]
    [InlineData(SiteFailureKind.RobotsDisallowed, false)]
    [InlineData(SiteFailureKind.Budget, false)]
    [InlineData(SiteFailureKind.None, false)]
    public void MayPass_TellsPassingFailuresFromPermanentOnes(SiteFailureKind failure, bool mayPass) =>
        Assert.Equal(mayPass, SiteFailures.MayPass(failure));

    [Fact]
    public void Of_GivesRateAndEta_FromTheSitesEndedSoFar()
    {
        var started = new DateTime(2026, 11, 25, 19, 0, 0, DateTimeKind.Utc);
        var run =
            new Run { Id = 7, Kind = "nightly", Scope = "all", StartedAt = started, SitesTotal = 400, SitesDone = 90, SitesFailed = 10 };

        var progress = RunProgress.Of(run, new Dictionary<string, int> { ["ok"] = 90, ["timeout"] = 10 }, started.AddMinutes(30));

        Assert.Equal((90, 10, 300, 200.0), (progress.Done, progress.Failed, progress.Left, progress.SitesPerHour));
        Assert.Equal(started.AddMinutes(30).AddHours(1.5), progress.Eta);
        Assert.False(progress.Finished);
    }

    [Fact]
    public void Of_HasNoEta_BeforeTheFirstSiteEnds()
    {
        var started = new DateTime(2026, 11, 25, 19, 0, 0, DateTimeKind.Utc);
        var progress =
            RunProgress.Of(new Run { Id = 1, StartedAt = started, SitesTotal = 5 }, new Dictionary<string, int>(), started.AddMinutes(1));

        Assert.Equal((5, 0.0, (DateTime?)null), (progress.Left, progress.SitesPerHour, progress.Eta));
    }
}
