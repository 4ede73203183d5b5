using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.OpenApi;

namespace PlanNacc.Web.Features.Api;

/// <summary>
/// /api: the API reference, read from the same OpenAPI document the server serves at /openapi/v1.json (no script, no
/// CDN: a plain page in the site's layout). Anonymous, as the document is: it names routes and scopes, never data.
/// </summary>
[AllowAnonymous]
public sealed class ReferenceModel(IServiceProvider services) : PageModel
{
    public sealed record Parameter(string Name, string In, bool Required, string Type, string? Description);

    public sealed record Answer(string Status, string Description, IReadOnlyList<string> ContentTypes);

    public sealed record Operation(
        string Method, string Path, string? Tag, string? Summary, string? Description, IReadOnlyList<string>? Scopes,
        IReadOnlyList<Parameter> Parameters, IReadOnlyList<string> Body, IReadOnlyList<Answer> Responses);

    public string Title { get; private set; } = "";

    public string? Description { get; private set; }

    public IReadOnlyList<Operation> Operations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var document = await ApiDescription.DocumentAsync(services, cancellationToken);
        Title = document.Info?.Title ?? "API";
        Description = document.Info?.Description;
        Operations = Read(document);
    }

    /// <summary>Every operation of the document, by path then method; scopes null when the route is public.</summary>
    public static IReadOnlyList<Operation> Read(OpenApiDocument document) =>
    [
        .. from path in document.Paths ?? new OpenApiPaths()
           from pair in path.Value.Operations ?? new Dictionary<HttpMethod, OpenApiOperation>()
           let operation = pair.Value
           orderby path.Key, pair.Key.Method
           select new Operation(
               pair.Key.Method,
               path.Key,
               operation.Tags?.FirstOrDefault()?.Name,
               operation.Summary,
               operation.Description,
               operation.Security is { Count: > 0 } security
                   ? security.SelectMany(r => r.Values).SelectMany(v => v).Distinct().Order().ToList()
                   : null,
               (operation.Parameters ?? []).Select(p => new Parameter(
                   p.Name ?? "", p.In?.ToString().ToLowerInvariant() ?? "", p.Required, TypeOf(p.Schema), p.Description)).ToList(),
               operation.RequestBody?.Content?.Keys.ToList() ?? [],
               (operation.Responses ?? []).OrderBy(r => r.Key, StringComparer.Ordinal)
                   .Select(r => new Answer(r.Key, r.Value.Description ?? "", r.Value.Content?.Keys.ToList() ?? [])).ToList()),
    ];

    private static string TypeOf(IOpenApiSchema? schema)
    {
        if (schema?.Type is not { } type)
        {
            return "";
        }
        var names = Enum.GetValues<JsonSchemaType>().Where(t => t != JsonSchemaType.Null && type.HasFlag(t))
            .Select(t => t.ToString().ToLowerInvariant());
        return string.Join(" | ", names) + (schema.Format is { } format ? $" ({format})" : "");
    }
}
