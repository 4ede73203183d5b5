using Microsoft.AspNetCore.Mvc.RazorPages;
using PlanNacc.Web.Features.Criteria;
using PlanNacc.Web.Features.Provinces;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Features.National;

public sealed class OverviewModel(NationalQueries national, ProvinceQueries provinces, CriteriaSource criteria) : PageModel
{
    /// <summary>Which criteria judge the assessed fiscal year (a fallback or provisional year is said on the page).</summary>
    public CriteriaNotice? Notice { get; private set; }

    public IReadOnlyList<ProvinceSummary> Provinces { get; private set; } = [];

    public Run? LatestRun { get; private set; }

    public IReadOnlyList<RunProblem> Problems { get; private set; } = [];

    public IReadOnlyList<MissedItem> Missed { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Notice = await criteria.NoticeAsync(cancellationToken: cancellationToken);
        Provinces = await national.ProvincesAsync(cancellationToken);
        LatestRun = await national.LatestRunAsync(cancellationToken);
        Problems = LatestRun is null ? [] : await national.ProblemsAsync(LatestRun.Id, cancellationToken);
        Missed = await provinces.MostMissedAsync(null, 10, cancellationToken);
    }
}
