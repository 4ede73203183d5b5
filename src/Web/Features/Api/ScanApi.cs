using Dapper;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Storage;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Features.Api;

public sealed record ScanRequest(string? DlaCode, string? Url);

public static class ScanApi
{
    /// <summary>
    /// POST /api/scans {"dlaCode"} or {"url"}: an on-demand scan of one LAO, for a signed-in user or an API token with the
    /// "scans" scope, within its role's reach. JSON bodies only, so a cross-site form cannot post here.
    /// </summary>
    public static WebApplication MapScanApi(this WebApplication app)
    {
        app.MapPost("/api/scans", async (HttpContext context, ScanRequest request, LaoStore laos, Database database, ScanJobs jobs, CancellationToken cancellationToken) =>
        {
            var user = context.User;
            LaoRecord? lao = null;
            if (!string.IsNullOrWhiteSpace(request.DlaCode))
            {
                lao = await laos.GetAsync(request.DlaCode.Trim(), cancellationToken);
            }
            else if (!string.IsNullOrWhiteSpace(request.Url))
            {
                lao = await FindByWebsiteAsync(database, laos, request.Url, cancellationToken);
            }
            else
            {
                return Results.BadRequest(new { error = "give dlaCode or url" });
            }
            if (lao is null)
            {
                // Same answer whether the LAO is unknown or out of reach would hide nothing: the registry is public.
                return Results.NotFound(new { error = "no LAO with that DLA code or website" });
            }
            if (!user.HasScope(Access.ScansScope) || !user.Covers(lao))
            {
                return Results.Json(new { error = "this login or token may not scan that LAO" }, statusCode: StatusCodes.Status403Forbidden);
            }
            var runId = await jobs.StartLaoScanAsync(lao.DlaCode);
            return runId is { } id
                ? Results.Accepted($"/api/runs/{id}", new { runId = id, dlaCode = lao.DlaCode })
                : Results.Conflict(new { error = "the registry has no website for this LAO" });
        }).RequireAuthorization();
        return app;
    }

    private static async Task<LaoRecord?> FindByWebsiteAsync(Database database, LaoStore laos, string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return null;
        }
        var bare = uri.GetLeftPart(UriPartial.Path).TrimEnd('/').ToLowerInvariant();
        await using var connection = await database.OpenAsync(cancellationToken);
        var code = await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
            "SELECT dla_code FROM laos WHERE lower(website) IN (@bare, @slash) ORDER BY dla_code LIMIT 1",
            new { bare, slash = bare + "/" }, cancellationToken: cancellationToken));
        return code is null ? null : await laos.GetAsync(code, cancellationToken);
    }
}
