using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PlanNacc.Web.Features.Overrides;

/// <summary>The province's review queue: every attestation of its LAOs, pending first; accept or reject with a note.</summary>
public sealed class QueueModel(OverrideStore overrides) : PageModel
{
    public string Province { get; private set; } = "";

    public IReadOnlyList<QueuedOverride> Pending { get; private set; } = [];

    public IReadOnlyList<QueuedOverride> Decided { get; private set; } = [];

    /// <summary>pending | decided | accepted | rejected; empty = all.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string province, CancellationToken cancellationToken)
    {
        if (Refusal(province) is { } refused)
        {
            return refused;
        }
        await LoadAsync(province, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostReviewAsync(string province, long id, bool accept, string? note,
        CancellationToken cancellationToken)
    {
        if (Refusal(province) is { } refused)
        {
            return refused;
        }
        try
        {
            var (outcome, _) = await overrides.ReviewAsAsync(User, id, accept, note, province, cancellationToken);
            switch (outcome)
            {
                case ReviewOutcome.NotFound:
                    return NotFound();
                case ReviewOutcome.Forbidden:
                    return Forbid();
            }
            return RedirectToPage(new { province, status = Status });
        }
        catch (OverrideException e)
        {
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(province, cancellationToken);
            return Page();
        }
    }

    private IActionResult? Refusal(string province)
    {
        Province = province;
        // An unknown filter shows everything rather than failing.
        Status = OverrideStore.IsStatusFilter(Status) && !string.IsNullOrEmpty(Status) ? Status : null;
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }
        return User.CanReviewOverridesOf(province) ? null : Forbid();
    }

    private async Task LoadAsync(string province, CancellationToken cancellationToken)
    {
        var rows = await overrides.ListForProvinceAsync(province, Status, cancellationToken: cancellationToken);
        Pending = rows.Where(r => r.Override.Status == "pending").ToList();
        Decided = rows.Where(r => r.Override.Status != "pending").ToList();
    }
}
