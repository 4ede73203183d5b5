using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Scans;

namespace PlanNacc.Web.Features.Lao;

public sealed class DetailModel(LaoQueries queries) : PageModel
{
    public LaoChecklist? Checklist { get; private set; }

    /// <summary>The on-demand run started from this page, whose progress the page follows.</summary>
    [BindProperty(SupportsGet = true)]
    public long? Run { get; set; }

    /// <summary>The criteria year asked for; none means the LAO's latest scan (the current fiscal year's run).</summary>
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public IReadOnlyList<HistoryPoint> History { get; private set; } = [];

    public bool CanScan => Checklist is not null && User.Covers(Checklist.Lao);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        Checklist = await queries.ChecklistAsync(code, cancellationToken, Year);
        if (Checklist is null)
        {
            return NotFound();
        }
        History = await queries.HistoryAsync(code, 60, cancellationToken);
        return Page();
    }

    /// <summary>"Scan now": the LAO itself, its province or an admin (anti-forgery checked by Razor Pages).</summary>
    public async Task<IActionResult> OnPostScanAsync(string code, [FromServices] LaoStore laos, [FromServices] ScanJobs jobs, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }
        if (await laos.GetAsync(code, cancellationToken) is not { } lao)
        {
            return NotFound();
        }
        if (!User.Covers(lao))
        {
            return Forbid();
        }
        var runId = await jobs.StartLaoScanAsync(lao.DlaCode);
        return runId is null ? RedirectToPage(new { code }) : RedirectToPage(new { code, run = runId });
    }

    public static string StatusThai(string status) => status switch
    {
        "pass" => "ผ่าน",
        "fail" => "ไม่ผ่าน",
        "review" => "ตรวจสอบ",
        _ => status,
    };

    public static string StatusText(HttpContext context, string status) =>
        Shared.Lang.IsEnglish(context) ? status switch { "pass" => "pass", "fail" => "fail", "review" => "review", _ => status } : StatusThai(status);

    /// <summary>Only http(s) URLs become links: a crawled "javascript:" URL stays text.</summary>
    public static string? SafeHref(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;
}
