using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Scans;

/// <summary>
/// The one way Web reads a stored scan result: the verdict column is Scoring's <see cref="SiteVerdict"/> (the `scan --json`
/// shape), read typed, so a renamed field breaks the build instead of silently emptying a page.
/// </summary>
public static class StoredVerdict
{
    public static SiteVerdict? Read(string? verdictJson) => verdictJson is null ? null : Json.Deserialize<SiteVerdict>(verdictJson);
}
