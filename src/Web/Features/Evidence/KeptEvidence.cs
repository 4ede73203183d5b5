using PlanNacc.Crawler;

namespace PlanNacc.Web.Features.Evidence;

/// <summary>
/// A kept evidence copy: its metadata. Its bytes are at <see cref="EvidenceStore.FullPath"/> of its hash, the one place a
/// kept copy's path is derived (no row stores a path).
/// </summary>
public sealed record KeptEvidence(EvidenceBlob Blob);
