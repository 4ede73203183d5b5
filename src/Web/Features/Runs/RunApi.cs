using PlanNacc.Web.Features.Criteria;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Runs;

public static class RunApi
{
    /// <summary>GET /api/runs (latest runs) and GET /api/runs/{id}: progress (done, failed, left, rate, ETA, results per status).</summary>
    public static WebApplication MapRunApi(this WebApplication app)
    {
        app.MapGet("/api/runs/{id:long}", async (RunStore runs, CriteriaSource criteria, long id, CancellationToken cancellationToken) =>
            await runs.ProgressAsync(id, cancellationToken) is { } progress
                ? Results.Json(progress with { Criteria = await criteria.NoticeAsync(progress.FiscalYear, cancellationToken) },
                    Json.Options)
                : Results.NotFound(new { error = $"no run {id}" }));
        app.MapGet("/api/runs", async (RunStore runs, int? limit, CancellationToken cancellationToken) =>
        {
            var list = await runs.ListAsync(Math.Clamp(limit ?? 20, 1, 200), cancellationToken);
            return Results.Json(list.Select(r => RunProgress.Of(r, new Dictionary<string, int>(), DateTime.UtcNow)), Json.Options);
        });
        return app;
    }
}
