using System.Text.Json.Nodes;
using PlanNacc.Web.Features.Criteria;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Lao;

/// <summary>The read-only JSON beside the pages (public read, as the pages are; writes arrive with accounts in the Dashboard
/// issue).</summary>
public static class LaoApi
{
    public static WebApplication MapLaoApi(this WebApplication app)
    {
        app.MapGet("/api/laos",
            async (LaoQueries queries, string? q, string? province, string? type, int? limit, int? offset,
            CancellationToken cancellationToken) =>
        {
            var rows = await queries.ListAsync(q, Math.Clamp(limit ?? 100, 1, 1000), Math.Max(0, offset ?? 0), cancellationToken, province,
                type);
            return Results.Json(rows, Json.Options);
        });
        app.MapGet("/api/laos/{code}",
            async (LaoQueries queries, CriteriaSource criteria, string code, CancellationToken cancellationToken) =>
        {
            if (await queries.ChecklistAsync(code, cancellationToken) is not { } checklist)
            {
                return Results.NotFound(new { error = $"no LAO with DLA code {code}" });
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
        });
        app.MapGet("/api/laos/{code}/history", async (LaoQueries queries, string code, int? limit, CancellationToken cancellationToken) =>
        {
            if (await queries.ChecklistAsync(code, cancellationToken) is null)
            {
                return Results.NotFound(new { error = $"no LAO with DLA code {code}" });
            }
            return Results.Json(await queries.HistoryAsync(code, Math.Clamp(limit ?? 60, 1, 1000), cancellationToken), Json.Options);
        });
        return app;
    }

    private static JsonNode? JsonSerializerNode<T>(T value) => System.Text.Json.JsonSerializer.SerializeToNode(value, Json.Options);
}
