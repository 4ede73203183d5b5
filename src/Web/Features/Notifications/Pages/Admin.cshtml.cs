using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Shared;

namespace PlanNacc.Web.Features.Notifications.Pages;

/// <summary>Admins register webhooks (national or one province's), and read the sent log (per account) and the delivery log.</summary>
[Authorize(Policy = Roles.Admin)]
public sealed class AdminModel(NotificationStore store, WebhookSender sender) : PageModel
{
    [BindProperty]
    public string HookUrl { get; set; } = "";

    [BindProperty]
    public string? Province { get; set; }

    [BindProperty]
    public string? Secret { get; set; }

    [FromQuery(Name = "account")]
    public string? Account { get; set; }

    public IReadOnlyList<Webhook> Webhooks { get; private set; } = [];

    public IReadOnlyList<DigestRow> Sent { get; private set; } = [];

    public IReadOnlyList<DeliveryRow> Deliveries { get; private set; } = [];

    public string? Message { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        if (await sender.RefusalAsync(HookUrl.Trim(), cancellationToken) is { } refusal)
        {
            Message = HttpContext.T($"ไม่รับ URL นี้: {refusal}", $"URL refused: {refusal}");
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            var hook = await store.AddWebhookAsync(HookUrl.Trim(), string.IsNullOrWhiteSpace(Province) ? null : Province.Trim(),
                string.IsNullOrWhiteSpace(Secret) ? null : Secret, User.Identity!.Name!, cancellationToken);
            Message = HttpContext.T($"เพิ่ม webhook {hook.Id} แล้ว", $"Webhook {hook.Id} added");
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(long id, CancellationToken cancellationToken)
    {
        await store.RemoveWebhookAsync(id, User.Identity!.Name!, cancellationToken);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Webhooks = await store.WebhooksAsync(cancellationToken);
        Sent = await store.SentLogAsync(string.IsNullOrWhiteSpace(Account) ? null : Account, cancellationToken: cancellationToken);
        Deliveries = await store.DeliveriesAsync(cancellationToken: cancellationToken);
    }
}
