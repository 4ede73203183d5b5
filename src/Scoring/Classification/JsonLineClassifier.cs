using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PlanNacc.Crawler.Extraction;
using PlanNacc.Scoring.Criteria;

namespace PlanNacc.Scoring.Classification;

/// <summary>
/// The `classify` verb's line protocol: one JSON object per line in (<c>{"id","text","url"}</c>; a whole page as
/// <c>{"id","title","text","url"}</c> or <c>{"id","html","url"}</c>, read by its title and headings first), one out
/// (<c>{"id","kinds","fiscalYear","fiscalYearSpan","confidence"}</c>). A malformed line yields an error object for that
/// line and never stops the stream. When the year has no criteria file of its own, each output carries a "note".
/// </summary>
public sealed class JsonLineClassifier(DisclosureClassifier classifier, CriteriaCatalog catalog, int? criteriaYear)
{
    private static readonly JsonSerializerOptions Out = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    private readonly string? _note = criteriaYear is { } y && catalog.Resolve(y).FallbackNote is { } n ? n.En : null;

    public JsonLineClassifier(int? criteriaYear = null) : this(DisclosureClassifier.Default, CriteriaCatalog.Default, criteriaYear)
    {
    }

    /// <summary>Classifies one input line; returns the output line (JSON, no newline). An error object names <paramref name="lineNumber"/>
    /// when given.</summary>
    public string ClassifyLine(string line, int? lineNumber = null)
    {
        JsonNode? id = null;
        try
        {
            if (JsonNode.Parse(line) is not JsonObject obj)
            {
                return Error(null, lineNumber, "each line must be a JSON object {\"id\",\"text\",\"url\"}");
            }
            id = obj["id"]?.DeepClone();
            string? url = null;
            if (obj["url"] is JsonValue urlValue && !urlValue.TryGetValue(out url))
            {
                return Error(id, lineNumber, "field \"url\" must be a string");
            }
            if (!TryString(obj, "html", out var html) || !TryString(obj, "title", out var title))
            {
                return Error(id, lineNumber, "fields \"html\" and \"title\" must be strings");
            }
            string? text = null;
            if (html is null && (obj["text"] is not JsonValue textValue || !textValue.TryGetValue(out text)))
            {
                return Error(id, lineNumber, "missing string field \"text\" (or \"html\" for a whole page)");
            }
            Classification c;
            if (html is not null)
            {
                // a whole page: its title, headings and text as the crawler reads them
                var page = PageExtractor.Extract(html, Uri.TryCreate(url, UriKind.Absolute, out var at) ? at : Nowhere);
                c = classifier.ClassifyPage(page.Title, page.Headings, page.Text, url, criteriaYear);
            }
            else
            {
                c = title is not null ? classifier.ClassifyPage(title, [], text, url, criteriaYear) : classifier.Classify(text!, url,
                    criteriaYear);
            }
            var result = new JsonObject
            {
                ["id"] = id,
                ["kinds"] = new JsonArray(c.Kinds.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray()),
                ["fiscalYear"] = c.FiscalYear,
                ["fiscalYearSpan"] = c.FiscalYearSpan is { } span ? new JsonArray(span[0], span[1]) : null,
                ["confidence"] = c.Confidence,
            };
            if (_note is not null) result["note"] = _note;
            return result.ToJsonString(Out);
        }
        catch (JsonException ex)
        {
            return Error(id, lineNumber, "malformed JSON: " + ex.Message);
        }
    }

    private static readonly Uri Nowhere = new("http://page.invalid/");

    // an absent field is null; a present one must be a string
    private static bool TryString(JsonObject obj, string name, out string? value)
    {
        value = null;
        return obj[name] is null || obj[name] is JsonValue v && v.TryGetValue(out value);
    }

    private static string Error(JsonNode? id, int? lineNumber, string message)
    {
        var error = new JsonObject { ["id"] = id };
        if (lineNumber is { } n) error["line"] = n;
        error["error"] = message;
        return error.ToJsonString(Out);
    }
}
