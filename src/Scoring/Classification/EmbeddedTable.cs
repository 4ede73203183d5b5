namespace PlanNacc.Scoring.Classification;

/// <summary>
/// Reads a tab-separated table embedded from Classification/Data: one entry a line, '#' lines and blank lines are notes
/// for the reader. Scoring does no file I/O; the vocabulary ships inside the assembly like the criteria.
/// </summary>
internal static class EmbeddedTable
{
    public static IEnumerable<(int Line, string[] Fields)> Read(string name)
    {
        var resource = "PlanNacc.Scoring.Classification.Data." + name;
        using var stream = typeof(EmbeddedTable).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} is missing");
        using var reader = new StreamReader(stream);
        var n = 0;
        while (reader.ReadLine() is { } line)
        {
            n++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            yield return (n, line.Split('\t'));
        }
    }
}
