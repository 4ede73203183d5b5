using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlanNacc.Web.Features.Accounts;

namespace PlanNacc.Web.Features.Plans;

/// <summary>ผลการนำแผนไปปฏิบัติ ทั่วประเทศ: every province's reporting for one round, for admins.</summary>
[Authorize(Policy = Roles.Admin)]
public sealed class NationalModel(NationalReporting reporting, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ProvinceRoundSummary> Rows { get; private set; } = [];

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public int? Fy { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public int? Round { get; set; }

    public int FiscalYear => Fy ?? ReportCalendar.FiscalYearOf(clock.GetUtcNow().UtcDateTime);

    public int RoundNumber => Round is 2 ? 2 : 1;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (ReportCalendar.Problem(Fy, Round) is not null)
        {
            return BadRequest();
        }
        Rows = await reporting.SummaryAsync(FiscalYear, RoundNumber, cancellationToken);
        return Page();
    }
}
