using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PlanNacc.Web.Features.Notifications.Pages;

/// <summary>
/// The link in every mail: one click (GET), no login, signed so it unsubscribes only the subscription it was made for. POST
/// serves mail clients' own one-click button (RFC 8058), which sends no anti-forgery token.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(NotificationStore store, UnsubscribeLinks links) : PageModel
{
    public bool Done { get; private set; }

    public Task<IActionResult> OnGetAsync(long s, string? sig, CancellationToken cancellationToken) =>
        UnsubscribeAsync(s, sig, cancellationToken);

    public Task<IActionResult> OnPostAsync(long s, string? sig, CancellationToken cancellationToken) =>
        UnsubscribeAsync(s, sig, cancellationToken);

    private async Task<IActionResult> UnsubscribeAsync(long s, string? sig, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        if (!await links.VerifyAsync(s, sig, cancellationToken))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await store.UnsubscribeAsync(s, cancellationToken);
        Done = true;
        return Page();
    }
}
