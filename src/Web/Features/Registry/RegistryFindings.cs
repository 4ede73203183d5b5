namespace PlanNacc.Web.Features.Registry;

/// <summary>What the registry import found about where an LAO's website lives.</summary>
public enum RegistryFindingKind
{
    /// <summary>The host carries other LAOs' sites too; this LAO is crawled under its own path there.</summary>
    SharedHost,
    /// <summary>Other LAOs list the same URL; only the first in the file keeps it as its website.</summary>
    DuplicateUrl,
}

/// <summary>One finding about one LAO: the host or URL, its path on a shared host, and the other LAOs' codes.</summary>
public sealed record RegistryFinding(
    string DlaCode, RegistryFindingKind Kind, string Subject, string? Path, IReadOnlyList<string> Others)
{
    public static string Name(RegistryFindingKind kind) => kind == RegistryFindingKind.SharedHost ? "shared-host" : "duplicate-url";

    /// <summary>The findings of one import, per LAO (a host whose LAOs all list one URL is a duplicate URL, not a shared host).</summary>
    public static IReadOnlyList<RegistryFinding> Of(RegistryReadResult read)
    {
        var shared = read.SharedHosts
            .Where(h => h.Laos.Select(l => l.Path).Distinct(StringComparer.Ordinal).Count() > 1)
            .SelectMany(h => h.Laos.Select(l => new RegistryFinding(l.DlaCode, RegistryFindingKind.SharedHost, h.Host, l.Path,
                h.Laos.Select(o => o.DlaCode).Where(c => c != l.DlaCode).Distinct(StringComparer.Ordinal).ToList())));
        var duplicates = read.DuplicateWebsites
            .SelectMany(d => d.DlaCodes.Select(code => new RegistryFinding(code, RegistryFindingKind.DuplicateUrl, d.Url, null,
                d.DlaCodes.Where(c => c != code).ToList())));
        return shared.Concat(duplicates).DistinctBy(f => (f.DlaCode, f.Kind)).ToList();
    }
}
