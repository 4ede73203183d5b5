using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PlanNacc.Web.Features.Lao;

public sealed class DetailModel(LaoQueries queries) : PageModel
{
    public LaoChecklist? Checklist { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        Checklist = await queries.ChecklistAsync(code, cancellationToken);
        return Checklist is null ? NotFound() : Page();
    }

    public static string StatusThai(string status) => status switch
    {
        "pass" => "ผ่าน",
        "fail" => "ไม่ผ่าน",
        "review" => "ตรวจสอบ",
        _ => status,
    };

    /// <summary>Only http(s) URLs become links: a crawled "javascript:" URL stays text.</summary>
    public static string? SafeHref(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;
}
