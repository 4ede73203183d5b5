using Microsoft.AspNetCore.Mvc;

namespace PlanNacc.Web.Features.Accounts.SignIn;

/// <summary>An LAO's first login: DLA code + one-time code + a new password, in one step (the code alone never signs in).</summary>
public sealed class ActivateModel(AccountStore accounts) : SignInModelBase
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

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Password != Confirm)
        {
            Error = "รหัสผ่านทั้งสองช่องไม่ตรงกัน";
        }
        else
        {
            var result = await accounts.ActivateAsync(DlaCode, Code, Password, cancellationToken);
            if (result.Outcome == ActivationOutcome.Ok)
            {
                return await SignInAndReturnAsync(result.User!);
            }
            Error = result.Outcome == ActivationOutcome.WeakPassword
                ? accounts.PasswordProblem(Password)
                : "รหัส อปท. หรือรหัสเปิดใช้งานไม่ถูกต้อง หมดอายุ หรือใช้ไปแล้ว: ขอรหัสใหม่จากจังหวัด";
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
