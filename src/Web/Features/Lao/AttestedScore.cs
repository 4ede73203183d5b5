using PlanNacc.Scoring.Verdicts;

namespace PlanNacc.Web.Features.Lao;

/// <summary>
/// The OIT score with accepted attestations counted as passes: Scoring's own calculator (items 100/0, sub-indicator,
/// indicator, OIT, and the year's grade) applied to the stored verdict's items with the attested items passed.
/// </summary>
public static class AttestedScore
{
    public static OitScore? Compute(Scoring.Criteria.CriteriaSet? set, IReadOnlyList<ItemVerdict> items, IReadOnlySet<string> attested)
    {
        if (set is null || items.Count == 0)
        {
            return null;
        }
        var verdicts = items
            .Select(i => attested.Contains(i.Code) ? i with { Status = VerdictStatus.Pass, Score = 100 } : i)
            .ToList();
        return ScoreCalculator.Compute(set, verdicts);
    }
}
