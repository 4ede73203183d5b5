using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PlanNacc.Scoring.Classification;
using PlanNacc.Scoring.Verdicts;

namespace PlanNacc.Scoring.Criteria;

/// <summary>The criteria set used for a requested year, and why, when it is another year's.</summary>
public sealed record CriteriaResolution(CriteriaSet Set, int RequestedYear, Reason? FallbackNote)
{
    public bool IsFallback => FallbackNote is not null;

    /// <summary>Set when the set used is provisional: every output that shows the result says so.</summary>
    public Reason? ProvisionalNote => Set.Provisional ? CriteriaCatalog.ProvisionalNoteOf(Set) : null;
}

/// <summary>A criteria file that breaks the rules (unknown kind, duplicate code, missing sub-indicator…).</summary>
public sealed class CriteriaValidationException(IReadOnlyList<string> errors)
    : Exception("invalid criteria: " + string.Join("; ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>
/// Every ITA year's criteria, one validated file per year. A year without a file uses the newest earlier one and
/// says so in a note carried into every output.
/// </summary>
public sealed class CriteriaCatalog
{
    private const string ResourcePrefix = "PlanNacc.Scoring.Criteria.";

    private static readonly Lazy<CriteriaCatalog> LazyDefault = new(LoadEmbedded);

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // A missing field is reported by Validate with its item and field, not as one error for the whole file.
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    foreach (var property in info.Properties)
                    {
                        property.IsRequired = false;
                    }
                },
            },
        },
    };

    private static readonly HashSet<string> ConfidenceTags = ["src", "derived", "unverified"];

    private readonly SortedDictionary<int, CriteriaSet> _byYear;

    /// <summary>The catalogue embedded in the assembly, loaded and validated once.</summary>
    public static CriteriaCatalog Default => LazyDefault.Value;

    public IReadOnlyList<int> Years { get; }

    public IReadOnlyList<CriteriaSet> Sets => _byYear.Values.ToList();

    /// <summary>This catalogue with <paramref name="overrides"/> in place of its sets of the same years (imported years).</summary>
    public CriteriaCatalog With(IEnumerable<CriteriaSet> overrides)
    {
        var byYear = new Dictionary<int, CriteriaSet>(_byYear);
        foreach (var set in overrides)
        {
            byYear[set.Year] = set;
        }
        return new CriteriaCatalog(byYear.Values);
    }

    /// <summary>"ITA 2569 criteria are provisional …" in Thai and English, naming the source.</summary>
    public static Reason ProvisionalNoteOf(CriteriaSet set) => new(
        $"เกณฑ์ ITA ปี {set.Year} เป็นฉบับชั่วคราว ยังไม่ยืนยัน (แหล่งที่มา: {set.Source})",
        $"The ITA {set.Year} criteria are provisional, not confirmed (source: {set.Source})");

    private CriteriaCatalog(IEnumerable<CriteriaSet> sets)
    {
        _byYear = new SortedDictionary<int, CriteriaSet>(sets.ToDictionary(s => s.Year));
        Years = _byYear.Keys.ToList();
    }

    /// <summary>Loads and validates criteria files given as (file name, JSON text). Throws with every problem found.</summary>
    public static CriteriaCatalog Load(IEnumerable<(string FileName, string Json)> files)
    {
        var errors = new List<string>();
        var sets = new List<CriteriaSet>();
        foreach (var (fileName, json) in files)
        {
            CriteriaSet? set;
            try
            {
                set = JsonSerializer.Deserialize<CriteriaSet>(json, Json);
            }
            catch (JsonException ex)
            {
                errors.Add($"{fileName}{(ex.Path is { Length: > 0 } path ? $", {path}" : "")}: not valid criteria JSON ({ex.Message})");
                continue;
            }
            if (set is null)
            {
                errors.Add($"{fileName}: empty");
                continue;
            }
            set = set with { FileName = fileName };
            errors.AddRange(Validate(set));
            if (sets.Any(s => s.Year == set.Year))
            {
                errors.Add($"{fileName}: a second file for year {set.Year}");
            }
            sets.Add(set);
        }
        if (sets.Count == 0 && errors.Count == 0)
        {
            errors.Add("no criteria files");
        }
        if (errors.Count > 0)
        {
            throw new CriteriaValidationException(errors);
        }
        return new CriteriaCatalog(sets);
    }

    /// <summary>The set for a year; a year with no file of its own gets the newest earlier set (or the oldest) and a note.</summary>
    public CriteriaResolution Resolve(int assessmentYear)
    {
        if (_byYear.TryGetValue(assessmentYear, out var exact))
        {
            return new CriteriaResolution(exact, assessmentYear, null);
        }
        var earlier = _byYear.Keys.Where(y => y < assessmentYear).DefaultIfEmpty(-1).Max();
        var used = earlier > 0 ? _byYear[earlier] : _byYear.First().Value;
        var (th, en) = used.Provisional ? (" (ฉบับชั่วคราว)", " (provisional)") : ("", "");
        var note = earlier > 0
            ? new Reason(
                $"ยังไม่มีเกณฑ์ ITA ปี {assessmentYear}: ใช้เกณฑ์ปี {used.Year}{th} ซึ่งเป็นปีล่าสุดที่มี "
                + $"โดยนับช่วงเวลาตามปีงบประมาณ {assessmentYear}",
                $"No ITA {assessmentYear} criteria yet: judged with the newest earlier criteria, ITA {used.Year}{en}, "
                + $"periods counted for FY{assessmentYear}")
            : new Reason(
                $"ไม่มีเกณฑ์ ITA ปี {assessmentYear} หรือก่อนหน้า: ใช้เกณฑ์ปี {used.Year} ซึ่งเก่าที่สุดที่มี",
                $"No ITA criteria for {assessmentYear} or earlier: judged with the oldest criteria held (ITA {used.Year})");
        return new CriteriaResolution(used, assessmentYear, note);
    }

    /// <summary>The set of exactly this year, or null.</summary>
    public CriteriaSet? Exact(int year) => _byYear.GetValueOrDefault(year);

    private static CriteriaCatalog LoadEmbedded()
    {
        var asm = typeof(CriteriaCatalog).Assembly;
        var files = asm.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => (n[ResourcePrefix.Length..], ReadResource(asm, n)))
            .ToList();
        return Load(files);
    }

    private static string ReadResource(Assembly asm, string name)
    {
        using var stream = asm.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"resource {name} missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Every problem of a set, one line each: "FILE item CODE, FIELD: problem" (or "FILE, FIELD: problem").</summary>
    internal static IEnumerable<string> Validate(CriteriaSet set)
    {
        var f = set.FileName;
        if (set.Year is < 2550 or > 2700) yield return $"{f}, year: {set.Year} is not a Buddhist-era year";
        if (string.IsNullOrWhiteSpace(set.Id)) yield return $"{f}, id: missing";
        if (!CriteriaStatus.IsKnown(set.Status)) yield return $"{f}, status: must be confirmed or provisional, not '{set.Status}'";
        if (string.IsNullOrWhiteSpace(set.TitleTh)) yield return $"{f}, titleTh: missing title";
        if (string.IsNullOrWhiteSpace(set.TitleEn)) yield return $"{f}, titleEn: missing title";
        if (set.Items is null || set.Items.Count == 0)
        {
            yield return $"{f}, items: no items";
            yield break;
        }
        var subs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var ind in set.Indicators ?? [])
        {
            foreach (var sub in ind.SubIndicators ?? [])
            {
                if (!subs.TryAdd(sub.Id ?? "", ind.Id ?? "")) yield return $"{f}, indicators: sub-indicator {sub.Id} defined twice";
            }
        }
        var codes = new HashSet<int>();
        var usedSubs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in set.Items)
        {
            var where = $"{f} item {(string.IsNullOrWhiteSpace(item.Code) ? "(no code)" : item.Code)}";
            if (item.Number is not { } n) yield return $"{where}, code: has no number";
            else if (!codes.Add(n)) yield return $"{where}, code: duplicate code";
            if (string.IsNullOrWhiteSpace(item.TitleTh)) yield return $"{where}, titleTh: missing title";
            if (string.IsNullOrWhiteSpace(item.TitleEn)) yield return $"{where}, titleEn: missing title";
            if (string.IsNullOrWhiteSpace(item.SubIndicator)) yield return $"{where}, subIndicator: missing";
            else if (!subs.TryGetValue(item.SubIndicator, out var indicator))
            {
                yield return $"{where}, subIndicator: {item.SubIndicator} is not defined";
            }
            else
            {
                usedSubs.Add(item.SubIndicator);
                if (indicator != item.Indicator)
                {
                    yield return $"{where}, indicator: sub-indicator {item.SubIndicator} belongs to indicator {indicator}, "
                        + $"not {item.Indicator}";
                }
            }
            if (item.Kinds is null || item.Kinds.Count == 0) yield return $"{where}, kinds: no disclosure kinds";
            foreach (var k in item.Kinds ?? [])
            {
                if (!DisclosureKinds.IsKnown(k)) yield return $"{where}, kinds: unknown kind '{k}'";
            }
            if (CriteriaItem.ParsePeriod(item.PeriodText) is null) yield return $"{where}, period: unknown period rule '{item.PeriodText}'";
            if (!ConfidenceTags.Contains(item.Confidence ?? ""))
            {
                yield return $"{where}, confidence: must be src, derived or unverified, not '{item.Confidence}'";
            }
            if (string.IsNullOrWhiteSpace(item.Source)) yield return $"{where}, source: missing";
            foreach (var c in item.Components ?? [])
            {
                var at = $"{where}, components[{c.N}]";
                if (string.IsNullOrWhiteSpace(c.Th) || string.IsNullOrWhiteSpace(c.En)) yield return $"{at}: missing Thai or English text";
                foreach (var k in c.Check?.Kinds ?? [])
                {
                    if (!DisclosureKinds.IsKnown(k)) yield return $"{at}.kinds: unknown kind '{k}'";
                    else if (item.Kinds?.Contains(k) != true) yield return $"{at}.kinds: kind '{k}' is not among the item's kinds";
                }
                if (c.Check?.Period is { } p && CriteriaItem.ParsePeriod(p) is null) yield return $"{at}.period: unknown period rule '{p}'";
                if (c.Confidence is { } cc && !ConfidenceTags.Contains(cc))
                {
                    yield return $"{at}.confidence: must be src, derived or unverified";
                }
            }
        }
        foreach (var sub in subs.Keys.Where(s => !usedSubs.Contains(s)))
        {
            yield return $"{f}, indicators: sub-indicator {sub} has no items";
        }
        if (set.GradeRule is null) yield return $"{f}, gradeRule: missing";
        else if (set.GradeRule.Kind is not ("bands" or "pass-fail" or "rating"))
        {
            yield return $"{f}, gradeRule: unknown kind '{set.GradeRule.Kind}'";
        }
        else if (set.GradeRule.Bands is null || set.GradeRule.Bands.Count == 0) yield return $"{f}, gradeRule: no bands";
        if (set.Weights is null) yield return $"{f}, weights: missing";
    }
}
