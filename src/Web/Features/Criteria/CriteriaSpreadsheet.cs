using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MiniExcelLibs;
using PlanNacc.Scoring.Criteria;

namespace PlanNacc.Web.Features.Criteria;

/// <summary>
/// A year's criteria as an XLSX template (`criteria --year Y --xlsx FILE`) and back: four sheets (set, indicators, items,
/// components), one row per thing, lists in one cell ("kinds" comma-separated, phrases separated by " | "). Reading builds
/// the criteria file's JSON, so a sheet is validated by exactly the rules a JSON import is.
/// </summary>
public static class CriteriaSpreadsheet
{
    private const string SetSheet = "set";
    private const string IndicatorsSheet = "indicators";
    private const string ItemsSheet = "items";
    private const string ComponentsSheet = "components";

    private static readonly JsonSerializerOptions Camel = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Write(CriteriaSet set)
    {
        var setRows = new List<Dictionary<string, object?>>
        {
            Field("id", set.Id), Field("year", set.Year), Field("status", set.Status), Field("titleTh", set.TitleTh),
            Field("titleEn", set.TitleEn), Field("source", set.Source), Field("confidence", set.Confidence), Field("notes", set.Notes),
            Field("gradeRule", JsonSerializer.Serialize(set.GradeRule, Camel)),
                Field("weights", JsonSerializer.Serialize(set.Weights, Camel)),
        };
        var indicatorRows = set.Indicators.SelectMany(i => i.SubIndicators.Select(s => new Dictionary<string, object?>
        {
            ["indicator"] = i.Id, ["indicatorTitleTh"] = i.TitleTh, ["indicatorTitleEn"] = i.TitleEn,
            ["subIndicator"] = s.Id, ["titleTh"] = s.TitleTh, ["titleEn"] = s.TitleEn, ["confidence"] = s.Confidence,
        })).ToList();
        var itemRows = set.Items.Select(i => new Dictionary<string, object?>
        {
            ["code"] = i.Code, ["titleTh"] = i.TitleTh, ["titleEn"] = i.TitleEn, ["indicator"] = i.Indicator,
            ["subIndicator"] = i.SubIndicator, ["group"] = i.Group, ["kinds"] = string.Join(", ", i.Kinds), ["period"] = i.PeriodText,
            ["source"] = i.Source, ["confidence"] = i.Confidence, ["confidenceNote"] = i.ConfidenceNote, ["notes"] = i.Notes,
        }).ToList();
        var componentRows = set.Items.SelectMany(i => i.Components.Select(c => new Dictionary<string, object?>
        {
            ["item"] = i.Code, ["n"] = c.N, ["th"] = c.Th, ["en"] = c.En,
            ["kinds"] = c.Check.Kinds is null ? null : string.Join(", ", c.Check.Kinds), ["period"] = c.Check.Period,
            ["textAny"] = c.Check.TextAny is null ? null : string.Join(" | ", c.Check.TextAny),
            ["textAll"] = c.Check.TextAll is null ? null : string.Join(" | ", c.Check.TextAll),
            ["images"] = c.Check.Images ? "yes" : null, ["manual"] = c.Check.Manual ? "yes" : null,
            ["notWholeLaw"] = c.Check.NotWholeLaw ? "yes" : null, ["source"] = c.Source, ["confidence"] = c.Confidence,
        })).ToList();
        var sheets = new Dictionary<string, object>
        {
            [SetSheet] = setRows, [IndicatorsSheet] = indicatorRows, [ItemsSheet] = itemRows, [ComponentsSheet] = componentRows,
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, printHeader: true, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>The criteria JSON the workbook describes (validated afterwards by <see cref="CriteriaPrinter.Parse"/>).</summary>
    public static string ToJson(string fileName, byte[] xlsx)
    {
        var errors = new List<string>();
        IReadOnlyList<string> names;
        try
        {
            using var probe = new MemoryStream(xlsx);
            names = probe.GetSheetNames();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or NotSupportedException
            or System.Xml.XmlException)
        {
            throw new CriteriaImportException([$"{fileName}: not a readable XLSX workbook ({e.Message})"]);
        }
        foreach (var sheet in new[] { SetSheet, IndicatorsSheet, ItemsSheet, ComponentsSheet }.Where(s => !names.Contains(s)))
        {
            errors.Add($"{fileName}: no sheet '{sheet}' (write a template with `criteria --year Y --xlsx FILE`)");
        }
        if (errors.Count > 0)
        {
            throw new CriteriaImportException(errors);
        }
        var root = new JsonObject();
        foreach (var row in Rows(xlsx, SetSheet))
        {
            var field = Text(row, "field");
            var value = Text(row, "value");
            if (field is null) continue;
            switch (field)
            {
                case "year":
                    if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var year)) root["year"] = year;
                    else errors.Add($"{fileName}, sheet {SetSheet}, year: '{value}' is not a year");
                    break;
                case "gradeRule" or "weights":
                    try
                    {
                        root[field] = value is null ? null : JsonNode.Parse(value);
                    }
                    catch (JsonException e)
                    {
                        errors.Add($"{fileName}, sheet {SetSheet}, {field}: not valid JSON ({e.Message})");
                    }
                    break;
                default:
                    root[field] = value;
                    break;
            }
        }
        var indicators = new JsonArray();
        foreach (var group in Rows(xlsx, IndicatorsSheet).GroupBy(r => Text(r, "indicator") ?? ""))
        {
            var first = group.First();
            indicators.Add(new JsonObject
            {
                ["id"] = group.Key, ["titleTh"] = Text(first, "indicatorTitleTh"), ["titleEn"] = Text(first, "indicatorTitleEn"),
                ["subIndicators"] = new JsonArray(group.Select(r => (JsonNode)new JsonObject
                {
                    ["id"] = Text(r, "subIndicator"), ["titleTh"] = Text(r, "titleTh"), ["titleEn"] = Text(r, "titleEn"),
                    ["confidence"] = Text(r, "confidence") ?? "src",
                }).ToArray()),
            });
        }
        root["indicators"] = indicators;
        var components = Rows(xlsx, ComponentsSheet).GroupBy(r => Text(r, "item") ?? "", StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        var items = new JsonArray();
        foreach (var r in Rows(xlsx, ItemsSheet))
        {
            var code = Text(r, "code");
            var item = new JsonObject
            {
                ["code"] = code, ["titleTh"] = Text(r, "titleTh"), ["titleEn"] = Text(r, "titleEn"), ["indicator"] = Text(r, "indicator"),
                ["subIndicator"] = Text(r, "subIndicator"), ["group"] = Text(r, "group"), ["kinds"] = List(Text(r, "kinds"), ','),
                ["period"] = Text(r, "period"), ["source"] = Text(r, "source"), ["confidence"] = Text(r, "confidence"),
                ["confidenceNote"] = Text(r, "confidenceNote"), ["notes"] = Text(r, "notes"),
            };
            var list = new JsonArray();
            foreach (var c in code is not null && components.TryGetValue(code, out var rows) ? rows : [])
            {
                if (!int.TryParse(Text(c, "n"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                {
                    errors.Add($"{fileName} item {code}, components n: '{Text(c, "n")}' is not a number");
                    continue;
                }
                list.Add(new JsonObject
                {
                    ["n"] = n, ["th"] = Text(c, "th"), ["en"] = Text(c, "en"),
                    ["check"] = new JsonObject
                    {
                        ["kinds"] = Text(c, "kinds") is { } k ? List(k, ',') : null, ["period"] = Text(c, "period"),
                        ["textAny"] = Text(c, "textAny") is { } any ? List(any, '|') : null,
                        ["textAll"] = Text(c, "textAll") is { } all ? List(all, '|') : null,
                        ["images"] = Yes(Text(c, "images")), ["manual"] = Yes(Text(c, "manual")),
                            ["notWholeLaw"] = Yes(Text(c, "notWholeLaw")),
                    },
                    ["source"] = Text(c, "source"), ["confidence"] = Text(c, "confidence"),
                });
            }
            item["components"] = list;
            items.Add(item);
        }
        foreach (var orphan in components.Keys.Where(k
            => !Rows(xlsx, ItemsSheet).Any(r => string.Equals(Text(r, "code"), k, StringComparison.OrdinalIgnoreCase))))
        {
            errors.Add($"{fileName}, sheet {ComponentsSheet}, item: '{orphan}' is not an item of sheet {ItemsSheet}");
        }
        root["items"] = items;
        if (errors.Count > 0)
        {
            throw new CriteriaImportException(errors);
        }
        return root.ToJsonString();
    }

    private static Dictionary<string, object?> Field(string field, object? value) => new() { ["field"] = field, ["value"] = value };

    private static List<IDictionary<string, object?>> Rows(byte[] xlsx, string sheet)
    {
        using var stream = new MemoryStream(xlsx);
        return stream.Query(useHeaderRow: true, sheetName: sheet, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>().ToList();
    }

    private static string? Text(IDictionary<string, object?> row, string column) => row.TryGetValue(column, out var value)
        ? value switch
        {
            null => null,
            string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString(),
        }
        : null;

    private static JsonArray List(string? text, char separator) =>
        new((text ?? "").Split(separator,
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => (JsonNode)JsonValue.Create(s)).ToArray());

    private static bool Yes(string? text) => text is not null && text.ToLowerInvariant() is "yes" or "true" or "1" or "ใช่";
}
