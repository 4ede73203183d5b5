using System.Text.Json.Serialization;
using PlanNacc.Web.Features.Criteria;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Features.Shared;
using PlanNacc.Web.Hosting;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Provinces;

public static class ProvinceEndpoints
{
    /// <summary>A province has at most a few hundred LAOs: the default page holds most of them.</summary>
    public static readonly PageLimits RankingLimits = new(500, 1000);

    /// <summary>The ranking as CSV/XLSX beside the page (same filters and sort) and as JSON.</summary>
    public static WebApplication MapProvinces(this WebApplication app)
    {
        app.MapGet("/province/{province}/ranking.{format:regex(^(csv|xlsx)$)}", async (
            string province, string format, string? district, string? type, string? size, string? sort, string? dir,
            ProvinceQueries queries, CriteriaSource criteria, CancellationToken cancellationToken) =>
        {
            var rows = await queries.RankingAsync(province, RankingModel.Filters(district, type, size, sort, dir), cancellationToken);
            if (rows.Count == 0)
            {
                return Results.NotFound();
            }
            var notice = await criteria.NoticeAsync(cancellationToken: cancellationToken);
            // Each row names the criteria year that judged it: a province's LAOs may have been judged with different years.
            var table = new ExportTable(
                ["อันดับ", "รหัส อปท.", "อปท.", "อำเภอ", "ขนาด", "คะแนน OIT", "คะแนนครั้งก่อน", "อันดับขยับ", "สถานะ",
                    "ปีงบประมาณ", "เกณฑ์ ITA ปี"],
                rows.Select(r => (IReadOnlyList<object?>)
                [
                    r.Rank, r.DlaCode, LaoTypes.DisplayName(r.Type, r.Name), r.District, r.Size, r.OitScore, r.PreviousOitScore,
                    r.Movement, r.Status is { } st ? ScanStatuses.Name(st) : null, r.FiscalYear, r.CriteriaYear,
                ]).ToList());
            table = table.WithNotice(notice);
            var name = $"ranking-{Uri.EscapeDataString(province)}.{format}";
            return format == "csv"
                ? Results.File(Tables.Csv(table), "text/csv; charset=utf-8", name)
                : Results.File(
                    await Tables.XlsxAsync(table, "ranking", cancellationToken),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
        });
        app.MapGet("/api/provinces/{province}/ranking", async (
            string province, string? district, string? type, string? size, string? sort, string? dir, int? limit, int? offset,
            ProvinceQueries queries, CancellationToken cancellationToken) =>
        {
            if (!RankingLimits.TryRead(limit, offset, out var page, out var bad))
            {
                return bad;
            }
            var rows = await queries.RankingAsync(province, RankingModel.Filters(district, type, size, sort, dir), cancellationToken);
            return rows.Count == 0
                ? Problems.Result(StatusCodes.Status404NotFound, $"no LAOs in province {province}")
                : Results.Json(page.Slice(rows.Select(r => new RankingItem(
                    r.Rank, r.DlaCode, r.Type, r.Name, r.District, r.Size, r.OitScore, r.PreviousOitScore, r.PreviousRank, r.Movement,
                    r.Status, r.FinishedAt, r.FiscalYear, r.CriteriaYear, r.CriteriaFallback)).ToList()), Json.Options);
        })
            .Paged(RankingLimits)
            .Produces<ListPage<RankingItem>>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A province's LAOs ranked by OIT score, with the same filters and sort as the ranking page");
        return app;
    }
}

/// <summary>
/// One LAO in the ranking API: its rank, score and movement since the scans before, the fiscal year assessed and the
/// criteria year that judged it (criteriaFallback: an earlier year's criteria, as the page's note says).
/// </summary>
public sealed record RankingItem(
    int? Rank, string DlaCode, string Type, string Name, string? District, string? Size, double? OitScore, double? PreviousOitScore,
    int? PreviousRank, int? Movement, [property: JsonConverter(typeof(ScanStatusJsonConverter))] ScanStatus? Status,
    DateTime? FinishedAt, int? FiscalYear, int? CriteriaYear,
    bool CriteriaFallback);
