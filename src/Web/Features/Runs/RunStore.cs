using Dapper;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Runs;

public sealed record Run
{
    public long Id { get; init; }
    /// <summary>nightly | on-demand</summary>
    public string Kind { get; init; } = "";
    /// <summary>all | lao:NNNNNNN | province:NAME | demo</summary>
    public string Scope { get; init; } = "";
    /// <summary>The fiscal year the run assesses (its scans say which criteria year judged it).</summary>
    public int FiscalYear { get; init; }
    public DateTime StartedAt { get; init => field = value.AsUtc(); }
    public DateTime? FinishedAt { get; init => field = value.AsUtc(); }
    public int SitesTotal { get; init; }
    public int SitesDone { get; init; }
    public int SitesFailed { get; init; }
    /// <summary>How many times the run sweeper enqueued this run's lost LAOs again.</summary>
    public int SweepRounds { get; init; }
}

/// <summary>One LAO of a run that did not end "ok": its status and reason (crawled text: encode wherever shown).</summary>
public sealed record RunFailure
{
    public string DlaCode { get; init; } = "";
    public ScanStatus Status { get; init; }
    /// <summary>site_scans.status as stored (selected AS status_name), read into <see cref="Status"/>.</summary>
    public string StatusName { init => Status = ScanStatuses.Parse(value); }
    public string? Reason { get; init; }
    /// <summary>From the registry; empty when the LAO is no longer there.</summary>
    public string? Type { get; init; }
    public string? Name { get; init; }
    public string? Province { get; init; }
}

public sealed class RunStore(Database database)
{
    /// <summary>A run of <paramref name="sitesTotal"/> LAOs whose list is not kept (tests, callers that track it themselves).</summary>
    public async Task<long> CreateAsync(
        string kind, string scope, int fiscalYear, int sitesTotal, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await InsertRunAsync(connection, null, kind, scope, fiscalYear, sitesTotal);
    }

    /// <summary>A run and the LAOs it plans, in one transaction: a run never exists without its list.</summary>
    public async Task<long> CreateAsync(
        string kind, string scope, int fiscalYear, IReadOnlyList<string> dlaCodes, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var runId = await InsertRunAsync(connection, transaction, kind, scope, fiscalYear, dlaCodes.Count);
        await connection.ExecuteAsync(
            "INSERT INTO run_sites (run_id, dla_code) VALUES (@runId, @code)",
            dlaCodes.Select(code => new { runId, code }),
            transaction);
        await transaction.CommitAsync(cancellationToken);
        return runId;
    }

    private static Task<long> InsertRunAsync(
        System.Data.Common.DbConnection connection,
        System.Data.Common.DbTransaction? transaction,
        string kind,
        string scope,
        int fiscalYear,
        int sitesTotal)
    {
        var now = DateTime.UtcNow;
        return connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO runs (kind, scope, fiscal_year, started_at, finished_at, sites_total)
            VALUES (@kind, @scope, @fiscalYear, @now, @finishedAt, @sitesTotal)
            RETURNING id
            """,
            new { kind, scope, fiscalYear, now, finishedAt = sitesTotal == 0 ? now : (DateTime?)null, sitesTotal },
            transaction);
    }

    public async Task<Run?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Run>(
            """
            SELECT id, kind, scope, fiscal_year, started_at, finished_at, sites_total, sites_done, sites_failed, sweep_rounds
            FROM runs WHERE id = @id
            """,
            new { id });
    }

    public async Task<RunProgress?> ProgressAsync(long id, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(id, cancellationToken) is not { } run)
        {
            return null;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var byStatus = (await connection.QueryAsync<(string Status, int Count)>(
                "SELECT status, count(*) FROM site_scans WHERE run_id = @id GROUP BY status ORDER BY status", new { id }))
            .ToDictionary(r => r.Status, r => r.Count);
        return RunProgress.Of(run, byStatus, DateTime.UtcNow);
    }

    /// <summary>The latest runs, newest first.</summary>
    public Task<IReadOnlyList<Run>> ListAsync(int limit, CancellationToken cancellationToken = default) =>
        ListAsync(limit, null, cancellationToken);

    /// <summary>The latest runs of one kind (nightly | on-demand; null = any), newest first.</summary>
    public async Task<IReadOnlyList<Run>> ListAsync(
        int limit, string? kind, CancellationToken cancellationToken = default, int offset = 0)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Run>(new CommandDefinition(
            $"""
            SELECT id, kind, scope, fiscal_year, started_at, finished_at, sites_total, sites_done, sites_failed, sweep_rounds
            FROM runs {(kind is null ? "" : "WHERE kind = @kind")} ORDER BY id DESC LIMIT @limit OFFSET @offset
            """,
            new { limit, kind, offset }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>How many runs there are (the API's <c>total</c>).</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(
            new CommandDefinition("SELECT COUNT(*) FROM runs", cancellationToken: cancellationToken));
    }

    /// <summary>The LAOs of a run that did not end "ok", with their status, reason and registry name; by status, then reason.</summary>
    public async Task<IReadOnlyList<RunFailure>> FailuresAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<RunFailure>(new CommandDefinition(
            """
            SELECT s.dla_code, s.status AS status_name, s.reason, l.type, l.name, l.province
            FROM site_scans s LEFT JOIN laos l ON l.dla_code = s.dla_code
            WHERE s.run_id = @id AND s.status <> 'ok'
            ORDER BY s.status, s.reason, s.dla_code
            """,
            new { id }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>
    /// Unfinished runs without a sign of life since <paramref name="quietSince"/>: started before it, no result stored since, and
    /// not swept since. Their LAOs without a result are either waiting on a job (a retry, a lease) or lost.
    /// </summary>
    public async Task<IReadOnlyList<Run>> QuietAsync(DateTime quietSince, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Run>(new CommandDefinition(
            """
            SELECT r.id, r.kind, r.scope, r.fiscal_year, r.started_at, r.finished_at, r.sites_total, r.sites_done, r.sites_failed,
                r.sweep_rounds
            FROM runs r
            WHERE r.finished_at IS NULL AND r.started_at < @quietSince AND (r.swept_at IS NULL OR r.swept_at < @quietSince)
              AND NOT EXISTS (SELECT 1 FROM site_scans s WHERE s.run_id = r.id AND s.finished_at >= @quietSince)
            ORDER BY r.id
            """,
            new { quietSince = quietSince.AsUtc() }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>
    /// The sweeper enqueued lost LAOs of the run again at <paramref name="at"/>: one more round, and the quiet period starts over.
    /// </summary>
    public async Task MarkSweptAsync(long id, DateTime at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE runs SET sweep_rounds = sweep_rounds + 1, swept_at = @at WHERE id = @id",
            new { id, at = at.AsUtc() }, cancellationToken: cancellationToken));
    }

    /// <summary>The planned LAOs of a run that have no result yet.</summary>
    public async Task<IReadOnlyList<string>> LeftAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(
            """
            SELECT p.dla_code FROM run_sites p
            WHERE p.run_id = @id AND NOT EXISTS (SELECT 1 FROM site_scans s WHERE s.run_id = p.run_id AND s.dla_code = p.dla_code)
            ORDER BY p.dla_code
            """,
            new { id })).AsList();
    }

    /// <summary>An admin enqueued a run's LAOs without a result again from the dashboard: kept in the audit log.</summary>
    public async Task RecordResumeAsync(long id, string actor, int enqueued, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var runId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await new AuditLog(connection, transaction).WriteAsync(actor, "resume", "run", runId, null, new { enqueued }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
