namespace PlanNacc.Web.Features.Runs;

/// <summary>The nightly run and the job servers. Section "Scans".</summary>
public sealed class ScanOptions
{
    public const string Section = "Scans";

    /// <summary>Cron of the nightly run, in <see cref="TimeZone"/>.</summary>
    public string NightlyCron { get; set; } = "0 2 * * *";

    public string TimeZone { get; set; } = "Asia/Bangkok";

    /// <summary>
    /// Sites scanned at once by one process: each crawl mostly waits on its host's politeness delay, so many run side by side.
    /// </summary>
    public int WorkerCount { get; set; } = 32;

    /// <summary>The fiscal year (BE) to assess; empty = the current fiscal year on the Bangkok calendar.</summary>
    public int? FiscalYear { get; set; }

    /// <summary>
    /// The fiscal year a run or scan started now assesses: <see cref="FiscalYear"/>, or the clock's on the Bangkok calendar.
    /// </summary>
    public int AssessedYear(TimeProvider clock) => FiscalYear ?? PlanNacc.Scoring.Thai.FiscalYears.Of(clock.GetUtcNow());

    /// <summary>
    /// Pauses before a site that failed for a passing reason (timeout, connection reset, 5xx) is tried again; one more attempt
    /// than pauses. A permanent failure (no such host, robots.txt, refused) ends at once.
    /// </summary>
    /// <remarks>Empty = 60, 300, 900 (a default array would be appended to, not replaced, by configuration binding).</remarks>
    public int[]? RetryDelaysSeconds { get; set; }

    public IReadOnlyList<int> RetryDelays => RetryDelaysSeconds is { Length: > 0 } delays ? delays : [60, 300, 900];

    public int MaxAttempts => RetryDelays.Count + 1;

    /// <summary>
    /// PostgreSQL job queue: a job whose worker vanished (killed, machine lost) is handed to another worker after this long.
    /// Live workers keep their jobs' lease fresh, so long crawls are not handed out twice.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// PostgreSQL job storage: a lock row of Hangfire's (a job's state change, the scheduled-job poller) older than this belongs to
    /// a process that died holding it and is taken over. Hangfire holds these for milliseconds; its default of ten minutes let
    /// one worker killed at the wrong moment stall the job it was moving, and every retry's enqueue, for ten minutes.
    /// </summary>
    public TimeSpan StaleLockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often a job server moves due scheduled jobs (a site's retry, a job Hangfire retries after the database was away) into
    /// the queue: a retry waits its pause plus up to this long. Hangfire's default.
    /// </summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a worker holds a per-address request slot at most (a killed worker's slots come back after this); never less
    /// than the crawler's connect + request timeouts, which bound one exchange.
    /// </summary>
    public TimeSpan AddressLeaseTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// On PostgreSQL, per-host rate and per-address limits hold across every worker (a table of slots); false = per process.
    /// </summary>
    public bool SharedPoliteness { get; set; } = true;

    /// <summary>
    /// A JSON object host → IP address the crawler uses instead of DNS (the site farm's hostmap.json; split-horizon set-ups).
    /// </summary>
    public string? ResolveFile { get; set; }
}
