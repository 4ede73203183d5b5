using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlanNacc.Scoring.Criteria;

/// <summary>
/// Renders a year's criteria for the `criteria --year Y [--json]` verb, and reads that JSON back (`criteria import`):
/// the printed JSON is the criteria file's own shape with what the request resolved to in front, so an operator can
/// edit it and import it as a year of its own.
/// </summary>
public static class CriteriaPrinter
{
    private static readonly JsonSerializerOptions JsonOut = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Fields printed in front of the set's own that describe the request, not the set; import ignores them.</summary>
    private static readonly string[] RequestFields = ["requestedYear", "criteria", "provisional", "fallbackNote", "provisionalNote"];

    /// <summary>
    /// The set in its file shape, preceded by the requested year, which set was used, <c>provisional</c> and the notes
    /// (fallback to an earlier year, provisional criteria).
    /// </summary>
    public static string ToJson(CriteriaResolution r)
    {
        var root = new JsonObject
        {
            ["requestedYear"] = r.RequestedYear,
            ["criteria"] = new JsonObject { ["year"] = r.Set.Year, ["id"] = r.Set.Id },
            ["provisional"] = r.Set.Provisional,
        };
        if (r.FallbackNote is { } fallback) root["fallbackNote"] = JsonSerializer.SerializeToNode(fallback, JsonOut);
        if (r.ProvisionalNote is { } provisional) root["provisionalNote"] = JsonSerializer.SerializeToNode(provisional, JsonOut);
        var set = JsonSerializer.SerializeToNode(r.Set, JsonOut)!.AsObject();
        foreach (var (name, value) in set.ToList())
        {
            set.Remove(name);
            root[name] = value;
        }
        return root.ToJsonString(JsonOut);
    }

    /// <summary>
    /// Reads a criteria file or the output of <see cref="ToJson"/> (edited or not) as one validated set. Throws
    /// <see cref="CriteriaValidationException"/> with every problem, each naming the file, the item and the field.
    /// </summary>
    public static CriteriaSet Parse(string fileName, string json)
    {
        var errors = new List<string>();
        JsonNode? node;
        try
        {
            var options = new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };
            node = JsonNode.Parse(json, documentOptions: options);
        }
        catch (JsonException ex)
        {
            throw new CriteriaValidationException([$"{fileName}: not valid JSON ({ex.Message})"]);
        }
        if (node is not JsonObject obj)
        {
            throw new CriteriaValidationException([$"{fileName}: not a criteria object"]);
        }
        // "provisional" is printed from "status"; an edit of one without the other is ambiguous, so it is refused.
        if (obj["provisional"] is JsonValue flag && flag.TryGetValue<bool>(out var provisional))
        {
            var status = obj["status"]?.GetValue<string>() ?? CriteriaStatus.Confirmed;
            if (provisional != (status == CriteriaStatus.Provisional))
            {
                errors.Add($"{fileName}, provisional: says {(provisional ? "true" : "false")} but status is '{status}'; change both");
            }
        }
        foreach (var name in RequestFields)
        {
            obj.Remove(name);
        }
        try
        {
            var catalog = CriteriaCatalog.Load([(fileName, obj.ToJsonString())]);
            if (errors.Count > 0) throw new CriteriaValidationException(errors);
            return catalog.Sets[0];
        }
        catch (CriteriaValidationException ex)
        {
            throw new CriteriaValidationException([.. errors, .. ex.Errors.Where(e => !errors.Contains(e))]);
        }
    }

    /// <summary>A plain table: code, title, indicator, sub-indicator, kinds, period rule, components.</summary>
    public static string ToText(CriteriaResolution r)
    {
        var set = r.Set;
        var sb = new StringBuilder();
        sb.AppendLine($"{set.Id}: {set.TitleTh}");
        sb.AppendLine(set.TitleEn);
        foreach (var note in new[] { r.FallbackNote, r.ProvisionalNote }.OfType<Verdicts.Reason>())
        {
            sb.AppendLine($"NOTE: {note.En}");
            sb.AppendLine($"หมายเหตุ: {note.Th}");
        }
        var bands = string.Join(", ", set.GradeRule.Bands.Select(b => $"{b.Label} >= {b.Min}"));
        sb.AppendLine($"grade rule: {set.GradeRule.Kind} ({bands}) [{set.GradeRule.Confidence}]");
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
                    sb.AppendLine(
                        $"         kinds: {string.Join(", ", item.Kinds)}; period: {item.PeriodText}; confidence: {item.Confidence}");
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
