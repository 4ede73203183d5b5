using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Shared;
using PlanNacc.Web.Hosting;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Plans;

/// <summary>The JSON beside the plan pages, under the same rules: the LAO, its province and admins.</summary>
public static class PlanApi
{
    public static WebApplication MapPlanApi(this WebApplication app)
    {
        app.MapGet("/api/laos/{code}/plan", async (
            string code, string? cycle, DateOnly? asOf, HttpContext http, LaoStore laos, PlanStore plans, PlanFrameworks frameworks,
            TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (await ReadableAsync(code, http, laos, cancellationToken) is { } refused)
            {
                return refused;
            }
            var framework = cycle is null
                ? frameworks.ForYear(ReportCalendar.FiscalYearOf(clock.GetUtcNow().UtcDateTime))
                : frameworks.Find(cycle);
            if (framework is null)
            {
                return Problems.Result(StatusCodes.Status404NotFound, $"no plan cycle {cycle}",
                    new Dictionary<string, object?> { ["cycles"] = frameworks.All.Select(f => f.Cycle).ToList() });
            }
            // asOf is a Bangkok calendar day (CE); the plan as it stood at the end of it.
            var projects = asOf is { } day
                ? await plans.AsOfAsync(
                    code, framework.Cycle, day.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Utc).AddHours(-7), cancellationToken)
                : await plans.ProjectsAsync(code, framework.Cycle, cancellationToken);
            var history = await plans.HistoryAsync(code, framework.Cycle, cancellationToken);
            var body = new PlanResponse(
                code,
                framework.Cycle,
                asOf,
                [.. projects.Select(p => new PlanProjectResponse(
                    p.Id,
                    p.Details.Name,
                    p.Details.Type,
                    p.Details.Dimension,
                    framework.DimensionOf(p.Details.Dimension)?.Label,
                    p.Details.SubItem,
                    p.Details.Quarters,
                    [.. p.Details.Budgets.Select(b => new PlanBudgetResponse(b.Key, b.Value, b.Value is null))],
                    p.Details.TargetGroups,
                    p.Details.Objectives,
                    p.Details.Note,
                    [.. history.Where(h => h.ProjectId == p.Id)]))],
                [.. history.Where(h => h.Action == "remove")]);
            return Results.Json(body, Json.Options);
        })
            .RequireScope(PlanAccess.Scope)
            .Produces<PlanResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("An LAO's development plan of one cycle (default: the current one), optionally as it stood on a day")
            .WithDescription("For the LAO, its province and admins. asOf is a Bangkok calendar day (CE, yyyy-MM-dd). "
                + "Each project carries its change history; removed projects are listed apart.");
        app.MapGet("/lao/{code}/plan.xlsx", async (
            string code, string? cycle, HttpContext http, LaoStore laos, PlanStore plans, PlanFrameworks frameworks, TimeProvider clock,
            CancellationToken cancellationToken) =>
        {
            if (await ReadableAsync(code, http, laos, cancellationToken) is { } refused)
            {
                return refused;
            }
            var framework = frameworks.Find(cycle) ?? frameworks.ForYear(ReportCalendar.FiscalYearOf(clock.GetUtcNow().UtcDateTime));
            var bytes = await PlanSpreadsheet.ExportAsync(
                framework, await plans.ProjectsAsync(code, framework.Cycle, cancellationToken), cancellationToken);
            return Results.File(bytes, Xlsx, $"plan-{code}-{framework.Cycle}.xlsx");
        });
        app.MapGet("/api/laos/{code}/reports", async (
            string code, int? fy, HttpContext http, LaoStore laos, PlanStore plans, ReportStore reports, TimeProvider clock,
            CancellationToken cancellationToken) =>
        {
            if (await ReadableAsync(code, http, laos, cancellationToken) is { } refused)
            {
                return refused;
            }
            if (ReportCalendar.Problem(fy, null) is { } bad)
            {
                return BadRequest(bad);
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var year = fy ?? ReportCalendar.FiscalYearOf(now);
            var projects = await plans.ProjectsInYearAsync(code, year, cancellationToken);
            var rounds = new List<ReportRoundResponse>();
            foreach (var round in new[] { 1, 2 })
            {
                var r = await reports.RoundAsync(code, year, round, cancellationToken);
                rounds.Add(new ReportRoundResponse(
                    round,
                    ReportCalendar.RoundLabel(round),
                    ReportCalendar.PeriodStart(year),
                    ReportCalendar.PeriodEnd(year, round),
                    r.Due,
                    ReportCalendar.FormatBe(r.Due),
                    r.StateOn(now),
                    r.SubmittedAt,
                    r.SubmittedBy,
                    r.ReopenedAt,
                    r.ReopenedBy,
                    r.ReopenReason,
                    r.Lines));
            }
            var body = new ReportsResponse(
                code,
                year,
                [.. projects.Select(p => new ReportProjectResponse(p.Id, p.Details.Name, p.BudgetIn(year)))],
                rounds);
            return Results.Json(body, Json.Options);
        })
            .RequireScope(PlanAccess.Scope)
            .Produces<ReportsResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("An LAO's progress reports of one fiscal year (BE, default: the current one): both rounds")
            .WithDescription("For the LAO, its province and admins.");
        app.MapGet("/api/provinces/{province}/reporting", async (
            string province, int? fy, int? round, HttpContext http, ProvinceReporting reporting, TimeProvider clock,
            CancellationToken cancellationToken) =>
        {
            if (ProvinceRefusal(http, province) is { } refused)
            {
                return refused;
            }
            if (ReportCalendar.Problem(fy, round) is { } bad)
            {
                return BadRequest(bad);
            }
            var report = await reporting.ReportAsync(
                province, fy ?? ReportCalendar.FiscalYearOf(clock.GetUtcNow().UtcDateTime), round is 2 ? 2 : 1, cancellationToken);
            var body = new ProvinceReportingResponse(
                report.Province,
                report.FiscalYear,
                report.Round,
                report.Due,
                ReportCalendar.FormatBe(report.Due),
                report.Reported.Count,
                report.Late.Count,
                report.Overdue.Count,
                [.. report.Rows.Select(r => new ProvinceReportingLao(
                    r.Lao.DlaCode,
                    LaoTypes.DisplayName(r.Lao.Type, r.Lao.Name),
                    r.Lao.District,
                    r.State,
                    r.SubmittedAt,
                    r.Projects,
                    r.ProjectsPerDimension,
                    r.BudgetPerDimension,
                    r.CompletionRate,
                    r.Findings))]);
            return Results.Json(body, Json.Options);
        })
            .RequireScope(PlanAccess.Scope)
            .Produces<ProvinceReportingResponse>()
            .WithSummary("A province's reporting of one fiscal year (BE) and round (1 or 2): who reported, late or overdue")
            .WithDescription("For the province's officers and admins.");
        app.MapGet("/province/{province}/reporting.{format:regex(^(csv|xlsx)$)}", async (
            string province, string format, int? fy, int? round, HttpContext http, ProvinceReporting reporting, TimeProvider clock,
            CancellationToken cancellationToken) =>
        {
            if (ProvinceRefusal(http, province) is { } refused)
            {
                return refused;
            }
            if (ReportCalendar.Problem(fy, round) is { } bad)
            {
                return BadRequest(bad);
            }
            var report = await reporting.ReportAsync(
                province, fy ?? ReportCalendar.FiscalYearOf(clock.GetUtcNow().UtcDateTime), round is 2 ? 2 : 1, cancellationToken);
            var table = ProvinceReporting.Table(report);
            var name = $"reporting-{report.FiscalYear}-{report.Round}.{format}";
            return format == "csv"
                ? Results.File(Tables.Csv(table), "text/csv; charset=utf-8", name)
                : Results.File(await Tables.XlsxAsync(table, $"รายงาน {report.FiscalYear} รอบ {report.Round}", cancellationToken),
                    Xlsx, name);
        });
        app.MapGet("/national/reporting.{format:regex(^(csv|xlsx)$)}", async (
            string format, int? fy, int? round, NationalReporting reporting, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (ReportCalendar.Problem(fy, round) is { } bad)
            {
                return BadRequest(bad);
            }
            var year = fy ?? ReportCalendar.FiscalYearOf(clock.GetUtcNow().UtcDateTime);
            var table = NationalReporting.Table(await reporting.SummaryAsync(year, round is 2 ? 2 : 1, cancellationToken));
            var name = $"national-reporting-{year}-{(round is 2 ? 2 : 1)}.{format}";
            return format == "csv"
                ? Results.File(Tables.Csv(table), "text/csv; charset=utf-8", name)
                : Results.File(await Tables.XlsxAsync(table, $"ทั่วประเทศ {year}", cancellationToken), Xlsx, name);
        }).RequireAuthorization(Accounts.Roles.Admin);
        return app;
    }

    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static IResult BadRequest(string detail) => Problems.Result(StatusCodes.Status400BadRequest, detail);

    private static IResult? ProvinceRefusal(HttpContext http, string province) =>
        http.User.Identity?.IsAuthenticated != true ? Results.Unauthorized()
        : http.User.CanReadProvince(province) ? null
        : Problems.Refuse(http, StatusCodes.Status403Forbidden, "a province's reporting is for its province officers and admins");

    private static async Task<IResult?> ReadableAsync(string code, HttpContext http, LaoStore laos, CancellationToken cancellationToken)
    {
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return Results.Unauthorized();
        }
        if (await laos.GetAsync(code, cancellationToken) is not { } lao)
        {
            return Problems.Refuse(http, StatusCodes.Status404NotFound, $"no LAO with DLA code {code}");
        }
        return http.User.CanReadPlan(lao)
            ? null
            : Problems.Refuse(http, StatusCodes.Status403Forbidden, "a plan is for the LAO, its province and admins");
    }
}
