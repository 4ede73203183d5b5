using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Shared;

namespace PlanNacc.Web.Features.Accounts.Officer;

/// <summary>A province officer (for the LAOs of their province) or an admin issues an LAO's one-time activation code.</summary>
public sealed class CodesModel(ActivationCodes codes, LaoStore laos) : PageModel
{
    [BindProperty]
    public string DlaCode { get; set; } = "";

    public string? IssuedCode { get; private set; }

    public LaoRecord? Lao { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Lao = await laos.GetAsync(DlaCode.Trim(), cancellationToken);
        if (Lao is null)
        {
            Error = HttpContext.T("ไม่พบ อปท. รหัสนี้ในทะเบียน", "No LAO with this DLA code in the registry");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (!User.CanIssueCodeFor(Lao))
        {
            return Forbid();
        }
        try
        {
            IssuedCode = await codes.IssueAsync(Lao.DlaCode, User.Identity!.Name!, User.IsAdmin(), cancellationToken);
        }
        catch (AccountException)
        {
            Error = HttpContext.T("อปท. นี้มีบัญชีแล้ว: ผู้ดูแลระบบเท่านั้นที่ออกรหัสตั้งรหัสผ่านใหม่ได้",
                "This LAO already has an account: only an administrator can issue a code to reset its password");
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        return Page();
    }
}
