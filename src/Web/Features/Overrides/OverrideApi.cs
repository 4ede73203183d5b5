using System.Text.Json;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Overrides;

public static class OverrideApi
{
    /// <summary>A decision sent to POST /api/overrides/{id}/review.</summary>
    public sealed record ReviewRequest(bool? Accept, string? Note);

    public static WebApplication MapOverrideApi(this WebApplication app)
    {
        // GET /api/laos/{code}/overrides: only for the LAO, its province and admins (as on the page).
        app.MapGet("/api/laos/{code}/overrides",
            async (string code, int? year, HttpContext context, LaoStore laos, OverrideStore overrides,
            CancellationToken cancellationToken) =>
        {
            if (await laos.GetAsync(code, cancellationToken) is not { } lao)
            {
                return Results.NotFound(new { error = $"no LAO with DLA code {code}" });
            }
            if (!context.User.Covers(lao))
            {
                return Results.Json(new { error = "overrides are for the LAO, its province and admins" },
                    statusCode: StatusCodes.Status403Forbidden);
            }
            return Results.Json(await overrides.ListAsync(code, year, cancellationToken), Json.Options);
        }).RequireAuthorization();

        // The province's review queue: its officers and admins (tokens with the overrides scope), as the queue page.
        app.MapGet("/api/provinces/{province}/overrides",
            async (string province, string? status, HttpContext context, OverrideStore overrides, CancellationToken cancellationToken) =>
        {
            if (!context.User.CanReviewOverridesOf(province))
            {
                return Forbidden("a province's attestations are for its province officers and admins (tokens need the overrides scope)");
            }
            if (!OverrideStore.IsStatusFilter(status))
            {
                return Results.BadRequest(new { error = "status must be pending, accepted, rejected or decided" });
            }
            var rows = await overrides.ListForProvinceAsync(province, status, cancellationToken: cancellationToken);
            return Results.Json(rows.Select(r => new
            {
                r.Override.Id, r.Override.DlaCode, laoName = LaoTypes.DisplayName(r.LaoType, r.LaoName), r.Override.ItemCode,
                    r.Override.CriteriaYear,
                r.Override.Url, r.Override.Reason, r.Override.Status, r.Override.CreatedBy, r.Override.CreatedAt,
                r.Override.ReviewedBy, r.Override.ReviewedAt, r.Override.ReviewNote,
            }), Json.Options);
        }).RequireAuthorization();

        // A decision through the same path as the queue page: audit log, before and after.
        app.MapPost("/api/overrides/{id}/review",
            async (string id, HttpContext context, OverrideStore overrides, CancellationToken cancellationToken) =>
        {
            if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture,
                out var overrideId))
            {
                return Results.NotFound(new { error = $"no attestation {id}" });
            }
            ReviewRequest? request;
            try
            {
                request = context.Request.HasJsonContentType()
                    ? await context.Request.ReadFromJsonAsync<ReviewRequest>(Json.Options, cancellationToken)
                    : null;
            }
            catch (JsonException)
            {
                request = null;
            }
            if (request?.Accept is not { } accept)
            {
                return Results.BadRequest(new { error = "send JSON {\"accept\": true|false, \"note\": \"…\"}" });
            }
            try
            {
                var (outcome, row) = await overrides.ReviewAsAsync(context.User, overrideId, accept, request.Note, null, cancellationToken);
                return outcome switch
                {
                    ReviewOutcome.NotFound => Results.NotFound(new { error = $"no attestation {overrideId}" }),
                    ReviewOutcome.Forbidden => Forbidden(
                        "only the LAO's province officers and admins decide its attestations (tokens need the overrides scope)"),
                    _ => Results.Json(row, Json.Options),
                };
            }
            catch (OverrideException e)
            {
                return Results.BadRequest(new { error = e.Message });
            }
        }).RequireAuthorization();
        return app;
    }

    private static IResult Forbidden(string error) => Results.Json(new { error }, statusCode: StatusCodes.Status403Forbidden);
}
