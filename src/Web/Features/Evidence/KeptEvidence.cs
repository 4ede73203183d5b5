using PlanNacc.Crawler;
using PlanNacc.Scoring.Verdicts;

namespace PlanNacc.Web.Features.Evidence;

/// <summary>
/// A kept evidence copy: its metadata. Its bytes are at <see cref="EvidenceStore.FullPath"/> of its hash, the one place a
/// kept copy's path is derived (no row stores a path).
/// </summary>
public sealed record KeptEvidence(EvidenceBlob Blob)
{
    /// <summary>
    /// The hashes of the places a verdict keeps a copy of: for each item, the places its status was decided on
    /// (<see cref="EvidenceRef.Decisive"/>). The other places an item lists ("also found here", what a failing item found)
    /// are shown with their URL and path but not copied: a copy of each cost about 37 KB of database per site per night
    /// (issue 14.7) for pages no verdict rests on. An assessor or an override needs the decisive copies.
    /// </summary>
    public static IReadOnlyList<string> Hashes(SiteVerdict verdict) =>
        verdict.Items.SelectMany(i => i.Evidence).Where(e => e.Decisive).Select(e => e.ContentHash).OfType<string>()
            .Select(h => h.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
}
