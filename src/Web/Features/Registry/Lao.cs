namespace PlanNacc.Web.Features.Registry;

/// <summary>One local administrative organisation as the registry knows it. The 7-digit DLA code is its identity, never the name.</summary>
public sealed record LaoRecord
{
    public required string DlaCode { get; init; }
    /// <summary>TAO | ThesabanTambon | ThesabanMueang | ThesabanNakhon | PAO | Special (เมืองพัทยา)</summary>
    public required string Type { get; init; }
    public required string Name { get; init; }
    public required string Province { get; init; }
    public string? District { get; init; }
    /// <summary>S | M | L, or null when the registry gives none.</summary>
    public string? Size { get; init; }
    public string? Website { get; init; }
    /// <summary>
    /// The file's website cell could not be read (a typo, not a removal): an import keeps the website already stored for the
    /// LAO instead of erasing it.
    /// </summary>
    public bool KeepStoredWebsite { get; init; }
}

/// <summary>The Thai names of the LAO types, as a reader expects them before the LAO's name.</summary>
public static class LaoTypes
{
    public static readonly IReadOnlyDictionary<string, string> ThaiPrefix = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["TAO"] = "อบต.",
        ["ThesabanTambon"] = "ทต.",
        ["ThesabanMueang"] = "ทม.",
        ["ThesabanNakhon"] = "ทน.",
        ["PAO"] = "อบจ.",
        // เมืองพัทยา, the one LAO of a special form in the DLA list: its name already says what it is.
        ["Special"] = "",
    };

    public static bool IsKnown(string type) => ThaiPrefix.ContainsKey(type);

    public static string DisplayName(string type, string name) =>
        ThaiPrefix.TryGetValue(type, out var prefix) ? prefix + name : name;
}
