using PlanNacc.Web.Features.Criteria;
using PlanNacc.Web.Features.Lao;
using PlanNacc.Web.Features.Shared;

namespace PlanNacc.Web.Features.Exports;

public static class ExportEndpoints
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// The ITA submission table of an LAO (item → URL(s) → explanation, in the criteria year's numbering), ready to paste
    /// into the NACC's form: /lao/{code}/ita.csv and /lao/{code}/ita.xlsx, optionally ?year=.
    /// </summary>
    public static WebApplication MapExports(this WebApplication app)
    {
        app.MapGet("/lao/{code}/ita.{format:regex(^(csv|xlsx)$)}",
            async (string code, string format, int? year, LaoQueries queries, CriteriaSource criteria,
            CancellationToken cancellationToken) =>
        {
            if (await queries.ChecklistAsync(code, cancellationToken, year) is not { Scan: { } scan } checklist)
            {
                return Results.NotFound();
            }
            var table = ItaSubmission(checklist).WithNotice(
                await criteria.NoticeForScanAsync(scan.FiscalYear, scan.CriteriaYear, cancellationToken));
            var name = $"ita-{code}-{scan.CriteriaYear}.{format}";
            return format == "csv"
                ? Results.File(Tables.Csv(table), "text/csv; charset=utf-8", name)
                : Results.File(await Tables.XlsxAsync(table, $"ITA {scan.CriteriaYear}", cancellationToken), Xlsx, name);
        });
        return app;
    }

    public static ExportTable ItaSubmission(LaoChecklist checklist)
    {
        var rows = checklist.Items.Select(item => (IReadOnlyList<object?>)
        [
            item.Code.ToUpperInvariant(),
            item.Title,
            DetailModel.StatusThai(item.Status),
            string.Join("\n", item.Evidence.Select(e => e.Url).Distinct()),
            string.Join("\n", item.Evidence.Select(Explanation).Distinct()),
        ]).ToList();
        return new ExportTable(["ข้อ", "รายการ", "ผลตรวจ", "URL", "คำอธิบาย"], rows);
    }

    /// <summary>The ITA "explanation": how an assessor reaches the document from the home page, and which year it covers.</summary>
    private static string Explanation(Scoring.Verdicts.EvidenceRef evidence)
    {
        var path = evidence.Path.Count > 0 ? string.Join(" > ", evidence.Path) : "หน้าหลัก";
        var year = evidence.FiscalYear is { } fy ? $" (ปีงบประมาณ พ.ศ. {fy})" : "";
        return $"{path} > {evidence.Text}{year}";
    }
}
