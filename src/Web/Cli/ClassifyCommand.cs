using PlanNacc.Scoring.Classification;
using PlanNacc.Scoring.Criteria;
using PlanNacc.Web.Composition;

namespace PlanNacc.Web.Cli;

/// <summary>
/// `classify [--year Y]`: JSON lines {"id","text","url"} on stdin, one answer line per input line on stdout
/// {"id","kinds","fiscalYear","fiscalYearSpan","confidence"}; a malformed line answers {"id"?, "line", "error"} and the rest go on.
/// The line protocol itself is Scoring's <see cref="JsonLineClassifier"/>; this is only the stdin/stdout loop.
/// </summary>
public static class ClassifyCommand
{
    public static async Task<int> RunAsync(CliArgs cli, Dictionary<string, string?> overrides)
    {
        var builder = AppHost.CreateBuilder(overrides);
        builder.AddPlanNacc();
        using var host = builder.Build();
        var classifier = new JsonLineClassifier(
            host.Services.GetRequiredService<DisclosureClassifier>(), host.Services.GetRequiredService<CriteriaCatalog>(), cli.Int("--year", 2500, 2700));
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
