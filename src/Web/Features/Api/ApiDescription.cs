using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Shared;
using PlanNacc.Web.Hosting;

namespace PlanNacc.Web.Features.Api;

/// <summary>
/// The API describes itself: <c>/openapi/v1.json</c> (OpenAPI 3.1, Microsoft.AspNetCore.OpenApi) covers every /api route,
/// and the reference page at <c>/api</c> lists it. Who may call a route is read from the endpoint's own authorization
/// metadata (<see cref="Access.RequireScope{TBuilder}"/>, <c>RequireAuthorization</c>), and its paging from its
/// <see cref="PageLimits"/>: the document says what the server enforces, not what a hand-kept list remembers.
/// </summary>
public static class ApiDescription
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string BearerScheme = "bearer";
    public const string CookieScheme = "cookie";

    /// <summary>The name of the operation extension listing the token scopes a route needs.</summary>
    public const string ScopesExtension = "x-plannacc-scopes";

    public static IHostApplicationBuilder AddApiDescription(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = description => IsApiPath(description.RelativePath);
            o.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document);
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(DescribeOperationAsync);
        });
        return builder;
    }

    /// <summary>The document (anonymous, like the reference page: it names routes and scopes, never data).</summary>
    public static WebApplication MapApiDescription(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        return app;
    }

    /// <summary>The document as the server builds it, for the reference page.</summary>
    public static Task<OpenApiDocument> DocumentAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredKeyedService<IOpenApiDocumentProvider>(DocumentName).GetOpenApiDocumentAsync(cancellationToken);

    public static bool IsApiPath(string? relativePath) =>
        relativePath is not null && (relativePath == "api" || relativePath.StartsWith("api/", StringComparison.Ordinal));

    private static void Describe(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "PlanNacc API",
            Version = DocumentName,
            Description = """
                ข้อมูล อปท. ผลตรวจเว็บไซต์ตามเกณฑ์ ITA แผนพัฒนาท้องถิ่น และการรับรองรายการ
                / The LAOs, their ITA website checks, local development plans and attestations.
                Errors are RFC 9457 problem details (application/problem+json) with a Thai and English title.
                Lists answer {"items", "total", "limit", "offset"}.
                """,
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API token (pn_…) an admin issues at /admin/tokens, for a role and a set of scopes "
                + $"({string.Join(", ", Access.TokenScopes)}). Tokens are accepted under /api only.",
        };
        document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = "plannacc_auth",
            Description = "The sign-in cookie of a person (every scope of their role).",
        };
    }

    private static async Task DescribeOperationAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var path = context.Description.RelativePath ?? "";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length > 1)
        {
            operation.Tags ??= new HashSet<OpenApiTagReference>();
            operation.Tags.Add(new OpenApiTagReference(segments[1], context.Document));
        }

        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var scopes = authorize.Select(a => Access.ScopeOf(a.Policy)).OfType<string>().Distinct().Order().ToList();
        var roles = authorize.SelectMany(a
            => (a.Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Concat(authorize.Select(a => a.Policy).Where(p => p is not null && Access.ScopeOf(p) is null && Roles.IsKnown(p!)).Select(p
                => p!))
            .Distinct().Order().ToList();
        var access = new List<string>();
        if (authorize.Count > 0 && !anonymous)
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = scopes },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, context.Document)] = [] },
            ];
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[ScopesExtension] = new JsonNodeExtension(new JsonArray(scopes.Select(s => (JsonNode)s).ToArray()));
            access.Add(scopes.Count == 0
                ? "Needs a sign-in or any API token."
                : $"Needs a sign-in or an API token with scope: {string.Join(", ", scopes)}.");
            if (roles.Count > 0)
            {
                access.Add($"Role: {string.Join(" or ", roles)}.");
            }
            await AddProblemAsync(operation, context, StatusCodes.Status401Unauthorized, cancellationToken);
            await AddProblemAsync(operation, context, StatusCodes.Status403Forbidden, cancellationToken);
        }
        else
        {
            access.Add("Public read (unless the server sets Accounts:PublicRead=false: then any sign-in or token).");
        }
        operation.Description = string.Join(" ", new[] { operation.Description }.Concat(access).Where(s => !string.IsNullOrEmpty(s)));

        if (metadata.OfType<PageLimits>().LastOrDefault() is { } limits)
        {
            DescribePaging(operation, limits);
        }
        // Every /api route refuses an unknown query parameter or a malformed value (400) and may fail (500).
        await AddProblemAsync(operation, context, StatusCodes.Status400BadRequest, cancellationToken);
        await AddProblemAsync(operation, context, StatusCodes.Status500InternalServerError, cancellationToken);
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code >= 400
                && response is OpenApiResponse concrete)
            {
                concrete.Description = Problems.Title(code);
            }
        }
    }

    private static void DescribePaging(OpenApiOperation operation, PageLimits limits)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.Name == "limit")
            {
                parameter.Description = $"Items per page: 1 to {limits.MaxLimit}, default {limits.DefaultLimit}.";
                if (parameter.Schema is OpenApiSchema schema)
                {
                    schema.Default = limits.DefaultLimit;
                    schema.Minimum = "1";
                    schema.Maximum = limits.MaxLimit.ToString(CultureInfo.InvariantCulture);
                }
            }
            else if (parameter.Name == "offset")
            {
                parameter.Description = "Items to skip: 0 or more, default 0.";
                if (parameter.Schema is OpenApiSchema schema)
                {
                    schema.Default = 0;
                    schema.Minimum = "0";
                }
            }
        }
    }

    private static async Task AddProblemAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, CancellationToken cancellationToken)
    {
        operation.Responses ??= new OpenApiResponses();
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses.ContainsKey(key))
        {
            return;
        }
        var schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        operation.Responses[key] = new OpenApiResponse
        {
            Description = Problems.Title(status),
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
        };
    }

    /// <summary>
    /// The query parameters a minimal-API route binds: its handler's parameters of simple types that are not route values.
    /// </summary>
    internal static IReadOnlySet<string> QueryParameters(Endpoint endpoint)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (endpoint.Metadata.GetMetadata<MethodInfo>() is not { } method)
        {
            return names;
        }
        var route = (endpoint as RouteEndpoint)?.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase)
            ?? [];
        foreach (var parameter in method.GetParameters())
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (parameter.Name is { } name && !route.Contains(name)
                && (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(DateOnly) || type == typeof(decimal)
                    || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid)))
            {
                names.Add(name);
            }
        }
        return names;
    }
}
