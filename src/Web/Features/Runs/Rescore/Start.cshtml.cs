using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlanNacc.Web.Features.Accounts;

namespace PlanNacc.Web.Features.Runs.Rescore;

/// <summary>POST /runs/rescore (the criteria admin page's button): re-judge every LAO from its kept crawl, then show the run.</summary>
[Authorize(Policy = Roles.Admin)]
public sealed class StartModel(RescoreJobs rescore) : PageModel
{
    public string? Refusal { get; private set; }

    public IActionResult OnGet() => Redirect("/admin/criteria");

    public async Task<IActionResult> OnPostAsync(int year, CancellationToken cancellationToken)
    {
        var start = await rescore.StartAsync(RunScope.All, year, User.Identity!.Name!, cancellationToken);
        if (start.RunId is { } runId)
        {
            return Redirect($"/runs/{runId}");
        }
        Refusal = start.Refusal ?? "nothing to re-judge";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
