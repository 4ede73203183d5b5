using Dapper;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Scans;

public sealed record Run
{
    public long Id { get; init; }
    /// <summary>nightly | on-demand</summary>
    public string Kind { get; init; } = "";
    /// <summary>all | lao:NNNNNNN | province:NAME | demo</summary>
    public string Scope { get; init; } = "";
    public int CriteriaYear { get; init; }
    public DateTime StartedAt { get; init => field = value.AsUtc(); }
    public DateTime? FinishedAt { get; init => field = value.AsUtc(); }
    public int SitesTotal { get; init; }
    public int SitesDone { get; init; }
    public int SitesFailed { get; init; }
}

public sealed class RunStore(Database database)
{
    public async Task<long> CreateAsync(string kind, string scope, int criteriaYear, int sitesTotal, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var now = DateTime.UtcNow;
        return await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO runs (kind, scope, criteria_year, started_at, finished_at, sites_total)
            VALUES (@kind, @scope, @criteriaYear, @now, @finishedAt, @sitesTotal)
            RETURNING id
            """,
            new { kind, scope, criteriaYear, now, finishedAt = sitesTotal == 0 ? now : (DateTime?)null, sitesTotal });
    }

    public async Task<Run?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Run>(
            """
            SELECT id, kind, scope, criteria_year, started_at, finished_at, sites_total, sites_done, sites_failed
            FROM runs WHERE id = @id
            """,
            new { id });
    }
}
