using System.Net.Mail;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Shared;

namespace PlanNacc.Web.Features.Notifications.Pages;

/// <summary>
/// The signed-in account's subscription: address, language, how often, which events. Its reach follows the account's role
/// (an LAO account its LAO, a province officer the province, an admin the country) and is not chosen here.
/// </summary>
[Authorize]
public sealed class SubscriptionsModel(NotificationStore store) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Language { get; set; } = "th";

    [BindProperty]
    public string Frequency { get; set; } = Frequencies.AfterRun;

    /// <summary>Empty when the form ticks none (a posted form binds only the ticked boxes).</summary>
    [BindProperty]
    public List<string> Events { get; set; } = [];

    [BindProperty]
    public bool Enabled { get; set; } = true;

    public Subscription? Current { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public string Reach => User.FindFirstValue(Access.LaoClaim) is { } code ? HttpContext.T($"อปท. รหัส {code}", $"LAO {code}")
        : User.FindFirstValue(Access.ProvinceClaim) is { } province && User.IsInRole(Roles.Province)
            ? HttpContext.T($"จังหวัด{province}", $"{province} province")
        : HttpContext.T("ทั้งประเทศ", "the whole country");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.AuthenticationType != Access.CookieAuthenticationType)
        {
            return Forbid();
        }
        await LoadAsync(cancellationToken);
        if (Request.Query["saved"] == "1")
        {
            Message = HttpContext.T("บันทึกการตั้งค่าแล้ว", "Settings saved");
        }
        if (Current is { } s)
        {
            (Email, Language, Frequency, Events, Enabled) = (s.Email, s.Language, s.Frequency, [.. s.EventList], s.Enabled);
        }
        else
        {
            Events = [.. EventTypes.All];
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.AuthenticationType != Access.CookieAuthenticationType)
        {
            return Forbid();
        }
        Email = Email.Trim();
        var events = Events.Where(EventTypes.All.Contains).Distinct().ToList();
        if (!MailAddress.TryCreate(Email, out var address) || address.Address != Email)
        {
            Error = HttpContext.T("ที่อยู่อีเมลไม่ถูกต้อง", "Not a valid e-mail address");
        }
        else if (Language is not ("th" or "en") || Frequency is not (Frequencies.AfterRun or Frequencies.Weekly))
        {
            Error = HttpContext.T("ภาษาหรือความถี่ไม่ถูกต้อง", "Unknown language or frequency");
        }
        else if (Enabled && events.Count == 0)
        {
            Error = HttpContext.T("เลือกอย่างน้อยหนึ่งเรื่อง หรือปิดการแจ้งเตือน", "Choose at least one event, or turn notifications off");
        }
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }
        var role = User.IsInRole(Roles.Admin) ? Roles.Admin : User.IsInRole(Roles.Province) ? Roles.Province : Roles.Lao;
        await store.SaveSubscriptionAsync(new Subscription
        {
            Username = User.Identity!.Name!,
            Email = Email,
            Role = role,
            Province = role == Roles.Province ? User.FindFirstValue(Access.ProvinceClaim) : null,
            DlaCode = role == Roles.Lao ? User.FindFirstValue(Access.LaoClaim) : null,
            Language = Language,
            Frequency = Frequency,
            Events = string.Join(',', events),
            Enabled = Enabled,
        }, cancellationToken);
        // Post, redirect, get: a reload shows the settings instead of posting them again.
        return RedirectToPage(new { saved = 1 });
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Current = await store.SubscriptionAsync(User.Identity!.Name!, cancellationToken);
}
