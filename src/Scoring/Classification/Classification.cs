using System.Text.Json.Serialization;

namespace PlanNacc.Scoring.Classification;

/// <summary>What a piece of evidence is: disclosure kinds, the fiscal year (or span) it speaks of, and how sure we are.</summary>
public sealed record Classification
{
    public static readonly Classification Empty = new();

    /// <summary>Disclosure kind ids (disclosure-kinds.md), most likely first; empty when the text is no disclosure.</summary>
    public IReadOnlyList<string> Kinds { get; init; } = [];
    public int? FiscalYear { get; init; }
    /// <summary>[from, to] (BE) for a multi-year plan; then <see cref="FiscalYear"/> is null.</summary>
    public int[]? FiscalYearSpan { get; init; }
    /// <summary>0..1: how sure the kinds are (0 when there are none).</summary>
    public double Confidence { get; init; }
    /// <summary>The OIT item code the text carries ("o36"), read against the criteria year it belongs to.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ItemCode { get; init; }
    /// <summary>The ITA year the text was filed under ("ITA 2568"), when stated.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? AssessmentYear { get; init; }
    /// <summary>Why a text that looks like a disclosure is not one: placeholder, template, lpa, news-article, survey-link.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Negative { get; init; }

    /// <summary>
    /// The kinds were named only in part (a rule marked in-part in kind-rules.tsv: a grievance box that never says it takes
    /// corruption complaints): the place can be shown, and at most goes to review.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool InPart { get; init; }

    [JsonIgnore]
    public string? PrimaryKind => Kinds.Count > 0 ? Kinds[0] : null;
}
