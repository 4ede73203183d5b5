using System.Globalization;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Runs;

/// <summary>The run sweeper's settings, in section "Scans" beside the other run settings.</summary>
public sealed class RunSweeperOptions
{
    public const string Section = ScanOptions.Section;

    /// <summary>
    /// How often the sweeper looks at unfinished runs: whole minutes dividing an hour, or whole hours dividing a day; zero = never.
    /// </summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A run is swept only when nothing was stored for it (and it was not swept) for this long.</summary>
    public TimeSpan SweepQuietPeriod { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How many times a run's lost LAOs are enqueued again; at the next sweep after that they are recorded as failed ("lost: …").
    /// </summary>
    public int SweepRounds { get; set; } = 3;

    /// <summary>
    /// The sweeper reads Hangfire's lists of waiting jobs only while they hold at most this many jobs (reading them costs about a
    /// millisecond a job on PostgreSQL, far more on SQLite). A longer queue means the job servers have work, or none is running:
    /// enqueuing more would not help, so the sweep waits for a shorter queue.
    /// </summary>
    public int SweepMaxWaitingJobs { get; set; } = 2000;

    /// <summary>
    /// The recurring job's cron for <see cref="SweepEvery"/> (null = off); a setting cron cannot say is refused with a clear error.
    /// </summary>
    public string? Cron()
    {
        if (SweepQuietPeriod < TimeSpan.Zero || SweepRounds < 0 || SweepMaxWaitingJobs < 0)
        {
            throw new StorageConfigurationException(
                "Scans:SweepQuietPeriod must not be negative, Scans:SweepRounds and Scans:SweepMaxWaitingJobs must be 0 or more "
                + $"(got {SweepQuietPeriod}, {SweepRounds}, {SweepMaxWaitingJobs})");
        }
        var every = SweepEvery;
        if (every == TimeSpan.Zero)
        {
            return null;
        }
        if (every.Ticks % TimeSpan.TicksPerMinute == 0 && every.TotalMinutes is >= 1 and < 60 && 60 % (int)every.TotalMinutes == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"*/{(int)every.TotalMinutes} * * * *");
        }
        if (every.Ticks % TimeSpan.TicksPerHour == 0 && every.TotalHours is >= 1 and <= 24 && 24 % (int)every.TotalHours == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"0 */{(int)every.TotalHours} * * *");
        }
        throw new StorageConfigurationException(
            "Scans:SweepEvery must be whole minutes dividing an hour (00:01 … 00:30), whole hours dividing a day (01:00 … 24:00), "
            + $"or 00:00 to turn the run sweeper off; got {every}");
    }
}
