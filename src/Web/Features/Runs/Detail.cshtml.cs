using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Criteria;

namespace PlanNacc.Web.Features.Runs;

/// <summary>
/// /runs/{id}: one run's progress (done, failed, left, rate, ETA), its failures by status and reason, and for admins "resume".
/// </summary>
public sealed class RunDetailModel(RunStore runs, CriteriaSource criteria) : PageModel
{
    /// <summary>LAOs left shown by code; the rest are counted.</summary>
    public const int LeftShown = 100;

    public RunProgress? Progress { get; private set; }

    public IReadOnlyList<FailureGroup> Failures { get; private set; } = [];

    public IReadOnlyList<string> Left { get; private set; } = [];

    /// <summary>The fiscal year the run assessed and the criteria year that judges it.</summary>
    public CriteriaNotice? Notice { get; private set; }

    /// <summary>How many LAOs the resume just enqueued again (shown once after the redirect).</summary>
    [BindProperty(SupportsGet = true)]
    public int? Resumed { get; set; }

    /// <summary>Resuming is `run --resume RUN`: admins only, and only while the run is unfinished.</summary>
    public bool CanResume => User.IsAdmin() && Progress is { Finished: false };

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        Progress = await runs.ProgressAsync(id, cancellationToken);
        if (Progress is null)
        {
            return NotFound();
        }
        Notice = await criteria.NoticeAsync(Progress.FiscalYear, cancellationToken);
        Failures = FailureGroup.Of(await runs.FailuresAsync(id, cancellationToken));
        Left = Progress.Finished ? [] : await runs.LeftAsync(id, cancellationToken);
        return Page();
    }

    /// <summary>Enqueues again the run's LAOs without a result (anti-forgery checked by Razor Pages).</summary>
    public async Task<IActionResult> OnPostResumeAsync(long id, [FromServices] ScanJobs jobs, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }
        if (!User.IsAdmin())
        {
            return Forbid();
        }
        if (await runs.GetAsync(id, cancellationToken) is not { } run)
        {
            return NotFound();
        }
        if (run.FinishedAt is not null)
        {
            return RedirectToPage(new { id, resumed = 0 });
        }
        var enqueued = await jobs.ResumeAsync(id, cancellationToken);
        await runs.RecordResumeAsync(id, User.Identity.Name!, enqueued, cancellationToken);
        return RedirectToPage(new { id, resumed = enqueued });
    }
}
