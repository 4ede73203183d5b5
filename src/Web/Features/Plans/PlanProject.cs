namespace PlanNacc.Web.Features.Plans;

/// <summary>
/// What an LAO enters for one project/activity/measure (e-PlanNACC's บันทึกแผน). Budgets has one entry per fiscal
/// year the project runs in; a null amount is "ไม่ใช้งบประมาณ".
/// </summary>
public sealed record ProjectInput
{
    public string Name { get; init; } = "";
    public string Type { get; init; } = "";
    public int Dimension { get; init; }
    public string SubItem { get; init; } = "";
    public IReadOnlyList<int> Quarters { get; init; } = [];
    public IReadOnlyDictionary<int, decimal?> Budgets { get; init; } = new Dictionary<int, decimal?>();
    public IReadOnlyList<string> TargetGroups { get; init; } = [];
    public string Objectives { get; init; } = "";
    public string Note { get; init; } = "";

    public bool SameDetailsAs(ProjectInput other) =>
        Name == other.Name && Type == other.Type && Dimension == other.Dimension && SubItem == other.SubItem
        && Quarters.SequenceEqual(other.Quarters) && TargetGroups.SequenceEqual(other.TargetGroups)
        && Objectives == other.Objectives && Note == other.Note;

    public bool SameBudgetsAs(ProjectInput other) =>
        Budgets.Count == other.Budgets.Count && Budgets.All(b => other.Budgets.TryGetValue(b.Key, out var o) && o == b.Value);
}

/// <summary>A project as stored (or as it stood on a date, rebuilt from its history).</summary>
public sealed record PlanProject(long Id, ProjectInput Details)
{
    public IEnumerable<int> Years => Details.Budgets.Keys.Order();

    public decimal BudgetTotal => Details.Budgets.Values.Sum(v => v ?? 0);

    public decimal? BudgetIn(int fiscalYear) => Details.Budgets.GetValueOrDefault(fiscalYear);

    public bool RunsIn(int fiscalYear) => Details.Budgets.ContainsKey(fiscalYear);
}

/// <summary>One change of a plan: who, when, what, and the whole project before and after.</summary>
public sealed record PlanChange(long Id, long ProjectId, DateTime At, string Actor, string Action, ProjectInput? Before,
    ProjectInput? After);

/// <summary>A refused plan entry, naming the field (or spreadsheet cell) at fault.</summary>
public sealed record PlanProblem(string Field, string Message);

public sealed class PlanValidationException(IReadOnlyList<PlanProblem> problems)
    : Exception(string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")))
{
    public IReadOnlyList<PlanProblem> Problems { get; } = problems;
}

public static class PlanValidation
{
    public static IReadOnlyList<PlanProblem> Check(PlanFramework framework, ProjectInput p)
    {
        var problems = new List<PlanProblem>();
        if (string.IsNullOrWhiteSpace(p.Name) || p.Name.Length > 500)
        {
            problems.Add(new("name", "ต้องระบุชื่อโครงการ/กิจกรรม/มาตรการ (ไม่เกิน 500 ตัวอักษร)"));
        }
        if (!PlanVocabulary.Types.Contains(p.Type))
        {
            problems.Add(new("type", $"ประเภทงานต้องเป็น {string.Join(" / ", PlanVocabulary.Types)}"));
        }
        if (framework.DimensionOf(p.Dimension) is not { } dimension)
        {
            problems.Add(new("dimension", $"ไม่มีมิติที่ {p.Dimension} ในแผน {framework.Cycle}"));
        }
        else if (dimension.SubItems.All(s => s.Code != p.SubItem))
        {
            problems.Add(new("subItem", $"ไม่มีข้อ {p.SubItem} ในมิติที่ {p.Dimension} ของแผน {framework.Cycle}"));
        }
        if (p.Quarters.Count == 0 || p.Quarters.Any(q => q is < 1 or > 4) || p.Quarters.Distinct().Count() != p.Quarters.Count)
        {
            problems.Add(new("quarters", "ต้องระบุไตรมาส 1-4 อย่างน้อยหนึ่งไตรมาส"));
        }
        if (p.Budgets.Count == 0)
        {
            problems.Add(new("years", $"ต้องระบุปีที่ดำเนินการอย่างน้อยหนึ่งปี ({framework.FirstYear}-{framework.LastYear})"));
        }
        foreach (var (year, amount) in p.Budgets)
        {
            if (year < framework.FirstYear || year > framework.LastYear)
            {
                problems.Add(new($"budget{year}", $"ปี {year} อยู่นอกแผน {framework.Cycle}"));
            }
            if (PlanAmounts.Problem(amount) is { } problem)
            {
                problems.Add(new($"budget{year}", $"งบประมาณปี {year}: {problem}"));
            }
        }
        foreach (var group in p.TargetGroups.Where(g => !PlanVocabulary.TargetGroups.Contains(g)))
        {
            problems.Add(new("targetGroups", $"ไม่รู้จักกลุ่มเป้าหมาย {group}"));
        }
        return problems;
    }
}
