using PlanNacc.Scoring.Classification;

namespace PlanNacc.Web.Cli;

/// <summary>
/// `classify [--year Y]`: JSON lines {"id","text","url"} on stdin, one answer line per input line on stdout
/// {"id","kinds","fiscalYear","fiscalYearSpan","confidence"}; a malformed line answers {"id"?, "line", "error"} and the rest go on.
/// The line protocol itself is Scoring's <see cref="JsonLineClassifier"/>; this is only the stdin/stdout loop.
/// </summary>
public static class ClassifyCommand
{
    public static async Task<int> RunAsync(CliArgs cli)
    {
        var classifier = new JsonLineClassifier(cli.Int("--year", 2500, 2700));
        using var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
        var lineNumber = 0;
        while (await Console.In.ReadLineAsync() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            await stdout.WriteLineAsync(classifier.ClassifyLine(line, lineNumber));
            // One answer per line as it comes: a caller may wait for each answer before writing the next line.
            await stdout.FlushAsync();
        }
        return CommandLine.Ok;
    }
}
