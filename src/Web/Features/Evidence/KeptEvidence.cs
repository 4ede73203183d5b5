using PlanNacc.Crawler;

namespace PlanNacc.Web.Features.Evidence;

/// <summary>A kept evidence copy: its metadata and where its bytes are, relative to the evidence folder.</summary>
public sealed record KeptEvidence(EvidenceBlob Blob, string StoragePath);
