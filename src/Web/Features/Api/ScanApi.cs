using Dapper;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Storage;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Hosting;

namespace PlanNacc.Web.Features.Api;

public sealed record ScanRequest(string? DlaCode, string? Url);

/// <summary>The answer of POST /api/scans: the run that scans the LAO.</summary>
public sealed record ScanAccepted(long RunId, string DlaCode);

public static class ScanApi
{
    /// <summary>
    /// POST /api/scans {"dlaCode"} or {"url"}: an on-demand scan of one LAO, for a signed-in user or an API token with
    /// the "scans" scope, within its role's reach. JSON bodies only, so a cross-site form cannot post here.
    /// </summary>
    public static WebApplication MapScanApi(this WebApplication app)
    {
        app.MapPost("/api/scans", async (
            HttpContext context, ScanRequest request, LaoStore laos, Database database, ScanJobs jobs,
            CancellationToken cancellationToken) =>
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
                return Problems.Result(StatusCodes.Status400BadRequest, "give dlaCode or url");
            }
            if (lao is null)
            {
                // Same answer whether the LAO is unknown or out of reach would hide nothing: the registry is public.
                return Problems.Result(StatusCodes.Status404NotFound, "no LAO with that DLA code or website");
            }
            if (!user.HasScope(Access.ScansScope) || !user.Covers(lao))
            {
                return Problems.Result(StatusCodes.Status403Forbidden, "this login or token may not scan that LAO");
            }
            var runId = await jobs.StartLaoScanAsync(lao.DlaCode);
            return runId is { } id
                ? Results.Accepted($"/api/runs/{id}", new ScanAccepted(id, lao.DlaCode))
                : Problems.Result(StatusCodes.Status409Conflict, "the registry has no website for this LAO");
        })
            .RequireScope(Access.ScansScope)
            .Accepts<ScanRequest>("application/json")
            .Produces<ScanAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Start an on-demand scan of one LAO (by DLA code or website)")
            .WithDescription("Within the caller's reach (admin: any LAO; province: its LAOs; LAO: itself); "
                + "limited per user or token per hour (Accounts:OnDemandScansPerHour). Follow the run at /api/runs/{runId}.");
        return app;
    }

    private static async Task<LaoRecord?> FindByWebsiteAsync(
        Database database, LaoStore laos, string url, CancellationToken cancellationToken)
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
