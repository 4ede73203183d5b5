namespace PlanNacc.Web.Features.Lao;

/// <summary>
/// The OIT score with accepted attestations counted as passes: Scoring's own calculator (items 100/0, sub-indicator,
/// indicator, OIT, and the year's grade) applied to the stored item results with the attested items passed.
/// </summary>
public static class AttestedScore
{
    public static Scoring.Verdicts.OitScore? Compute(Scoring.Criteria.CriteriaSet? set, IReadOnlyList<ItemRow> items, IReadOnlySet<string> attested)
    {
        if (set is null || items.Count == 0)
        {
            return null;
        }
        var verdicts = items.Select(i => new Scoring.Verdicts.ItemVerdict
        {
            Code = i.Code,
            Title = i.Title,
            TitleEn = i.TitleEn,
            Indicator = i.Indicator,
            SubIndicator = i.SubIndicator,
            Kinds = [],
            Status = attested.Contains(i.Code) ? Scoring.Verdicts.VerdictStatus.Pass : Enum.Parse<Scoring.Verdicts.VerdictStatus>(i.Status, ignoreCase: true),
            Score = attested.Contains(i.Code) ? 100 : i.Score,
        }).ToList();
        return Scoring.Verdicts.ScoreCalculator.Compute(set, verdicts);
    }
}
