using System.Text.RegularExpressions;

namespace PlanNacc.Web.Tests.Architecture;

/// <summary>
/// The rooms of src/Web (docs/decisions/001): references between feature folders run one way, features never reach
/// back into the composition root or the verbs, Storage and Shared import no feature.
/// </summary>
public sealed partial class RoomsFacts
{
    private static readonly string Web = Path.Combine(TestEnvironment.RepoRoot, "src", "Web");

    /// <summary>Feature folder → the feature folders (and Cli/Composition) its C# and Razor files name.</summary>
    private static Dictionary<string, HashSet<string>> References()
    {
        var features = Path.Combine(Web, "Features");
        var edges = new Dictionary<string, HashSet<string>>();
        foreach (var file in Directory.EnumerateFiles(features, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)))
        {
            var parts = Path.GetRelativePath(features, file).Split(Path.DirectorySeparatorChar);
            if (parts.Length == 1)
            {
                continue; // the page shell and DashboardExtensions compose every room
            }
            var room = parts[0];
            if (!edges.TryGetValue(room, out var targets))
            {
                edges[room] = targets = [];
            }
            foreach (Match m in Reference().Matches(File.ReadAllText(file)))
            {
                var target = m.Groups["feature"].Success ? m.Groups["feature"].Value : "!" + m.Groups["root"].Value;
                if (target != room)
                {
                    targets.Add(target);
                }
            }
        }
        return edges;
    }

    [Fact]
    public void FeatureFolders_ImportEachOther_WithoutALoop()
    {
        var edges = References();
        var loops = new List<string>();
        foreach (var start in edges.Keys)
        {
            var stack = new Stack<List<string>>([[start]]);
            var seen = new HashSet<string>();
            while (stack.Count > 0)
            {
                var path = stack.Pop();
                foreach (var next in edges.GetValueOrDefault(path[^1]) ?? [])
                {
                    if (next == start)
                    {
                        loops.Add(string.Join(" -> ", [.. path, next]));
                    }
                    else if (!next.StartsWith('!') && seen.Add(next))
                    {
                        stack.Push([.. path, next]);
                    }
                }
            }
        }

        Assert.True(loops.Count == 0, "feature folders import each other in a loop:\n" + string.Join("\n", loops.Distinct()));
    }

    [Fact]
    public void FeatureFolders_NeverImport_TheVerbsOrTheCompositionRoot()
    {
        var back = References().SelectMany(e => e.Value.Where(t => t.StartsWith('!')).Select(t => $"{e.Key} -> {t[1..]}")).ToList();

        Assert.True(back.Count == 0, string.Join("\n", back));
    }

    [Fact]
    public void StorageAndShared_ImportNoFeature()
    {
        var storage = Directory.EnumerateFiles(Path.Combine(Web, "Storage"), "*.cs", SearchOption.AllDirectories)
            .Where(f => Reference().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Web, f));
        var shared = References().GetValueOrDefault("Shared") ?? [];

        Assert.Empty(storage);
        Assert.Empty(shared);
    }

    [GeneratedRegex(@"PlanNacc\.Web\.(?:Features\.(?<feature>\w+)|(?<root>Cli|Composition)\b)")]
    private static partial Regex Reference();
}
