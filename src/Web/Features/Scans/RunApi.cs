using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Scans;

public static class RunApi
{
    /// <summary>GET /api/runs/{id}: a run's progress (done, failed, left).</summary>
    public static WebApplication MapRunApi(this WebApplication app)
    {
        app.MapGet("/api/runs/{id:long}", async (RunStore runs, long id, CancellationToken cancellationToken) =>
            await runs.GetAsync(id, cancellationToken) is { } run
                ? Results.Json(new
                {
                    run.Id,
                    run.Kind,
                    run.Scope,
                    run.CriteriaYear,
                    run.StartedAt,
                    run.FinishedAt,
                    Total = run.SitesTotal,
                    Done = run.SitesDone,
                    Failed = run.SitesFailed,
                    Left = run.SitesTotal - run.SitesDone - run.SitesFailed,
                }, Json.Options)
                : Results.NotFound(new { error = $"no run {id}" }));
        return app;
    }
}
