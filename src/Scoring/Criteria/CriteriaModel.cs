using System.Text.Json.Serialization;

namespace PlanNacc.Scoring.Criteria;

/// <summary>How old the evidence for an item may be, relative to the assessed fiscal year.</summary>
public enum PeriodRule
{
    /// <summary>Dated in the assessed fiscal year.</summary>
    Current,
    /// <summary>Covers the fiscal year before the assessed one (annual reports).</summary>
    Previous,
    /// <summary>The first half (Oct-Mar, "รอบ 6 เดือน") of the assessed fiscal year.</summary>
    H1,
    /// <summary>No year needed; must simply be in force.</summary>
    Standing,
    /// <summary>A multi-year plan whose span must cover the assessed year.</summary>
    Span,
}

/// <summary>One ITA year's OIT criteria, loaded from Criteria/Data/ita-YYYY.json.</summary>
public sealed record CriteriaSet
{
    /// <summary>"ita-2568".</summary>
    public required string Id { get; init; }
    /// <summary>The ITA (fiscal) year, BE.</summary>
    public required int Year { get; init; }
    public required string TitleTh { get; init; }
    public required string TitleEn { get; init; }
    /// <summary>
    /// "confirmed" (the NACC's list, from a source we trust) or "provisional" (known in outline only, e.g. ITA 2569 from
    /// one agency's website): every output that judges with a provisional set says so.
    /// </summary>
    public string Status { get; init; } = CriteriaStatus.Confirmed;
    public string Source { get; init; } = "";
    public string Confidence { get; init; } = "";
    public string? Notes { get; init; }
    public required IReadOnlyList<IndicatorDef> Indicators { get; init; }
    public required IReadOnlyList<CriteriaItem> Items { get; init; }
    public required GradeRule GradeRule { get; init; }
    public required ToolWeights Weights { get; init; }

    /// <summary>The file the set was loaded from (for messages).</summary>
    [JsonIgnore]
    public string FileName { get; init; } = "";

    /// <summary>True when <see cref="Status"/> is provisional.</summary>
    [JsonIgnore]
    public bool Provisional => Status == CriteriaStatus.Provisional;

    /// <summary>The item with this code ("o36", "O36" and "36" are the same), or null.</summary>
    public CriteriaItem? FindItem(string code)
    {
        var n = CriteriaItem.CodeNumber(code);
        if (n is null) return null;
        foreach (var item in Items)
        {
            if (item.Number == n) return item;
        }
        return null;
    }
}

/// <summary>The two states of a year's criteria.</summary>
public static class CriteriaStatus
{
    public const string Confirmed = "confirmed";
    public const string Provisional = "provisional";

    public static bool IsKnown(string? status) => status is Confirmed or Provisional;
}

/// <summary>An indicator (9 การเปิดเผยข้อมูล, 10 การป้องกันการทุจริต) and its sub-indicators.</summary>
public sealed record IndicatorDef
{
    public required string Id { get; init; }
    public required string TitleTh { get; init; }
    public required string TitleEn { get; init; }
    public required IReadOnlyList<SubIndicatorDef> SubIndicators { get; init; }
}

public sealed record SubIndicatorDef
{
    public required string Id { get; init; }
    public required string TitleTh { get; init; }
    public required string TitleEn { get; init; }
    public string Confidence { get; init; } = "src";
}

/// <summary>
/// One OIT item of one ITA year: what it is, which kinds of evidence it accepts, for which period, and what must be shown.
/// </summary>
public sealed record CriteriaItem
{
    public required string Code { get; init; }
    public required string TitleTh { get; init; }
    public required string TitleEn { get; init; }
    public required string Indicator { get; init; }
    public required string SubIndicator { get; init; }
    public string? Group { get; init; }
    /// <summary>Disclosure kinds the item accepts as evidence.</summary>
    public required IReadOnlyList<string> Kinds { get; init; }
    /// <summary>current | previous | h1 | standing | span.</summary>
    [JsonPropertyName("period")]
    public required string PeriodText { get; init; }
    public IReadOnlyList<Component> Components { get; init; } = [];
    public required string Source { get; init; }
    /// <summary>src | derived | unverified: the weakest fact the item rests on.</summary>
    public required string Confidence { get; init; }
    public string? ConfidenceNote { get; init; }
    public string? Notes { get; init; }

    [JsonIgnore]
    public PeriodRule Period => ParsePeriod(PeriodText) ?? PeriodRule.Standing;

    [JsonIgnore]
    public int? Number => CodeNumber(Code);

    public static PeriodRule? ParsePeriod(string? text) => text switch
    {
        "current" => PeriodRule.Current,
        "previous" => PeriodRule.Previous,
        "h1" => PeriodRule.H1,
        "standing" => PeriodRule.Standing,
        "span" => PeriodRule.Span,
        _ => null,
    };

    public static int? CodeNumber(string code)
    {
        var span = code.AsSpan().Trim();
        var i = 0;
        while (i < span.Length && !char.IsAsciiDigit(span[i])) i++;
        return i < span.Length && int.TryParse(span[i..], out var n) ? n : null;
    }
}

/// <summary>Something an item must show, and how the checker tests it.</summary>
public sealed record Component
{
    public required int N { get; init; }
    public required string Th { get; init; }
    public required string En { get; init; }
    public ComponentCheck Check { get; init; } = new();
    public string? Source { get; init; }
    public string? Confidence { get; init; }
}

/// <summary>
/// How a component is tested: evidence of one of <see cref="Kinds"/> (default: the item's kinds) within
/// <see cref="Period"/> (default: the item's), whose content holds any of <see cref="TextAny"/> and all of
/// <see cref="TextAll"/>, with images when <see cref="Images"/>. <see cref="Manual"/>: a person must judge it.
/// </summary>
public sealed record ComponentCheck
{
    public IReadOnlyList<string>? Kinds { get; init; }
    public string? Period { get; init; }
    public IReadOnlyList<string>? TextAny { get; init; }
    public IReadOnlyList<string>? TextAll { get; init; }
    public bool Images { get; init; }
    public bool Manual { get; init; }
    /// <summary>Evidence that is the full text of a law does not count (o1 2568: "ต้องไม่เป็นการแสดงกฎหมายทั้งฉบับ").</summary>
    public bool NotWholeLaw { get; init; }
}

/// <summary>How a year turns a score into a result: AA-F bands (to 2565), pass at 85 (2566-2567), rating labels (2568).</summary>
public sealed record GradeRule
{
    /// <summary>bands | pass-fail | rating.</summary>
    public required string Kind { get; init; }
    public double PassMark { get; init; } = 85;
    /// <summary>
    /// Highest first. A band applies when the score reaches <see cref="GradeBand.Min"/> (and every tool reaches
    /// <see cref="GradeBand.AllToolsMin"/>).
    /// </summary>
    public required IReadOnlyList<GradeBand> Bands { get; init; }
    public required string Confidence { get; init; }
    public required string Source { get; init; }
    public string? Notes { get; init; }
}

public sealed record GradeBand
{
    public required string Label { get; init; }
    public required string LabelEn { get; init; }
    public required double Min { get; init; }
    public double? AllToolsMin { get; init; }
}

/// <summary>Weights of IIT/EIT/OIT in the ITA total.</summary>
public sealed record ToolWeights
{
    public double Iit { get; init; } = 30;
    public double Eit { get; init; } = 30;
    public double Oit { get; init; } = 40;
    public required string Confidence { get; init; }
    public required string Source { get; init; }
}
