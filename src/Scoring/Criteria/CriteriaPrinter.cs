using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PlanNacc.Scoring.Criteria;

/// <summary>Renders a year's criteria for the `criteria --year Y [--json]` verb.</summary>
public static class CriteriaPrinter
{
    private static readonly JsonSerializerOptions JsonOut = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The set as JSON, with the requested year and the fallback note when there is one.</summary>
    public static string ToJson(CriteriaResolution r) => JsonSerializer.Serialize(new
    {
        requestedYear = r.RequestedYear,
        criteria = new { id = r.Set.Id, year = r.Set.Year },
        note = r.FallbackNote,
        set = r.Set,
    }, JsonOut);

    /// <summary>A plain table: code, title, indicator, sub-indicator, kinds, period rule, components.</summary>
    public static string ToText(CriteriaResolution r)
    {
        var set = r.Set;
        var sb = new StringBuilder();
        sb.AppendLine($"{set.Id}: {set.TitleTh}");
        sb.AppendLine(set.TitleEn);
        if (r.FallbackNote is { } note)
        {
            sb.AppendLine($"NOTE: {note.En}");
            sb.AppendLine($"หมายเหตุ: {note.Th}");
        }
        sb.AppendLine($"grade rule: {set.GradeRule.Kind} ({string.Join(", ", set.GradeRule.Bands.Select(b => $"{b.Label} >= {b.Min}"))}) [{set.GradeRule.Confidence}]");
        foreach (var ind in set.Indicators)
        {
            sb.AppendLine();
            sb.AppendLine($"indicator {ind.Id} {ind.TitleTh} / {ind.TitleEn}");
            foreach (var sub in ind.SubIndicators)
            {
                sb.AppendLine($"  {sub.Id} {sub.TitleTh} / {sub.TitleEn}");
                foreach (var item in set.Items.Where(i => i.SubIndicator == sub.Id))
                {
                    sb.AppendLine($"    {item.Code,-4} {item.TitleTh} ({item.TitleEn})");
                    sb.AppendLine($"         kinds: {string.Join(", ", item.Kinds)}; period: {item.PeriodText}; confidence: {item.Confidence}");
                    foreach (var c in item.Components)
                    {
                        var how = c.Check.Manual ? "manual" : $"evidence of {string.Join("|", c.Check.Kinds ?? item.Kinds)}"
                            + (c.Check.Period is { } p ? $" ({p})" : "")
                            + (c.Check.TextAll is { Count: > 0 } all ? $", text has all of: {string.Join(", ", all)}" : "")
                            + (c.Check.TextAny is { Count: > 0 } any ? $", text has one of: {string.Join(", ", any)}" : "")
                            + (c.Check.Images ? ", has photos" : "")
                            + (c.Check.NotWholeLaw ? ", not a whole law" : "");
                        sb.AppendLine($"         {c.N}. {c.Th}");
                        sb.AppendLine($"            check: {how}");
                    }
                }
            }
        }
        return sb.ToString();
    }
}
