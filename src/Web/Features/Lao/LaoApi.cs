using System.Text.Json.Nodes;
using PlanNacc.Web.Features.Shared;
using PlanNacc.Web.Features.Criteria;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Hosting;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Lao;

/// <summary>The read-only JSON beside the pages (public read, as the pages are; writes arrive with accounts in the Dashboard
/// issue).</summary>
public static class LaoApi
{
    public static readonly PageLimits ListLimits = new(100, 1000);

    public static readonly PageLimits HistoryLimits = new(60, 1000);

    public static WebApplication MapLaoApi(this WebApplication app)
    {
        app.MapGet("/api/laos", async (
            LaoQueries queries, string? q, string? province, string? type, int? limit, int? offset, CancellationToken cancellationToken) =>
        {
            if (!ListLimits.TryRead(limit, offset, out var page, out var bad))
            {
                return bad;
            }
            var rows = await queries.ListAsync(q, page.Limit, page.Offset, cancellationToken, province, type);
            return Results.Json(page.Of(rows, await queries.CountAsync(q, province, type, cancellationToken)), Json.Options);
        })
            .Paged(ListLimits)
            .Produces<ListPage<LaoListRow>>()
            .WithSummary("The LAOs of the registry with their latest scan, by province and name")
            .WithDescription("q matches the name, the DLA code or the province; province and type filter exactly.");
        app.MapGet("/api/laos/{code}",
            async (LaoQueries queries, CriteriaSource criteria, string code, CancellationToken cancellationToken) =>
        {
            if (await queries.ChecklistAsync(code, cancellationToken) is not { } checklist)
            {
                return Problems.Result(StatusCodes.Status404NotFound, $"no LAO with DLA code {code}");
            }
            var body = new JsonObject
            {
                ["lao"] = JsonSerializerNode(checklist.Lao),
                ["scan"] = checklist.Scan is not { } scan ? null : new JsonObject
                {
                    ["id"] = scan.Id,
                    ["runId"] = scan.RunId,
                    ["status"] = scan.Status,
                    ["reason"] = scan.Reason,
                    ["finishedAt"] = scan.FinishedAt,
                },
                // The fiscal year assessed and the criteria year that judged it, with the note when they differ or are provisional.
                ["criteria"] = checklist.Scan is not { } judged ? null : JsonSerializerNode(
                    await criteria.NoticeForScanAsync(judged.FiscalYear, judged.CriteriaYear, cancellationToken) is { } n
                        ? new { n.FiscalYear, n.CriteriaYear, n.Fallback, n.Provisional,
                            note = n.ShouldShow ? new { th = n.Th, en = n.En } : null }
                        : null),
                // The stored verdict is the `scan --json` shape itself.
                ["checklist"] = JsonSerializerNode(checklist.Scan?.Result),
            };
            return Results.Text(body.ToJsonString(Json.Options), "application/json; charset=utf-8");
        })
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One LAO: its registry entry, latest scan, criteria notice and checklist (the `scan --json` shape)");
        app.MapGet("/api/laos/{code}/history", async (
            LaoQueries queries, string code, int? limit, int? offset, CancellationToken cancellationToken) =>
        {
            if (!HistoryLimits.TryRead(limit, offset, out var page, out var bad))
            {
                return bad;
            }
            if (await queries.ChecklistAsync(code, cancellationToken) is null)
            {
                return Problems.Result(StatusCodes.Status404NotFound, $"no LAO with DLA code {code}");
            }
            var points = await queries.HistoryAsync(code, page.Limit, cancellationToken, page.Offset);
            return Results.Json(page.Of(points, await queries.HistoryCountAsync(code, cancellationToken)), Json.Options);
        })
            .Paged(HistoryLimits)
            .Produces<ListPage<HistoryPoint>>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("An LAO's scans, oldest first within the page; offset counts back from the newest");
        return app;
    }

    private static JsonNode? JsonSerializerNode<T>(T value) => System.Text.Json.JsonSerializer.SerializeToNode(value, Json.Options);
}
