using Dapper;
using PlanNacc.Web.Features.Shared;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Plans;

/// <summary>
/// The two report rounds of a Thai fiscal year N (BE): round 1 covers 1 Oct N-1 to 31 Mar N and is due by 30 April N;
/// round 2 covers the whole year and is due by 31 October N (the month after the year ends), as the NACC letters say.
/// </summary>
public static class ReportCalendar
{
    public static DateOnly PeriodStart(int fiscalYear) => new(fiscalYear - 543 - 1, 10, 1);

    public static DateOnly PeriodEnd(int fiscalYear, int round) => round == 1 ? new(fiscalYear - 543, 3, 31) : new(fiscalYear - 543, 9, 30);

    public static DateOnly Due(int fiscalYear, int round) => round == 1 ? new(fiscalYear - 543, 4, 30) : new(fiscalYear - 543, 10, 31);

    /// <summary>The Bangkok calendar day of a UTC instant.</summary>
    public static DateOnly BangkokDay(DateTime utc) => ThaiDates.BangkokDay(utc);

    public static string FormatBe(DateOnly day) => ThaiDates.Date(day);

    /// <summary>The fiscal years (BE) a plan or report can concern: plans from the 2561 cycle on, with room ahead.</summary>
    public const int FirstYear = 2550, LastYear = 2700;

    /// <summary>What is wrong with a requested fiscal year or round (for a 400 answer), or null when both are usable.</summary>
    public static string? Problem(int? fiscalYear, int? round) =>
        fiscalYear is < FirstYear or > LastYear ? $"fy must be a fiscal year (BE) from {FirstYear} to {LastYear}"
        : round is not (null or 1 or 2) ? "round must be 1 (6 months) or 2 (12 months)"
        : null;

    public static string RoundLabel(int round) => round == 1 ? "รอบ 6 เดือน" : "รอบ 12 เดือน";

    /// <summary>The fiscal year (BE) a UTC instant falls in.</summary>
    public static int FiscalYearOf(DateTime utc) => ThaiDates.FiscalYearOf(utc);
}

/// <summary>Where a round stands against its due date.</summary>
public enum RoundState
{
    /// <summary>Not submitted and not yet due.</summary>
    Open,
    OnTime,
    Late,
    /// <summary>Not submitted and past due.</summary>
    Missing,
}

public sealed record ReportLine
{
    public long ProjectId { get; init; }
    public decimal? PlanBudget { get; init; }
    public decimal? OrdinanceBudget { get; init; }
    public decimal? Disbursed { get; init; }
    public bool InOrdinance { get; init; }
    public string Status { get; init; } = PlanVocabulary.InProgress;
    public string? NotDoneReason { get; init; }
    public string Note { get; init; } = "";
}

public sealed record ReportRound
{
    public string DlaCode { get; init; } = "";
    public int FiscalYear { get; init; }
    public int Round { get; init; }
    public DateTime? SubmittedAt { get; init => field = value.AsUtc(); }
    public string? SubmittedBy { get; init; }
    public DateTime? ReopenedAt { get; init => field = value.AsUtc(); }
    public string? ReopenedBy { get; init; }
    public string? ReopenReason { get; init; }
    public IReadOnlyList<ReportLine> Lines { get; init; } = [];

    public DateOnly Due => ReportCalendar.Due(FiscalYear, Round);

    public bool Locked => SubmittedAt is not null;

    public RoundState StateOn(DateTime nowUtc) => SubmittedAt is { } at
        ? ReportCalendar.BangkokDay(at) > Due ? RoundState.Late : RoundState.OnTime
        : ReportCalendar.BangkokDay(nowUtc) > Due ? RoundState.Missing : RoundState.Open;
}

public sealed class ReportException(string message) : Exception(message);

/// <summary>Report rounds and their lines; submitting locks a round, only the province (or an admin) reopens it, with a reason.</summary>
public sealed class ReportStore(Database database, TimeProvider clock)
{
    public async Task<ReportRound> RoundAsync(string dlaCode, int fiscalYear, int round, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RoundRow>(new CommandDefinition(
            """
            SELECT id, submitted_at, submitted_by, reopened_at, reopened_by, reopen_reason
            FROM report_rounds WHERE dla_code = @dlaCode AND fiscal_year = @fiscalYear AND round = @round
            """, new { dlaCode, fiscalYear, round }, cancellationToken: cancellationToken));
        var result = new ReportRound { DlaCode = dlaCode, FiscalYear = fiscalYear, Round = round };
        if (row is null)
        {
            return result;
        }
        var lines = await connection.QueryAsync<LineRow>(new CommandDefinition(
            """
            SELECT project_id, plan_budget_satang, ordinance_budget_satang, disbursed_satang, in_ordinance, status, not_done_reason, note
            FROM report_lines WHERE round_id = @id ORDER BY project_id
            """, new { id = row.Id }, cancellationToken: cancellationToken));
        return result with
        {
            SubmittedAt = row.SubmittedAt,
            SubmittedBy = row.SubmittedBy,
            ReopenedAt = row.ReopenedAt,
            ReopenedBy = row.ReopenedBy,
            ReopenReason = row.ReopenReason,
            Lines = lines.Select(l => l.ToLine()).ToList(),
        };
    }

    /// <summary>Rounds of many LAOs for one fiscal year and round (the province's reporting view), keyed by DLA code.</summary>
    public async Task<IReadOnlyDictionary<string, ReportRound>> RoundsAsync(IReadOnlyList<string> dlaCodes, int fiscalYear, int round,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RoundRow>(new CommandDefinition(
            """
            SELECT id, dla_code, submitted_at, submitted_by, reopened_at, reopened_by, reopen_reason
            FROM report_rounds WHERE fiscal_year = @fiscalYear AND round = @round
            """, new { fiscalYear, round }, cancellationToken: cancellationToken));
        var wanted = dlaCodes.ToHashSet();
        return rows.Where(r => wanted.Contains(r.DlaCode)).ToDictionary(r => r.DlaCode, r => new ReportRound
        {
            DlaCode = r.DlaCode, FiscalYear = fiscalYear, Round = round, SubmittedAt = r.SubmittedAt, SubmittedBy = r.SubmittedBy,
            ReopenedAt = r.ReopenedAt, ReopenedBy = r.ReopenedBy, ReopenReason = r.ReopenReason,
        });
    }

    public async Task SaveLineAsync(string dlaCode, int fiscalYear, int round, ReportLine line, string actor,
        CancellationToken cancellationToken = default)
    {
        Check(line);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var roundId = await RoundIdAsync(connection, transaction, dlaCode, fiscalYear, round, cancellationToken);
        var locked = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT CASE WHEN submitted_at IS NULL THEN 0 ELSE 1 END FROM report_rounds WHERE id = @roundId", new { roundId }, transaction,
            cancellationToken: cancellationToken));
        if (locked == 1)
        {
            throw new ReportException("ส่งรายงานรอบนี้แล้ว แก้ไขไม่ได้จนกว่าจังหวัดจะเปิดให้แก้ไข");
        }
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO report_lines (round_id, project_id, plan_budget_satang, ordinance_budget_satang, disbursed_satang, in_ordinance,
                status, not_done_reason, note, updated_at, updated_by)
            VALUES (@roundId, @ProjectId, @planBudget, @ordinanceBudget, @disbursed, @InOrdinance, @Status, @NotDoneReason, @Note,
                @now, @actor)
            ON CONFLICT (round_id, project_id) DO UPDATE SET plan_budget_satang = excluded.plan_budget_satang,
                ordinance_budget_satang = excluded.ordinance_budget_satang, disbursed_satang = excluded.disbursed_satang,
                in_ordinance = excluded.in_ordinance, status = excluded.status, not_done_reason = excluded.not_done_reason,
                note = excluded.note, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """,
            new
            {
                roundId, line.ProjectId, planBudget = PlanAmounts.ToSatang(line.PlanBudget),
                ordinanceBudget = PlanAmounts.ToSatang(line.OrdinanceBudget), disbursed = PlanAmounts.ToSatang(line.Disbursed),
                line.InOrdinance, line.Status,
                NotDoneReason = line.Status == PlanVocabulary.NotPossible ? line.NotDoneReason : null, Note = line.Note.Trim(),
                now = clock.GetUtcNow().UtcDateTime, actor,
            }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Locks the round; every project running in the year must have its line first.</summary>
    public async Task SubmitAsync(string dlaCode, int fiscalYear, int round, IReadOnlyList<long> projectIds, string actor,
        CancellationToken cancellationToken = default)
    {
        var current = await RoundAsync(dlaCode, fiscalYear, round, cancellationToken);
        if (current.Locked)
        {
            throw new ReportException("ส่งรายงานรอบนี้แล้ว");
        }
        var missing = projectIds.Except(current.Lines.Select(l => l.ProjectId)).Count();
        if (projectIds.Count == 0 || missing > 0)
        {
            throw new ReportException(projectIds.Count == 0 ? "ยังไม่มีโครงการในปีงบประมาณนี้" : $"ยังไม่ได้รายงานผล {missing} โครงการ");
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var roundId = await RoundIdAsync(connection, transaction, dlaCode, fiscalYear, round, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE report_rounds SET submitted_at = @now, submitted_by = @actor WHERE id = @roundId",
            new { now, actor, roundId }, transaction, cancellationToken: cancellationToken));
        await new AuditLog(connection, transaction).WriteAsync(actor, "report-submit", "report_round", $"{dlaCode}/{fiscalYear}/{round}",
            null, new { submittedAt = now }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task ReopenAsync(string dlaCode, int fiscalYear, int round, string reason, string actor,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ReportException("ต้องระบุเหตุผลที่เปิดให้แก้ไข");
        }
        var current = await RoundAsync(dlaCode, fiscalYear, round, cancellationToken);
        if (!current.Locked)
        {
            throw new ReportException("รายงานรอบนี้ยังไม่ได้ส่ง");
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE report_rounds SET submitted_at = NULL, submitted_by = NULL, reopened_at = @now, reopened_by = @actor,
                reopen_reason = @reason
            WHERE dla_code = @dlaCode AND fiscal_year = @fiscalYear AND round = @round
            """, new { now, actor, reason = reason.Trim(), dlaCode, fiscalYear, round }, transaction,
            cancellationToken: cancellationToken));
        await new AuditLog(connection, transaction).WriteAsync(actor, "report-reopen", "report_round", $"{dlaCode}/{fiscalYear}/{round}",
            new { current.SubmittedAt, current.SubmittedBy }, new { reopenedAt = now, reason }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static void Check(ReportLine line)
    {
        if (!PlanVocabulary.Statuses.Contains(line.Status))
        {
            throw new ReportException($"สถานะต้องเป็น {string.Join(" / ", PlanVocabulary.Statuses)}");
        }
        if (line.Status == PlanVocabulary.NotPossible && !PlanVocabulary.NotDoneReasons.Contains(line.NotDoneReason ?? ""))
        {
            throw new ReportException("ต้องระบุเหตุผลที่ไม่สามารถดำเนินการได้");
        }
        if (new[] { line.PlanBudget, line.OrdinanceBudget, line.Disbursed }.Select(PlanAmounts.Problem).FirstOrDefault(p
            => p is not null) is { } problem)
        {
            throw new ReportException(problem);
        }
    }

    private static async Task<long> RoundIdAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        string dlaCode, int fiscalYear, int round, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO report_rounds (dla_code, fiscal_year, round) VALUES (@dlaCode, @fiscalYear, @round)
            ON CONFLICT (dla_code, fiscal_year, round) DO NOTHING
            """, new { dlaCode, fiscalYear, round }, transaction, cancellationToken: cancellationToken));
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT id FROM report_rounds WHERE dla_code = @dlaCode AND fiscal_year = @fiscalYear AND round = @round",
            new { dlaCode, fiscalYear, round }, transaction, cancellationToken: cancellationToken));
    }

    private sealed record RoundRow
    {
        public long Id { get; init; }
        public string DlaCode { get; init; } = "";
        public DateTime? SubmittedAt { get; init; }
        public string? SubmittedBy { get; init; }
        public DateTime? ReopenedAt { get; init; }
        public string? ReopenedBy { get; init; }
        public string? ReopenReason { get; init; }
    }

    private sealed record LineRow
    {
        public long ProjectId { get; init; }
        public long? PlanBudgetSatang { get; init; }
        public long? OrdinanceBudgetSatang { get; init; }
        public long? DisbursedSatang { get; init; }
        public bool InOrdinance { get; init; }
        public string Status { get; init; } = "";
        public string? NotDoneReason { get; init; }
        public string Note { get; init; } = "";

        public ReportLine ToLine() => new()
        {
            ProjectId = ProjectId,
            PlanBudget = PlanAmounts.FromSatang(PlanBudgetSatang),
            OrdinanceBudget = PlanAmounts.FromSatang(OrdinanceBudgetSatang),
            Disbursed = PlanAmounts.FromSatang(DisbursedSatang),
            InOrdinance = InOrdinance,
            Status = Status,
            NotDoneReason = NotDoneReason,
            Note = Note,
        };
    }
}
