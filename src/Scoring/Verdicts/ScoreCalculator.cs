using PlanNacc.Scoring.Criteria;

namespace PlanNacc.Scoring.Verdicts;

/// <summary>
/// Items 100/0; a sub-indicator is the mean of its items; an indicator the mean of its sub-indicators; OIT the mean
/// of indicators 9 and 10 (ita-criteria.md §1.1, derived from the ITA 2564 tables). The year's grade rule applies.
/// </summary>
public static class ScoreCalculator
{
    public static OitScore Compute(CriteriaSet set, IReadOnlyList<ItemVerdict> items, ToolScores? tools = null)
    {
        var subs = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var group in items.GroupBy(i => i.SubIndicator))
        {
            subs[group.Key] = Round(group.Average(i => (double)i.Score));
        }
        var indicators = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var ind in set.Indicators)
        {
            var values = ind.SubIndicators.Where(s => subs.ContainsKey(s.Id)).Select(s => subs[s.Id]).ToList();
            if (values.Count > 0) indicators[ind.Id] = Round(values.Average());
        }
        var oit = indicators.Count == 0 ? 0 : Round(indicators.Values.Average());
        double? total = tools is null ? null : Round(ProjectTotal(set.Weights, tools.Iit, tools.Eit, oit));
        var band = tools is null ? GradeOf(set.GradeRule, oit, null) : GradeOf(set.GradeRule, total!.Value, [tools.Iit, tools.Eit, oit]);
        return new OitScore
        {
            Oit = oit,
            Indicators = indicators,
            SubIndicators = subs,
            Grade = band?.Label,
            GradeEn = band?.LabelEn,
            GradeConfidence = set.GradeRule.Confidence,
            GradeBasis = tools is null ? "oit-only" : "ita-total",
            ProjectedItaTotal = total,
            ItemsPassed = items.Count(i => i.Status == VerdictStatus.Pass),
            ItemsFailed = items.Count(i => i.Status == VerdictStatus.Fail),
            ItemsInReview = items.Count(i => i.Status == VerdictStatus.Review),
        };
    }

    /// <summary>The ITA total from the three tools, with the year's weights (30/30/40).</summary>
    public static double ProjectTotal(ToolWeights w, double iit, double eit, double oit) =>
        (w.Iit * iit + w.Eit * eit + w.Oit * oit) / (w.Iit + w.Eit + w.Oit);

    /// <summary>
    /// The highest band the score reaches. A band that also asks every tool to reach a minimum is skipped when the
    /// tool scores are unknown (OIT only), so the label never claims more than the data shows.
    /// </summary>
    public static GradeBand? GradeOf(GradeRule rule, double score, IReadOnlyList<double>? toolScores)
    {
        foreach (var band in rule.Bands.OrderByDescending(b => b.Min))
        {
            if (score < band.Min) continue;
            if (band.AllToolsMin is { } min && (toolScores is null || toolScores.Any(t => t < min))) continue;
            return band;
        }
        return null;
    }

    private static double Round(double v) => Math.Round(v, 2, MidpointRounding.AwayFromZero);
}
