using Microsoft.AspNetCore.Mvc.RazorPages;
using PlanNacc.Web.Features.Provinces;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Features.National;

public sealed class OverviewModel(NationalQueries national, ProvinceQueries provinces) : PageModel
{
    public IReadOnlyList<ProvinceSummary> Provinces { get; private set; } = [];

    public Run? LatestRun { get; private set; }

    public IReadOnlyList<RunProblem> Problems { get; private set; } = [];

    public IReadOnlyList<MissedItem> Missed { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Provinces = await national.ProvincesAsync(cancellationToken);
        LatestRun = await national.LatestRunAsync(cancellationToken);
        Problems = LatestRun is null ? [] : await national.ProblemsAsync(LatestRun.Id, cancellationToken);
        Missed = await provinces.MostMissedAsync(null, 10, cancellationToken);
    }
}
