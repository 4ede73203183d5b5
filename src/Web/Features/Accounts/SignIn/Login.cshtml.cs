using Microsoft.AspNetCore.Mvc;
using PlanNacc.Web.Features.Shared;

namespace PlanNacc.Web.Features.Accounts.SignIn;

public sealed class LoginModel(AccountStore accounts) : SignInModelBase
{
    [BindProperty]
    public string Username { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await accounts.SignInAsync(Username, Password, cancellationToken);
        switch (result.Outcome)
        {
            case LoginOutcome.Ok:
                return await SignInAndReturnAsync(result.User!);
            case LoginOutcome.LockedOut:
                Error = $"บัญชีถูกระงับชั่วคราวเพราะใส่รหัสผ่านผิดหลายครั้ง ลองใหม่หลัง {ThaiDates.Format(result.LockedUntil!.Value)}";
                break;
            default:
                Error = "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง";
                break;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
