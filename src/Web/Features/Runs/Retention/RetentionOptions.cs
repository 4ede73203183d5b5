namespace PlanNacc.Web.Features.Runs.Retention;

/// <summary>How long kept evidence stays. Section "Retention".</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>
    /// Evidence cited by each LAO's last this-many scans stays (with a nightly run: the last N runs), and so do those scans'
    /// whole verdicts and item rows; older scans keep their status, reason and scores (and the newest of each criteria year
    /// keeps everything).
    /// </summary>
    public int KeepRuns { get; set; } = 7;

    /// <summary>Cron of the clean-up job, in the scans' time zone (after the nightly run).</summary>
    public string Cron { get; set; } = "30 6 * * *";

    /// <summary>A blob cited this recently stays whatever else holds: a scan may be storing a reference to it right now.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromHours(6);
}
