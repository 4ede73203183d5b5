using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PlanNacc.Web.Features.Accounts.Admin;

/// <summary>Admins add admins and province officers (LAO officers come in by activation code) and issue API tokens.</summary>
public sealed class UsersModel(AccountStore accounts) : PageModel
{
    [BindProperty]
    public string Username { get; set; } = "";

    [BindProperty]
    public string Role { get; set; } = Roles.Province;

    [BindProperty]
    public string? Province { get; set; }

    [BindProperty]
    public string? DlaCode { get; set; }

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public string TokenName { get; set; } = "";

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public string? Message { get; private set; }

    public string? IssuedToken { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Users = await accounts.ListAsync(null, cancellationToken);

    public async Task<IActionResult> OnPostUserAsync(CancellationToken cancellationToken)
    {
        try
        {
            var user = await accounts.CreateUserAsync(Username, Role, Role == Roles.Province ? Province : null, null, Password, User.Identity!.Name!, cancellationToken);
            Message = $"เพิ่มผู้ใช้ {user.Username} แล้ว";
        }
        catch (AccountException e)
        {
            Message = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        Users = await accounts.ListAsync(null, cancellationToken);
        return Page();
    }

    /// <summary>A token for scripts that start scans: bound to a role and scope like a user, with the "scans" scope only.</summary>
    public async Task<IActionResult> OnPostTokenAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(TokenName) || !Roles.IsKnown(Role)
            || (Role == Roles.Province) != !string.IsNullOrWhiteSpace(Province) || (Role == Roles.Lao) != !string.IsNullOrWhiteSpace(DlaCode))
        {
            Message = "โทเค็นต้องมีชื่อ บทบาท และจังหวัด/รหัส อปท. ตามบทบาท";
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            IssuedToken = await accounts.CreateApiTokenAsync(TokenName.Trim(), Role, Province, DlaCode, [Access.ScansScope], User.Identity!.Name!, cancellationToken);
        }
        Users = await accounts.ListAsync(null, cancellationToken);
        return Page();
    }
}
