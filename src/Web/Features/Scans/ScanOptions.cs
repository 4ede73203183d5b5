namespace PlanNacc.Web.Features.Scans;

/// <summary>The nightly run and the job servers. Section "Scans".</summary>
public sealed class ScanOptions
{
    public const string Section = "Scans";

    /// <summary>Cron of the nightly run, in <see cref="TimeZone"/>.</summary>
    public string NightlyCron { get; set; } = "0 2 * * *";

    public string TimeZone { get; set; } = "Asia/Bangkok";

    /// <summary>Sites scanned at once by one process: each crawl mostly waits on its host's politeness delay, so many run side by side.</summary>
    public int WorkerCount { get; set; } = 32;

    /// <summary>The fiscal year (BE) to assess; empty = the current fiscal year on the Bangkok calendar.</summary>
    public int? FiscalYear { get; set; }
}

/// <summary>The Hangfire dashboard. Section "JobDashboard". Disabled unless an admin token is set (accounts come with the Dashboard issue).</summary>
public sealed class JobDashboardOptions
{
    public const string Section = "JobDashboard";

    /// <summary>At least 16 characters; open /hangfire?token=… once, a cookie keeps it for the session. Empty = /hangfire is not mapped.</summary>
    public string? AdminToken { get; set; }
}
