namespace PlanNacc.Web.Features.Plans;

/// <summary>GET /api/laos/{code}/plan: an LAO's plan of one cycle, optionally as it stood at the end of a day.</summary>
public sealed record PlanResponse(
    string DlaCode,
    string Cycle,
    DateOnly? AsOf,
    IReadOnlyList<PlanProjectResponse> Projects,
    IReadOnlyList<PlanChange> Removed);

/// <summary>One project of a plan with its budgets per fiscal year and its change history.</summary>
public sealed record PlanProjectResponse(
    long Id,
    string Name,
    string Type,
    int Dimension,
    string? DimensionLabel,
    string SubItem,
    IReadOnlyList<int> Quarters,
    IReadOnlyList<PlanBudgetResponse> Budgets,
    IReadOnlyList<string> TargetGroups,
    string Objectives,
    string Note,
    IReadOnlyList<PlanChange> History);

/// <summary>A project's budget in one fiscal year (BE); a null amount is "ไม่ใช้งบประมาณ" (noBudget).</summary>
public sealed record PlanBudgetResponse(int FiscalYear, decimal? Amount, bool NoBudget);

/// <summary>GET /api/laos/{code}/reports: an LAO's progress reports of one fiscal year (BE), both rounds.</summary>
public sealed record ReportsResponse(
    string DlaCode,
    int FiscalYear,
    IReadOnlyList<ReportProjectResponse> Projects,
    IReadOnlyList<ReportRoundResponse> Rounds);

/// <summary>A project that runs in the fiscal year, with its budget in that year (null: no budget).</summary>
public sealed record ReportProjectResponse(long Id, string Name, decimal? Budget);

/// <summary>One report round: its period, due day, state, who submitted or reopened it, and its lines.</summary>
public sealed record ReportRoundResponse(
    int Round,
    string Label,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    DateOnly Due,
    string DueBe,
    RoundState State,
    DateTime? SubmittedAt,
    string? SubmittedBy,
    DateTime? ReopenedAt,
    string? ReopenedBy,
    string? ReopenReason,
    IReadOnlyList<ReportLine> Lines);

/// <summary>GET /api/provinces/{province}/reporting: who in a province reported a round, late or overdue.</summary>
public sealed record ProvinceReportingResponse(
    string Province,
    int FiscalYear,
    int Round,
    DateOnly Due,
    string DueBe,
    int Reported,
    int Late,
    int Overdue,
    IReadOnlyList<ProvinceReportingLao> Laos);

/// <summary>One LAO of a province's reporting: its round state, projects and budgets per dimension, and findings.</summary>
public sealed record ProvinceReportingLao(
    string DlaCode,
    string Name,
    string? District,
    RoundState State,
    DateTime? SubmittedAt,
    int Projects,
    IReadOnlyDictionary<int, int> ProjectsPerDimension,
    IReadOnlyDictionary<int, decimal> BudgetPerDimension,
    double? CompletionRate,
    IReadOnlyList<CrossCheckFinding> Findings);
