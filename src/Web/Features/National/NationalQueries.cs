using Dapper;
using PlanNacc.Web.Storage;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Features.Scans;

namespace PlanNacc.Web.Features.National;

public sealed record ProvinceSummary
{
    public string Province { get; init; } = "";
    public int Laos { get; init; }
    public int Scanned { get; init; }
    public double? AverageOit { get; init; }
    /// <summary>LAOs at or above 85, the pass mark of the ITA since 2566.</summary>
    public int Ready { get; init; }
}

public sealed record RunProblem
{
    public ScanStatus Status { get; init; }
    /// <summary>site_scans.status as stored (selected AS status_name), read into <see cref="Status"/>.</summary>
    public string StatusName { init => Status = ScanStatuses.Parse(value); }
    public int Sites { get; init; }
    public string? ExampleReason { get; init; }
}

/// <summary>The national overview reads: whole-country aggregates, kept in the <see cref="ReadCache"/> until data lands.</summary>
public sealed class NationalQueries(Database database, ReadCache cache)
{
    public Task<IReadOnlyList<ProvinceSummary>> ProvincesAsync(CancellationToken cancellationToken = default) =>
        cache.GetAsync("national-provinces", LoadProvincesAsync, cancellationToken);

    private async Task<IReadOnlyList<ProvinceSummary>> LoadProvincesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ProvinceSummary>(new CommandDefinition(
            """
            SELECT l.province, COUNT(*) AS laos, COUNT(s.id) AS scanned, AVG(s.oit_score) AS average_oit,
                   SUM(CASE WHEN s.oit_score >= 85 THEN 1 ELSE 0 END) AS ready
            FROM laos l LEFT JOIN site_scans s ON s.id = l.latest_scan_id
            GROUP BY l.province
            ORDER BY AVG(s.oit_score) DESC, l.province
            """, cancellationToken: cancellationToken));
        return rows.OrderBy(r => r.AverageOit is null).ThenByDescending(r => r.AverageOit).ThenBy(r => r.Province,
            StringComparer.Ordinal).ToList();
    }

    public async Task<Run?> LatestRunAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<Run>(new CommandDefinition(
            """
            SELECT id, kind, scope, fiscal_year, started_at, finished_at, sites_total, sites_done, sites_failed
            FROM runs WHERE kind = 'nightly' ORDER BY started_at DESC, id DESC LIMIT 1
            """, cancellationToken: cancellationToken));
    }

    /// <summary>Why sites of a run did not end "ok": one line per status, with one of its reasons as an example.</summary>
    public Task<IReadOnlyList<RunProblem>> ProblemsAsync(long runId, CancellationToken cancellationToken = default) =>
        cache.GetAsync($"run-problems:{runId}", ct => LoadProblemsAsync(runId, ct), cancellationToken);

    private async Task<IReadOnlyList<RunProblem>> LoadProblemsAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RunProblem>(new CommandDefinition(
            """
            SELECT status AS status_name, COUNT(*) AS sites, MIN(reason) AS example_reason
            FROM site_scans WHERE run_id = @runId AND status <> 'ok'
            GROUP BY status ORDER BY COUNT(*) DESC, status
            """, new { runId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
