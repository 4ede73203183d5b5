using System.Text.Json;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Plans;

public sealed record SubItem(string Code, string Label, bool Confirmed);

public sealed record Dimension(int Number, string Label, IReadOnlyList<SubItem> SubItems);

/// <summary>One plan cycle's framework (4 dimensions and their sub-items), read from a data file: a new cycle is a new file.</summary>
public sealed record PlanFramework(string Cycle, int FirstYear, int LastYear, string Source, IReadOnlyList<Dimension> Dimensions)
{
    public IEnumerable<int> Years => Enumerable.Range(FirstYear, LastYear - FirstYear + 1);

    public Dimension? DimensionOf(int number) => Dimensions.FirstOrDefault(d => d.Number == number);

    public SubItem? SubItemOf(string code) => Dimensions.SelectMany(d => d.SubItems).FirstOrDefault(s => s.Code == code);
}

/// <summary>The frameworks embedded under Plans/Frameworks, checked when loaded so a broken file stops start-up, not a form.</summary>
public sealed class PlanFrameworks
{
    private const string Prefix = "PlanNacc.Web.Features.Plans.Frameworks.";

    public PlanFrameworks() : this(typeof(PlanFrameworks).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n =>
        {
            using var stream = typeof(PlanFrameworks).Assembly.GetManifestResourceStream(n)!;
            using var reader = new StreamReader(stream);
            return (n[Prefix.Length..], reader.ReadToEnd());
        }))
    {
    }

    public PlanFrameworks(IEnumerable<(string Name, string Json)> files)
    {
        var all = files.Select(f => Parse(f.Name, f.Json)).OrderBy(f => f.FirstYear).ToList();
        if (all.Count == 0)
        {
            throw new InvalidDataException("no plan framework files embedded");
        }
        foreach (var group in all.GroupBy(f => f.Cycle).Where(g => g.Count() > 1))
        {
            throw new InvalidDataException($"plan cycle {group.Key} is defined twice");
        }
        All = all;
    }

    public IReadOnlyList<PlanFramework> All { get; }

    public PlanFramework? Find(string? cycle) => All.FirstOrDefault(f => f.Cycle == cycle);

    /// <summary>The cycle a fiscal year (BE) falls in, or the newest cycle when none does.</summary>
    public PlanFramework ForYear(int fiscalYear) => All.FirstOrDefault(f => fiscalYear >= f.FirstYear && fiscalYear <= f.LastYear)
        ?? All[^1];

    public static PlanFramework Parse(string name, string json)
    {
        var f = JsonSerializer.Deserialize<PlanFramework>(json, Json.Options) ?? throw new InvalidDataException($"{name}: empty");
        void Check(bool ok, string problem)
        {
            if (!ok)
            {
                throw new InvalidDataException($"plan framework {name}: {problem}");
            }
        }
        Check(!string.IsNullOrWhiteSpace(f.Cycle) && f.Cycle == $"{f.FirstYear}-{f.LastYear}", "cycle must read firstYear-lastYear");
        Check(f.FirstYear > 2500 && f.LastYear >= f.FirstYear && f.LastYear - f.FirstYear < 10, "years must be BE and span under 10 years");
        Check(f.Dimensions is { Count: 4 }, "a plan has four dimensions");
        Check(f.Dimensions.Select(d => d.Number).Order().SequenceEqual([1, 2, 3, 4]), "dimensions are numbered 1-4");
        foreach (var d in f.Dimensions)
        {
            Check(d.Label.StartsWith($"มิติที่ {d.Number} ", StringComparison.Ordinal),
                $"dimension {d.Number} label must start with มิติที่ {d.Number}");
            Check(d.SubItems is { Count: > 0 }, $"dimension {d.Number} has no sub-items");
            Check(d.SubItems.All(s => !string.IsNullOrWhiteSpace(s.Label)
                && (s.Code == $"{d.Number}" || s.Code.StartsWith($"{d.Number}.", StringComparison.Ordinal))),
                $"dimension {d.Number}: every sub-item code starts with {d.Number} and has a label");
        }
        var codes = f.Dimensions.SelectMany(d => d.SubItems).Select(s => s.Code).ToList();
        Check(codes.Distinct().Count() == codes.Count, "sub-item codes are unique");
        return f;
    }
}

/// <summary>The fixed vocabularies of e-PlanNACC's plan entry and progress report, in the system's own Thai words.</summary>
public static class PlanVocabulary
{
    public static readonly IReadOnlyList<string> Types = ["โครงการ", "กิจกรรม", "มาตรการ", "แนวปฏิบัติงาน"];

    public static readonly IReadOnlyList<string> TargetGroups =
    [
        "ข้าราชการการเมืองฝ่ายบริหาร", "ฝ่ายสภาท้องถิ่น", "พนักงาน/ลูกจ้าง", "เด็กและเยาวชน", "ประชาชน/ภาคประชาสังคม",
        "สถานศึกษา", "หน่วยงานภาครัฐ", "รัฐวิสาหกิจ", "ภาคธุรกิจเอกชน",
    ];

    public const string InProgress = "อยู่ระหว่างดำเนินการ";
    public const string Done = "ดำเนินการแล้วเสร็จ";
    public const string NotPossible = "ไม่สามารถดำเนินการได้";

    public static readonly IReadOnlyList<string> Statuses = [InProgress, Done, NotPossible];

    public static readonly IReadOnlyList<string> NotDoneReasons = ["ไม่ได้รับงบประมาณ", "นโยบายผู้บริหารเปลี่ยนแปลง", "บุคลากรไม่เพียงพอ",
        "อื่นๆ"];

    public const string NoBudget = "ไม่ใช้งบประมาณ";
}
