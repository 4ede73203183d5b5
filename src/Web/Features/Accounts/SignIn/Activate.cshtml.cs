using Microsoft.AspNetCore.Mvc;
using PlanNacc.Web.Features.Shared;

namespace PlanNacc.Web.Features.Accounts.SignIn;

/// <summary>An LAO's first login: DLA code + one-time code + a new password, in one step (the code alone never signs in).</summary>
public sealed class ActivateModel(AccountStore accounts, ActivationCodes codes) : SignInModelBase
{
    [BindProperty]
    public string DlaCode { get; set; } = "";

    [BindProperty]
    public string Code { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public string Confirm { get; set; } = "";

    public string? Error { get; private set; }

    public string? Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Password != Confirm)
        {
            Error = HttpContext.T("รหัสผ่านทั้งสองช่องไม่ตรงกัน", "The two passwords differ");
        }
        else
        {
            var result = await codes.ActivateAsync(DlaCode, Code, Password, cancellationToken);
            if (result.Outcome == ActivationOutcome.Ok)
            {
                return await SignInAndReturnAsync(result.User!);
            }
            if (result.Outcome == ActivationOutcome.PasswordReset)
            {
                // Whoever holds a reset code is not signed in by it: the LAO signs in with the password it just chose.
                Done = HttpContext.T("ตั้งรหัสผ่านใหม่แล้ว การเข้าสู่ระบบเดิมทั้งหมดสิ้นสุดลง: เข้าสู่ระบบด้วยรหัส อปท. และรหัสผ่านใหม่",
                    "The new password is set and every earlier session has ended: sign in with the DLA code and the new password");
                return Page();
            }
            Error = result.Outcome switch
            {
                ActivationOutcome.WeakPassword => accounts.PasswordProblem(Password, Lang.IsEnglish(HttpContext)),
                ActivationOutcome.Disabled
                    => HttpContext.T("บัญชีของ อปท. นี้ถูกปิดใช้งานโดยผู้ดูแลระบบ: ติดต่อผู้ดูแลระบบ (รหัสเปิดใช้งานยังไม่ถูกใช้)",
                    "An administrator disabled this LAO's account: ask an administrator (the activation code was not used)"),
                _ => HttpContext.T("รหัส อปท. หรือรหัสเปิดใช้งานไม่ถูกต้อง หมดอายุ หรือใช้ไปแล้ว: ขอรหัสใหม่จากจังหวัด",
                    "Wrong DLA code or activation code, or the code expired or was used: ask your province for a new one"),
            };
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
