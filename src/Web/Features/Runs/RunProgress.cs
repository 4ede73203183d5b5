namespace PlanNacc.Web.Features.Runs;

/// <summary>A run as the CLI's live line and GET /api/runs/{id} show it: done (ok), failed (any other status), left, rate, ETA.</summary>
public sealed record RunProgress
{
    public required long Id { get; init; }
    public required string Kind { get; init; }
    public required string Scope { get; init; }
    /// <summary>The fiscal year the run assesses.</summary>
    public required int FiscalYear { get; init; }
    public required DateTime StartedAt { get; init; }
    public DateTime? FinishedAt { get; init; }
    public required int Total { get; init; }
    public required int Done { get; init; }
    public required int Failed { get; init; }
    public int Left => Math.Max(0, Total - Done - Failed);
    public bool Finished => FinishedAt is not null;
    /// <summary>Sites ended per hour since the run started (to its end, or to now).</summary>
    public required double SitesPerHour { get; init; }
    /// <summary>When the last site is expected to end at the rate so far; null before the first site ends and after the run.</summary>
    public DateTime? Eta { get; init; }
    /// <summary>Results per stored status (ok, unreachable, robots-disallowed, timeout, error, …).</summary>
    public required IReadOnlyDictionary<string, int> ByStatus { get; init; }
    /// <summary>How many times the run sweeper enqueued lost LAOs of this run again.</summary>
    public int SweepRounds { get; init; }

    /// <summary>The criteria year that judges the run's fiscal year (<see cref="FiscalYear"/>), and whether it is provisional.</summary>
    public Criteria.CriteriaNotice? Criteria { get; init; }

    public static RunProgress Of(Run run, IReadOnlyDictionary<string, int> byStatus, DateTime now)
    {
        var ended = run.SitesDone + run.SitesFailed;
        var elapsed = ((run.FinishedAt ?? now) - run.StartedAt).TotalHours;
        var rate = elapsed > 0 ? ended / elapsed : 0;
        var left = Math.Max(0, run.SitesTotal - ended);
        return new RunProgress
        {
            Id = run.Id,
            Kind = run.Kind,
            Scope = run.Scope,
            FiscalYear = run.FiscalYear,
            StartedAt = run.StartedAt,
            FinishedAt = run.FinishedAt,
            Total = run.SitesTotal,
            Done = run.SitesDone,
            Failed = run.SitesFailed,
            SitesPerHour = Math.Round(rate, 1),
            Eta = run.FinishedAt is null && rate > 0 && left > 0 ? now.AddHours(left / rate) : null,
            ByStatus = byStatus,
            SweepRounds = run.SweepRounds,
        };
    }
}
