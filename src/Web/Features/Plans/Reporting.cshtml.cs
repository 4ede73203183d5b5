using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PlanNacc.Web.Features.Plans;

/// <summary>การติดตามการรายงานผลการดำเนินงาน: the province's LAOs for one round, who reported, who is late, what the websites
/// say.</summary>
public sealed class ReportingModel(ProvinceReporting reporting, TimeProvider clock) : PageModel
{
    public ProvinceReport Report { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public int? Fy { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Round { get; set; }

    public async Task<IActionResult> OnGetAsync(string province, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }
        if (!User.CanReadProvince(province))
        {
            return Forbid();
        }
        if (ReportCalendar.Problem(Fy, Round) is not null)
        {
            return BadRequest();
        }
        Report = await reporting.ReportAsync(province, Fy ?? ReportCalendar.FiscalYearOf(clock.GetUtcNow().UtcDateTime), Round is 2 ? 2 : 1,
            cancellationToken);
        return Page();
    }
}
