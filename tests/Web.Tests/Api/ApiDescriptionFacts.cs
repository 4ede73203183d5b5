using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PlanNacc.Web.Features.Accounts;

namespace PlanNacc.Web.Tests.Api;

/// <summary>The API describes itself: every mapped /api route is in /openapi/v1.json with the scopes it enforces.</summary>
[Collection(HangfireHosts.Name)]
public sealed partial class ApiDescriptionFacts : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Document_CoversEveryMappedApiRoute_WithItsScopes()
    {
        using var document = await DocumentAsync();
        var paths = document.RootElement.GetProperty("paths");
        var routes = ApiRoutes();

        Assert.True(routes.Count >= 13, $"only {routes.Count} /api routes found");
        foreach (var (method, path, scopes) in routes)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not in the document");
            Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out var operation), $"{method} {path} is not in the document");
            Assert.Equal(scopes, DocumentedScopes(operation));
            Assert.True(operation.TryGetProperty("summary", out _), $"{method} {path} has no summary");
            var responses = operation.GetProperty("responses");
            foreach (var status in new[] { "400", "500" })
            {
                Assert.True(responses.TryGetProperty(status, out var problem), $"{method} {path} documents no {status}");
                Assert.True(problem.GetProperty("content").TryGetProperty("application/problem+json", out _));
                Assert.Contains(" / ", problem.GetProperty("description").GetString());
            }
        }
        // Nothing but /api in the document, and nothing in it that is not mapped.
        var documented = paths.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (o.Name.ToUpperInvariant(), p.Name))).Order().ToList();
        Assert.Equal(routes.Select(r => (r.Method, r.Path)).Order().ToList(), documented);
    }

    [Fact]
    public async Task Document_NamesTheScopesThatTheServerEnforces()
    {
        using var document = await DocumentAsync();
        var routes = ApiRoutes();
        var scoped = routes.Where(r => r.Scopes.Count > 0).ToList();

        // The scopes this fact expects, read from the routes' purpose (not from the document).
        Assert.Equal(["scans"], routes.Single(r => r is { Method: "POST", Path: "/api/scans" }).Scopes);
        Assert.Equal(["plans"], routes.Single(r => r is { Method: "GET", Path: "/api/laos/{code}/plan" }).Scopes);
        Assert.Equal(["plans"], routes.Single(r => r.Path == "/api/provinces/{province}/reporting").Scopes);
        Assert.Equal(["overrides"], routes.Single(r => r.Path == "/api/overrides/{id}/review").Scopes);
        Assert.Equal(["overrides"], routes.Single(r => r.Path == "/api/provinces/{province}/overrides").Scopes);
        Assert.Empty(routes.Single(r => r.Path == "/api/laos").Scopes);
        // An admin token with every scope but the one documented is refused, with a problem.
        var failures = new List<string>();
        foreach (var (method, path, scopes) in scoped)
        {
            var others = Access.TokenScopes.Except(scopes).ToArray();
            var token = await _host.Tokens.CreateAsync("without-" + string.Join("-", scopes) + Guid.NewGuid().ToString("N")[..6],
                Roles.Admin, null, null, others, "test");
            var url = RouteValue().Replace(path, m => m.Groups[1].Value == "id" ? "1" : "1234567");
            using var request = new HttpRequestMessage(new HttpMethod(method), url)
            {
                Content = method == "GET" ? null : System.Net.Http.Json.JsonContent.Create(new { }),
            };
            var response = await _host.Api(token).SendAsync(request);

            Assert.True(HttpStatusCode.Forbidden == response.StatusCode,
                $"{method} {path} without {string.Join(",", scopes)}: {response.StatusCode}");
            if ("application/problem+json" != response.Content.Headers.ContentType?.MediaType)
            {
                failures.Add($"{method} {path}: {response.Content.Headers.ContentType} {await response.Content.ReadAsStringAsync()}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Document_DocumentsPagingLimits_AndSecuritySchemes()
    {
        using var document = await DocumentAsync();
        var root = document.RootElement;

        Assert.StartsWith("3.1", root.GetProperty("openapi").GetString());
        var schemes = root.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        var laos = root.GetProperty("paths").GetProperty("/api/laos").GetProperty("get");
        var limit = laos.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "limit");
        Assert.Equal(1000, int.Parse(limit.GetProperty("schema").GetProperty("maximum").ToString(),
            System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(100, limit.GetProperty("schema").GetProperty("default").GetInt32());
        Assert.Contains("default 100", limit.GetProperty("description").GetString());
    }

    [Fact]
    public async Task ReferencePage_ListsEveryOperation_WithoutScriptsFromElsewhere()
    {
        var response = await _host.Browser().GetAsync("/api");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        foreach (var (method, path, scopes) in ApiRoutes())
        {
            Assert.Contains($"data-method=\"{method}\" data-path=\"{path}\"", html);
        }
        Assert.Contains("<code>scans</code>", html);
        // A page, not an API route: its language switch (?lang=en) is not an unknown query parameter.
        var english = await _host.Browser().GetAsync("/api?lang=en");
        Assert.Equal(HttpStatusCode.OK, english.StatusCode);
        Assert.Contains("Token scope needed:", await english.Content.ReadAsStringAsync());
        Assert.DoesNotMatch(new Regex("<script[^>]+src=\"(https?:)?//"), html);
    }

    private async Task<JsonDocument> DocumentAsync()
    {
        var response = await _host.Api().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Every endpoint the server maps under /api (not the /api reference page), with the scopes its policies need.</summary>
    private List<(string Method, string Path, IReadOnlyList<string> Scopes)> ApiRoutes() =>
        _host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method => (
                method,
                "/" + Constraint().Replace(e.RoutePattern.RawText!.TrimStart('/'), "{$1}"),
                (IReadOnlyList<string>)e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => Access.ScopeOf(a.Policy))
                    .OfType<string>().Distinct().Order().ToList())))
            .ToList();

    private static List<string> DocumentedScopes(JsonElement operation) =>
        operation.TryGetProperty("security", out var security)
            ? security.EnumerateArray().SelectMany(r => r.EnumerateObject()).SelectMany(s => s.Value.EnumerateArray())
                .Select(s => s.GetString()!).Distinct().Order().ToList()
            : [];

    [GeneratedRegex(@"\{([A-Za-z]+)[^}]*\}")]
    private static partial Regex Constraint();

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex RouteValue();
}
