using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Overrides;

public static class OverrideApi
{
    /// <summary>GET /api/laos/{code}/overrides: only for the LAO, its province and admins (as on the page).</summary>
    public static WebApplication MapOverrideApi(this WebApplication app)
    {
        app.MapGet("/api/laos/{code}/overrides", async (string code, int? year, HttpContext context, LaoStore laos, OverrideStore overrides, CancellationToken cancellationToken) =>
        {
            if (await laos.GetAsync(code, cancellationToken) is not { } lao)
            {
                return Results.NotFound(new { error = $"no LAO with DLA code {code}" });
            }
            if (!context.User.Covers(lao))
            {
                return Results.Json(new { error = "overrides are for the LAO, its province and admins" }, statusCode: StatusCodes.Status403Forbidden);
            }
            return Results.Json(await overrides.ListAsync(code, year, cancellationToken), Json.Options);
        }).RequireAuthorization();
        return app;
    }
}
