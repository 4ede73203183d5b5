using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PlanNacc.Web.Features.Runs;

/// <summary>/runs: the latest nightly runs first, then the latest on-demand runs (mostly one LAO's "scan now").</summary>
public sealed class RunListModel(RunStore runs) : PageModel
{
    public const int Shown = 20;

    public IReadOnlyList<RunProgress> Nightly { get; private set; } = [];

    public IReadOnlyList<RunProgress> OnDemand { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var noStatuses = new Dictionary<string, int>();
        Nightly = (await runs.ListAsync(Shown, "nightly", cancellationToken)).Select(r => RunProgress.Of(r, noStatuses, now)).ToList();
        OnDemand = (await runs.ListAsync(Shown, "on-demand", cancellationToken)).Select(r => RunProgress.Of(r, noStatuses, now)).ToList();
    }
}
