using PlanNacc.Web.Features.Shared;
using PlanNacc.Web.Features.Criteria;
using PlanNacc.Web.Hosting;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Runs;

public static class RunApi
{
    /// <summary>GET /api/runs (latest runs) and GET /api/runs/{id}: progress (done, failed, left, rate, ETA, results per status).</summary>
    public static readonly PageLimits Limits = new(20, 200);

    public static WebApplication MapRunApi(this WebApplication app)
    {
        app.MapGet("/api/runs/{id:long}", async (RunStore runs, CriteriaSource criteria, long id, CancellationToken cancellationToken) =>
            await runs.ProgressAsync(id, cancellationToken) is { } progress
                ? Results.Json(progress with { Criteria = await criteria.NoticeAsync(progress.FiscalYear, cancellationToken) },
                    Json.Options)
                : Problems.Result(StatusCodes.Status404NotFound, $"no run {id}"))
            .Produces<RunProgress>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One run's progress: done, failed, left, rate, ETA and results per status");
        app.MapGet("/api/runs", async (RunStore runs, int? limit, int? offset, CancellationToken cancellationToken) =>
        {
            if (!Limits.TryRead(limit, offset, out var page, out var bad))
            {
                return bad;
            }
            var list = await runs.ListAsync(page.Limit, null, cancellationToken, page.Offset);
            var items = list.Select(r => RunProgress.Of(r, new Dictionary<string, int>(), DateTime.UtcNow)).ToList();
            return Results.Json(page.Of(items, await runs.CountAsync(cancellationToken)), Json.Options);
        })
            .Paged(Limits)
            .Produces<ListPage<RunProgress>>()
            .WithSummary("The runs, newest first");
        return app;
    }
}
