namespace PlanNacc.Web.Features.Lao;

/// <summary>The OIT score with accepted attestations counted as passes, by the scorer's rule: items 100/0, mean per sub-indicator, per indicator, then overall.</summary>
public static class AttestedScore
{
    public static double? Compute(IReadOnlyList<ItemRow> items, IReadOnlySet<string> attested)
    {
        if (items.Count == 0)
        {
            return null;
        }
        return items
            .GroupBy(i => i.Indicator)
            .Select(indicator => indicator.GroupBy(i => i.SubIndicator).Select(sub => sub.Average(i => attested.Contains(i.Code) ? 100.0 : i.Score)).Average())
            .Average();
    }
}
