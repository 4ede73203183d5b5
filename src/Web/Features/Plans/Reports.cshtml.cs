using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlanNacc.Web.Features.Registry;

namespace PlanNacc.Web.Features.Plans;

/// <summary>บันทึกการรายงานผลการดำเนินงาน: both rounds of a fiscal year, per project, with submit and reopen.</summary>
public sealed class ReportsModel(LaoStore laos, PlanStore plans, ReportStore reports, WebsiteCrossCheck crossCheck,
    TimeProvider clock) : PageModel
{
    public LaoRecord Lao { get; private set; } = null!;

    public IReadOnlyList<PlanProject> Projects { get; private set; } = [];

    public IReadOnlyList<ReportRound> Rounds { get; private set; } = [];

    public IReadOnlyList<CrossCheckFinding> Findings { get; private set; } = [];

    public string? Message { get; private set; }

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public bool CanEdit => User.CanEditPlan(Lao);

    public bool CanReopen => User.CanReopenRound(Lao);

    [BindProperty(SupportsGet = true)]
    public int? Fy { get; set; }

    public int FiscalYear => Fy ?? ReportCalendar.FiscalYearOf(Now);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken) =>
        await LoadAsync(code, cancellationToken) ?? Page();

    public Task<IActionResult> OnPostLineAsync(string code, int round, long projectId, CancellationToken cancellationToken) =>
        ChangeAsync(code, edit: true, cancellationToken, () =>
        {
            if (Projects.All(p => p.Id != projectId))
            {
                throw new ReportException("ไม่มีโครงการนี้ในปีงบประมาณนี้");
            }
            var form = Request.Form;
            return reports.SaveLineAsync(Lao.DlaCode, FiscalYear, round, new ReportLine
            {
                ProjectId = projectId,
                PlanBudget = Money(form["planBudget"]),
                OrdinanceBudget = Money(form["ordinanceBudget"]),
                Disbursed = Money(form["disbursed"]),
                InOrdinance = form["inOrdinance"] == "on",
                Status = form["status"].ToString(),
                NotDoneReason = form["notDoneReason"].ToString() is { Length: > 0 } r ? r : null,
                Note = form["note"].ToString(),
            }, User.Identity!.Name!, cancellationToken);
        });

    public Task<IActionResult> OnPostSubmitAsync(string code, int round, CancellationToken cancellationToken) =>
        ChangeAsync(code, edit: true, cancellationToken, () =>
            reports.SubmitAsync(Lao.DlaCode, FiscalYear, round, Projects.Select(p => p.Id).ToList(), User.Identity!.Name!,
                cancellationToken));

    public Task<IActionResult> OnPostReopenAsync(string code, int round, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(code, edit: false, cancellationToken, () =>
            reports.ReopenAsync(Lao.DlaCode, FiscalYear, round, reason ?? "", User.Identity!.Name!, cancellationToken));

    private async Task<IActionResult> ChangeAsync(string code, bool edit, CancellationToken cancellationToken, Func<Task> change)
    {
        if (ReportCalendar.Problem(Fy,
            int.TryParse(Request.Form["round"], CultureInfo.InvariantCulture, out var round) ? round : 0) is not null)
        {
            return BadRequest();
        }
        if (await LoadAsync(code, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (edit ? !CanEdit : !CanReopen)
        {
            return Forbid();
        }
        try
        {
            await change();
            return Redirect($"/lao/{Lao.DlaCode}/reports?fy={FiscalYear}");
        }
        catch (ReportException e)
        {
            Message = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    private static decimal? Money(string? text)
    {
        var clean = (text ?? "").Replace(",", "", StringComparison.Ordinal).Trim();
        return clean.Length == 0 ? null
            : decimal.TryParse(clean, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value
            : throw new ReportException($"จำนวนเงินไม่ถูกต้อง: {clean}");
    }

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        if (ReportCalendar.Problem(Fy, null) is not null)
        {
            return BadRequest();
        }
        var (refusal, lao) = await this.ReadablePlanLaoAsync(laos, code, cancellationToken);
        if (refusal is not null || lao is null)
        {
            return refusal ?? NotFound();
        }
        Lao = lao;
        Projects = await plans.ProjectsInYearAsync(code, FiscalYear, cancellationToken);
        Rounds = [await reports.RoundAsync(code, FiscalYear, 1, cancellationToken),
            await reports.RoundAsync(code, FiscalYear, 2, cancellationToken)];
        Findings = await crossCheck.CheckAsync(lao, FiscalYear, cancellationToken);
        return null;
    }
}
