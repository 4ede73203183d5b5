using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlanNacc.Web.Storage;

/// <summary>The one JSON shape PlanNacc writes: camelCase, enums as lower-case strings (the `scan --json` shape of design.md).</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = Create(indented: false);

    public static readonly JsonSerializerOptions Indented = Create(indented: true);

    public static string Serialize<T>(T value, bool indented = false) => JsonSerializer.Serialize(value, indented ? Indented : Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new JsonException("null where a value was expected");

    private static JsonSerializerOptions Create(bool indented) => new(JsonSerializerDefaults.Web)
    {
        WriteIndented = indented,
        Converters = { new JsonStringEnumConverter(new LowerCaseNamingPolicy()) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Thai stays readable in the output instead of \u0e2d escapes; HTML escaping is the pages' job, not the JSON's.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed class LowerCaseNamingPolicy : JsonNamingPolicy
    {
        public override string ConvertName(string name) => name.ToLowerInvariant();
    }
}
