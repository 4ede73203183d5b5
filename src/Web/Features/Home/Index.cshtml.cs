using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlanNacc.Web.Features.Lao;

namespace PlanNacc.Web.Features.Home;

public sealed class IndexModel(LaoQueries queries) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Offset { get; set; }

    public IReadOnlyList<LaoListRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Offset = Math.Max(0, Offset);
        Rows = await queries.ListAsync(Q, PageSize, Offset, cancellationToken);
    }
}
