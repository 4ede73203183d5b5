using System.Text.Json;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Shared;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Hosting;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Overrides;

public static class OverrideApi
{
    /// <summary>A decision sent to POST /api/overrides/{id}/review.</summary>
    public sealed record ReviewRequest(bool? Accept, string? Note);

    /// <summary>An LAO's attestations and a province's review queue, a page at a time.</summary>
    public static readonly PageLimits Limits = new(100, 500);

    public static WebApplication MapOverrideApi(this WebApplication app)
    {
        // GET /api/laos/{code}/overrides: only for the LAO, its province and admins (as on the page).
        app.MapGet("/api/laos/{code}/overrides", async (
            string code, int? year, int? limit, int? offset, HttpContext context, LaoStore laos, OverrideStore overrides,
            CancellationToken cancellationToken) =>
        {
            if (!Limits.TryRead(limit, offset, out var page, out var bad))
            {
                return bad;
            }
            if (await laos.GetAsync(code, cancellationToken) is not { } lao)
            {
                return Problems.Result(StatusCodes.Status404NotFound, $"no LAO with DLA code {code}");
            }
            if (!context.User.Covers(lao))
            {
                return Problems.Result(StatusCodes.Status403Forbidden, "overrides are for the LAO, its province and admins");
            }
            return Results.Json(page.Slice(await overrides.ListAsync(code, year, cancellationToken)), Json.Options);
        })
            .RequireAuthorization()
            .Paged(Limits)
            .Produces<ListPage<OverrideRow>>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("An LAO's attestations (newest first), optionally of one criteria year")
            .WithDescription("For the LAO, its province and admins.");

        // The province's review queue: its officers and admins (tokens with the overrides scope), as the queue page.
        app.MapGet("/api/provinces/{province}/overrides", async (
            string province, string? status, int? limit, int? offset, HttpContext context, OverrideStore overrides,
            CancellationToken cancellationToken) =>
        {
            if (!context.User.CanReviewOverridesOf(province))
            {
                return Forbidden("a province's attestations are for its province officers and admins (tokens need the overrides scope)");
            }
            if (!OverrideStore.IsStatusFilter(status))
            {
                return Problems.Result(StatusCodes.Status400BadRequest, "status must be pending, accepted, rejected or decided");
            }
            if (!Limits.TryRead(limit, offset, out var page, out var bad))
            {
                return bad;
            }
            var rows = await overrides.ListForProvinceAsync(province, status, cancellationToken: cancellationToken);
            return Results.Json(page.Slice(rows.Select(r => new QueuedOverrideItem(
                r.Override.Id, r.Override.DlaCode, LaoTypes.DisplayName(r.LaoType, r.LaoName), r.Override.ItemCode,
                r.Override.CriteriaYear, r.Override.Url, r.Override.Reason, r.Override.Status, r.Override.CreatedBy,
                r.Override.CreatedAt, r.Override.ReviewedBy, r.Override.ReviewedAt, r.Override.ReviewNote)).ToList()), Json.Options);
        })
            .RequireScope(Access.OverridesScope)
            .Paged(Limits)
            .Produces<ListPage<QueuedOverrideItem>>()
            .WithSummary("A province's attestations to review (status: pending, accepted, rejected or decided)")
            .WithDescription("For the province's officers and admins.");

        // A decision through the same path as the queue page: audit log, before and after.
        app.MapPost("/api/overrides/{id}/review", async (
            string id, HttpContext context, OverrideStore overrides, CancellationToken cancellationToken) =>
        {
            if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture,
                    out var overrideId))
            {
                return Problems.Result(StatusCodes.Status404NotFound, $"no attestation {id}");
            }
            if (!context.Request.HasJsonContentType())
            {
                return Problems.Result(StatusCodes.Status415UnsupportedMediaType, "send application/json");
            }
            ReviewRequest? request;
            try
            {
                request = await context.Request.ReadFromJsonAsync<ReviewRequest>(Json.Options, cancellationToken);
            }
            catch (JsonException e)
            {
                return Problems.Result(StatusCodes.Status400BadRequest,
                    $"malformed JSON ({e.Message}); send {{\"accept\": true|false, \"note\": \"…\"}}");
            }
            if (request?.Accept is not { } accept)
            {
                return Problems.Result(StatusCodes.Status400BadRequest, "send JSON {\"accept\": true|false, \"note\": \"…\"}");
            }
            try
            {
                var (outcome, row) = await overrides.ReviewAsAsync(
                    context.User, overrideId, accept, request.Note, null, cancellationToken);
                return outcome switch
                {
                    ReviewOutcome.NotFound => Problems.Result(StatusCodes.Status404NotFound, $"no attestation {overrideId}"),
                    ReviewOutcome.Forbidden => Forbidden(
                        "only the LAO's province officers and admins decide its attestations (tokens need the overrides scope)"),
                    _ => Results.Json(row, Json.Options),
                };
            }
            catch (OverrideException e)
            {
                // A decision the attestation's state does not allow (already decided, its own author…).
                return Problems.Result(StatusCodes.Status422UnprocessableEntity, e.Message);
            }
        })
            .RequireScope(Access.OverridesScope)
            .Accepts<ReviewRequest>("application/json")
            .Produces<OverrideRow>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Accept or reject an attestation")
            .WithDescription("By the LAO's province officers and admins, never by the attestation's author; written to the audit log.");
        return app;
    }

    private static IResult Forbidden(string detail) => Problems.Result(StatusCodes.Status403Forbidden, detail);

    /// <summary>One attestation in a province's review queue, with the LAO's display name.</summary>
    public sealed record QueuedOverrideItem(
        long Id, string DlaCode, string LaoName, string ItemCode, int CriteriaYear, string Url, string Reason, string Status,
        string CreatedBy, DateTime CreatedAt, string? ReviewedBy, DateTime? ReviewedAt, string? ReviewNote);
}
