using System.Text.Json.Serialization;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Features.Registry;
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
            var body = new LaoDetailResponse(
                checklist.Lao,
                checklist.Scan is not { } scan ? null
                    : new LaoScanBrief(scan.Id, scan.RunId, scan.Status, scan.Reason, scan.FinishedAt),
                // The fiscal year assessed and the criteria year that judged it, with the note when they differ or are provisional.
                checklist.Scan is not { } judged ? null
                    : await criteria.NoticeForScanAsync(judged.FiscalYear, judged.CriteriaYear, cancellationToken) is { } n
                        ? new LaoCriteriaBrief(n.FiscalYear, n.CriteriaYear, n.Fallback, n.Provisional,
                            n.ShouldShow ? new LaoCriteriaNote(n.Th, n.En) : null)
                        : null,
                // The stored verdict is the `scan --json` shape itself.
                checklist.Scan?.Result);
            return Results.Json(body, Json.Options);
        })
            .Produces<LaoDetailResponse>()
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
}

/// <summary>GET /api/laos/{code}: the LAO's registry entry, its latest scan, the criteria notice and the stored verdict.</summary>
/// <param name="Lao">The registry entry.</param>
/// <param name="Scan">The latest scan, or null when the LAO has none.</param>
/// <param name="Criteria">The fiscal year assessed and the criteria year that judged it; null without a scan.</param>
/// <param name="Checklist">The stored verdict (the `scan --json` shape); null when the scan ended without one.</param>
public sealed record LaoDetailResponse(LaoRecord Lao, LaoScanBrief? Scan, LaoCriteriaBrief? Criteria, SiteVerdict? Checklist);

/// <summary>The latest scan of an LAO: its id, run, outcome and when it finished (UTC).</summary>
public sealed record LaoScanBrief(
    long Id, long RunId, [property: JsonConverter(typeof(ScanStatusJsonConverter))] ScanStatus Status, string? Reason,
    DateTime FinishedAt);

/// <summary>Which criteria judged the scan; its note (Thai and English) only when they are a fallback or
/// provisional.</summary>
public sealed record LaoCriteriaBrief(int FiscalYear, int CriteriaYear, bool Fallback, bool Provisional, LaoCriteriaNote? Note);

/// <summary>The criteria notice said in Thai and English.</summary>
public sealed record LaoCriteriaNote(string Th, string En);
