using PlanNacc.Crawler;
using PlanNacc.Scoring.Verdicts;

namespace PlanNacc.Scoring;

/// <summary>Judges a site snapshot against the criteria of an ITA year. Pure: no I/O.</summary>
public sealed class SiteScorer
{
    public SiteVerdict Score(SiteSnapshot snapshot, int fiscalYear) =>
        throw new NotImplementedException("Scoring issue #3: first version pending");
}
