using System.Data.Common;
using Dapper;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Plans;

/// <summary>
/// An LAO's plan per cycle. Every add, edit, budget change and removal writes the whole project after the change to
/// plan_history in the same transaction, so the plan as it stood on any date is rebuilt from history alone.
/// </summary>
public sealed class PlanStore(Database database, PlanFrameworks frameworks, TimeProvider clock)
{
    public async Task<IReadOnlyList<PlanProject>> ProjectsAsync(string dlaCode, string cycle, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ProjectRow>(new CommandDefinition(
            """
            SELECT p.id, p.name, p.type, p.dimension, p.sub_item, p.quarters, p.target_groups, p.objectives, p.note
            FROM plan_projects p JOIN plans pl ON pl.id = p.plan_id
            WHERE pl.dla_code = @dlaCode AND pl.cycle = @cycle AND p.removed_at IS NULL
            ORDER BY p.dimension, p.sub_item, p.id
            """, new { dlaCode, cycle }, cancellationToken: cancellationToken))).ToList();
        var budgets = (await connection.QueryAsync<BudgetRow>(new CommandDefinition(
            """
            SELECT b.project_id, b.fiscal_year, b.amount_satang
            FROM plan_budgets b JOIN plan_projects p ON p.id = b.project_id JOIN plans pl ON pl.id = p.plan_id
            WHERE pl.dla_code = @dlaCode AND pl.cycle = @cycle AND p.removed_at IS NULL
            """, new { dlaCode, cycle }, cancellationToken: cancellationToken))).ToLookup(b => b.ProjectId);
        return rows.Select(r => new PlanProject(r.Id, r.ToInput(budgets[r.Id]))).ToList();
    }

    /// <summary>Every project of every cycle of an LAO that runs in the fiscal year (what a report round covers).</summary>
    public async Task<IReadOnlyList<PlanProject>> ProjectsInYearAsync(string dlaCode, int fiscalYear,
        CancellationToken cancellationToken = default) =>
        (await ProjectsAsync(dlaCode, frameworks.ForYear(fiscalYear).Cycle, cancellationToken)).Where(p => p.RunsIn(fiscalYear)).ToList();

    public async Task<IReadOnlyList<PlanChange>> HistoryAsync(string dlaCode, string cycle, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<HistoryRow>(new CommandDefinition(
            """
            SELECT h.id, h.project_id, h.at, h.actor, h.action, h.before_json, h.after_json
            FROM plan_history h JOIN plans pl ON pl.id = h.plan_id
            WHERE pl.dla_code = @dlaCode AND pl.cycle = @cycle
            ORDER BY h.id
            """, new { dlaCode, cycle }, cancellationToken: cancellationToken));
        return rows.Select(r => new PlanChange(r.Id, r.ProjectId, r.At.AsUtc(), r.Actor, r.Action,
            r.BeforeJson is null ? null : Json.Deserialize<ProjectInput>(r.BeforeJson),
            r.AfterJson is null ? null : Json.Deserialize<ProjectInput>(r.AfterJson))).ToList();
    }

    /// <summary>The plan as it stood at <paramref name="utc"/>: each project's last change up to then, removed ones left out.</summary>
    public async Task<IReadOnlyList<PlanProject>> AsOfAsync(string dlaCode, string cycle, DateTime utc,
        CancellationToken cancellationToken = default)
    {
        var history = await HistoryAsync(dlaCode, cycle, cancellationToken);
        return history.Where(h => h.At <= utc).GroupBy(h => h.ProjectId)
            .Select(g => g.Last())
            .Where(h => h.After is not null)
            .Select(h => new PlanProject(h.ProjectId, h.After!))
            .OrderBy(p => p.Details.Dimension).ThenBy(p => p.Details.SubItem, StringComparer.Ordinal).ThenBy(p => p.Id)
            .ToList();
    }

    public async Task<long> AddAsync(string dlaCode, string cycle, ProjectInput input, string actor,
        CancellationToken cancellationToken = default)
    {
        var ids = await AddManyAsync(dlaCode, cycle, [input], actor, cancellationToken);
        return ids[0];
    }

    /// <summary>All or nothing: one bad project refuses the lot (the spreadsheet import relies on it).</summary>
    public async Task<IReadOnlyList<long>> AddManyAsync(string dlaCode, string cycle, IReadOnlyList<ProjectInput> inputs, string actor,
        CancellationToken cancellationToken = default)
    {
        var framework = Framework(cycle);
        var problems = inputs.SelectMany((p, i)
            => PlanValidation.Check(framework, p).Select(x => inputs.Count == 1 ? x : x with { Field = $"{i + 1}:{x.Field}" })).ToList();
        if (problems.Count > 0)
        {
            throw new PlanValidationException(problems);
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var planId = await PlanIdAsync(connection, transaction, dlaCode, cycle, actor, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = new List<long>();
        foreach (var input in inputs)
        {
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO plan_projects (plan_id, name, type, dimension, sub_item, quarters, target_groups, objectives, note, updated_at)
                VALUES (@planId, @Name, @Type, @Dimension, @SubItem, @quarters, @targetGroups, @Objectives, @Note, @now)
                RETURNING id
                """, Parameters(input, new { planId, now }), transaction, cancellationToken: cancellationToken));
            await WriteBudgetsAsync(connection, transaction, id, input, cancellationToken);
            await WriteHistoryAsync(connection, transaction, planId, id, now, actor, "add", null, input, cancellationToken);
            ids.Add(id);
        }
        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    /// <summary>Changes a project; the change is recorded as "budget" when only budgets moved, "edit" otherwise.</summary>
    public async Task<bool> UpdateAsync(string dlaCode, string cycle, long projectId, ProjectInput input, string actor,
        CancellationToken cancellationToken = default)
    {
        var problems = PlanValidation.Check(Framework(cycle), input);
        if (problems.Count > 0)
        {
            throw new PlanValidationException(problems);
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await CurrentAsync(connection, transaction, dlaCode, cycle, projectId, cancellationToken) is not { } current)
        {
            return false;
        }
        if (current.Input.SameDetailsAs(input) && current.Input.SameBudgetsAs(input))
        {
            return true;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE plan_projects SET name = @Name, type = @Type, dimension = @Dimension, sub_item = @SubItem, quarters = @quarters,
                target_groups = @targetGroups, objectives = @Objectives, note = @Note, updated_at = @now
            WHERE id = @projectId
            """, Parameters(input, new { projectId, now }), transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM plan_budgets WHERE project_id = @projectId", new { projectId },
            transaction, cancellationToken: cancellationToken));
        await WriteBudgetsAsync(connection, transaction, projectId, input, cancellationToken);
        var action = current.Input.SameDetailsAs(input) ? "budget" : "edit";
        await WriteHistoryAsync(connection, transaction, current.PlanId, projectId, now, actor, action, current.Input, input,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> RemoveAsync(string dlaCode, string cycle, long projectId, string actor,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await CurrentAsync(connection, transaction, dlaCode, cycle, projectId, cancellationToken) is not { } current)
        {
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE plan_projects SET removed_at = @now, updated_at = @now WHERE id = @projectId",
            new { projectId, now }, transaction, cancellationToken: cancellationToken));
        await WriteHistoryAsync(connection, transaction, current.PlanId, projectId, now, actor, "remove", current.Input, null,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private PlanFramework Framework(string cycle) =>
        frameworks.Find(cycle) ?? throw new PlanValidationException([new PlanProblem("cycle", $"ไม่มีแผนรอบ {cycle}")]);

    private static object Parameters(ProjectInput p, object extra)
    {
        var parameters = new DynamicParameters(extra);
        parameters.Add("Name", p.Name.Trim());
        parameters.Add("Type", p.Type);
        parameters.Add("Dimension", p.Dimension);
        parameters.Add("SubItem", p.SubItem);
        parameters.Add("quarters", Json.Serialize(p.Quarters.Order().ToList()));
        parameters.Add("targetGroups", Json.Serialize(p.TargetGroups));
        parameters.Add("Objectives", p.Objectives.Trim());
        parameters.Add("Note", p.Note.Trim());
        return parameters;
    }

    private static async Task<long> PlanIdAsync(DbConnection connection, DbTransaction transaction, string dlaCode, string cycle,
        string actor, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO plans (dla_code, cycle, created_at, created_by) VALUES (@dlaCode, @cycle, @now, @actor)
            ON CONFLICT (dla_code, cycle) DO NOTHING
            """, new { dlaCode, cycle, now = DateTime.UtcNow, actor }, transaction, cancellationToken: cancellationToken));
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT id FROM plans WHERE dla_code = @dlaCode AND cycle = @cycle", new { dlaCode,
                cycle }, transaction, cancellationToken: cancellationToken));
    }

    private static async Task WriteBudgetsAsync(DbConnection connection, DbTransaction transaction, long projectId, ProjectInput input,
        CancellationToken cancellationToken)
    {
        foreach (var (year, amount) in input.Budgets)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO plan_budgets (project_id, fiscal_year, amount_satang) VALUES (@projectId, @year, @satang)",
                new { projectId, year, satang = PlanAmounts.ToSatang(amount) }, transaction, cancellationToken: cancellationToken));
        }
    }

    private static Task WriteHistoryAsync(DbConnection connection, DbTransaction transaction, long planId, long projectId, DateTime at,
        string actor, string action,
        ProjectInput? before, ProjectInput? after, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO plan_history (plan_id, project_id, at, actor, action, before_json, after_json)
            VALUES (@planId, @projectId, @at, @actor, @action, @before, @after)
            """,
            new { planId, projectId, at, actor, action, before = before is null ? null : Json.Serialize(before),
                after = after is null ? null : Json.Serialize(after) },
            transaction, cancellationToken: cancellationToken));

    private static async Task<(long PlanId, ProjectInput Input)?> CurrentAsync(DbConnection connection, DbTransaction transaction,
        string dlaCode, string cycle, long projectId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ProjectRow>(new CommandDefinition(
            """
            SELECT p.id, p.plan_id, p.name, p.type, p.dimension, p.sub_item, p.quarters, p.target_groups, p.objectives, p.note
            FROM plan_projects p JOIN plans pl ON pl.id = p.plan_id
            WHERE p.id = @projectId AND pl.dla_code = @dlaCode AND pl.cycle = @cycle AND p.removed_at IS NULL
            """, new { projectId, dlaCode, cycle }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }
        var budgets = await connection.QueryAsync<BudgetRow>(new CommandDefinition(
            "SELECT project_id, fiscal_year, amount_satang FROM plan_budgets WHERE project_id = @projectId",
            new { projectId }, transaction, cancellationToken: cancellationToken));
        return (row.PlanId, row.ToInput(budgets));
    }

    private sealed record ProjectRow
    {
        public long Id { get; init; }
        public long PlanId { get; init; }
        public string Name { get; init; } = "";
        public string Type { get; init; } = "";
        public int Dimension { get; init; }
        public string SubItem { get; init; } = "";
        public string Quarters { get; init; } = "[]";
        public string TargetGroups { get; init; } = "[]";
        public string Objectives { get; init; } = "";
        public string Note { get; init; } = "";

        public ProjectInput ToInput(IEnumerable<BudgetRow> budgets) => new()
        {
            Name = Name,
            Type = Type,
            Dimension = Dimension,
            SubItem = SubItem,
            Quarters = Json.Deserialize<List<int>>(Quarters),
            Budgets = budgets.OrderBy(b => b.FiscalYear).ToDictionary(b => b.FiscalYear, b => PlanAmounts.FromSatang(b.AmountSatang)),
            TargetGroups = Json.Deserialize<List<string>>(TargetGroups),
            Objectives = Objectives,
            Note = Note,
        };
    }

    private sealed record BudgetRow
    {
        public long ProjectId { get; init; }
        public int FiscalYear { get; init; }
        public long? AmountSatang { get; init; }
    }

    private sealed record HistoryRow
    {
        public long Id { get; init; }
        public long ProjectId { get; init; }
        public DateTime At { get; init; }
        public string Actor { get; init; } = "";
        public string Action { get; init; } = "";
        public string? BeforeJson { get; init; }
        public string? AfterJson { get; init; }
    }
}
