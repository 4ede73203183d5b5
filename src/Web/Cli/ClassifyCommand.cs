using System.Text.Json;
using PlanNacc.Scoring.Classification;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Cli;

/// <summary>
/// `classify [--year Y]`: JSON lines {"id","text","url"} on stdin, one answer line per input line on stdout
/// {"id","kinds","fiscalYear","fiscalYearSpan","confidence"}; a malformed line answers {"id"?, "line", "error"} and the rest go on.
/// </summary>
public static class ClassifyCommand
{
    public static async Task<int> RunAsync(CliArgs cli)
    {
        var year = cli.Int("--year", 2500, 2700);
        var classifier = DisclosureClassifier.Default;
        using var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
        var lineNumber = 0;
        while (await Console.In.ReadLineAsync() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            await stdout.WriteLineAsync(Answer(classifier, line, lineNumber, year));
            // One answer per line as it comes: a caller may wait for each answer before writing the next line.
            await stdout.FlushAsync();
        }
        await stdout.FlushAsync();
        return CommandLine.Ok;
    }

    internal static string Answer(DisclosureClassifier classifier, string line, int lineNumber, int? year)
    {
        JsonElement? id = null;
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Error(null, lineNumber, "expected a JSON object {\"id\",\"text\",\"url\"}");
            }
            if (root.TryGetProperty("id", out var idElement))
            {
                id = idElement.Clone();
            }
            if (!root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                return Error(id, lineNumber, "\"text\" is missing or not a string");
            }
            string? url = null;
            if (root.TryGetProperty("url", out var urlElement) && urlElement.ValueKind != JsonValueKind.Null)
            {
                url = urlElement.ValueKind == JsonValueKind.String ? urlElement.GetString() : null;
                if (url is null)
                {
                    return Error(id, lineNumber, "\"url\" is not a string");
                }
            }
            var result = classifier.Classify(text.GetString()!, url, year);
            return Json.Serialize(new
            {
                id,
                kinds = result.Kinds,
                fiscalYear = result.FiscalYear,
                fiscalYearSpan = result.FiscalYearSpan,
                confidence = Math.Round(result.Confidence, 3),
            });
        }
        catch (JsonException e)
        {
            return Error(id, lineNumber, "not valid JSON: " + e.Message);
        }
    }

    private static string Error(JsonElement? id, int line, string error) => Json.Serialize(new { id, line, error });
}
