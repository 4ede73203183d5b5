namespace PlanNacc.Scoring.Classification;

/// <summary>A stable disclosure kind (disclosure-kinds.md): the id never changes, whatever the ITA year calls the item.</summary>
public sealed record DisclosureKind(string Id, string LabelTh, string LabelEn, string DefaultPeriod);

/// <summary>
/// The fixed set of disclosure kind ids (Data/disclosure-kinds.tsv, embedded, read once). Code, tests, JSON and the CLI
/// use exactly these strings.
/// </summary>
public static class DisclosureKinds
{
    public static readonly IReadOnlyList<DisclosureKind> All = Load();

    private static readonly Dictionary<string, DisclosureKind> ById = All.ToDictionary(k => k.Id, StringComparer.Ordinal);

    public static bool IsKnown(string id) => ById.ContainsKey(id);

    public static DisclosureKind Get(string id) =>
        ById.TryGetValue(id, out var k) ? k : throw new ArgumentException($"unknown disclosure kind '{id}'", nameof(id));

    private static List<DisclosureKind> Load()
    {
        var kinds = new List<DisclosureKind>();
        foreach (var (n, f) in EmbeddedTable.Read("disclosure-kinds.tsv"))
        {
            if (f.Length != 4) throw new InvalidDataException($"disclosure-kinds.tsv line {n}: {f.Length} fields, not 4");
            kinds.Add(new DisclosureKind(f[0], f[1], f[2], f[3]));
        }
        return kinds;
    }
}
