using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlanNacc.Web.Features.Shared;

namespace PlanNacc.Web.Features.Accounts.Admin;

/// <summary>
/// Admins add admins and province officers (LAO officers come in by activation code), disable and enable users, issue API
/// tokens (scans, plans, overrides scopes) and revoke them. Every change is audited by <see cref="AccountStore"/> and <see
/// cref="ApiTokens"/>.
/// </summary>
public sealed class UsersModel(AccountStore accounts, ApiTokens tokens) : PageModel
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

    /// <summary>A token issued to a user takes that user's role and scope (and stops while the user is disabled).</summary>
    [BindProperty]
    public string? Owner { get; set; }

    [BindProperty]
    public List<string> Scopes { get; set; } = [];

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public IReadOnlyList<ApiTokenRow> Tokens { get; private set; } = [];

    public string? Message { get; private set; }

    public string? IssuedToken { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostUserAsync(CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        var user = await accounts.CreateUserAsync(Username, Role, Role == Roles.Province ? Province : null, null, Password, Actor,
            cancellationToken);
        return HttpContext.T($"เพิ่มผู้ใช้ {user.Username} แล้ว", $"User {user.Username} added");
    }, cancellationToken);

    public Task<IActionResult> OnPostDisableAsync(string user, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        var row = await accounts.SetDisabledAsync(user, disabled: true, Actor, cancellationToken);
        return HttpContext.T($"ปิดใช้งาน {row.Username} แล้ว: เข้าสู่ระบบไม่ได้ และการเข้าสู่ระบบที่ค้างอยู่สิ้นสุดลง",
            $"{row.Username} disabled: no sign-in, and open sessions have ended");
    }, cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(string user, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        var row = await accounts.SetDisabledAsync(user, disabled: false, Actor, cancellationToken);
        return HttpContext.T($"เปิดใช้งาน {row.Username} อีกครั้งแล้ว", $"{row.Username} enabled again");
    }, cancellationToken);

    /// <summary>A token for scripts: bound to a user, or to a role and its province/LAO, with the scopes ticked.</summary>
    public Task<IActionResult> OnPostTokenAsync(CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        if (Scopes.Count == 0)
        {
            throw new AccountException(HttpContext.T("เลือกสิทธิ์ของโทเค็นอย่างน้อยหนึ่งอย่าง", "Tick at least one scope for the token"));
        }
        IssuedToken = await tokens.CreateAsync(TokenName, Role, Province, DlaCode, Scopes, Actor, cancellationToken, Owner);
        return null;
    }, cancellationToken);

    public Task<IActionResult> OnPostRevokeAsync(long tokenId, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        var token = await tokens.RevokeAsync(tokenId, Actor, cancellationToken);
        return HttpContext.T($"เพิกถอนโทเค็น {token.Name} แล้ว", $"Token {token.Name} revoked");
    }, cancellationToken);

    private string Actor => User.Identity!.Name!;

    /// <summary>Runs one change; a refusal is shown with status 400 and nothing else changes.</summary>
    private async Task<IActionResult> ChangeAsync(Func<Task<string?>> change, CancellationToken cancellationToken)
    {
        try
        {
            Message = await change();
        }
        catch (AccountException e)
        {
            Message = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Users = await accounts.ListAsync(null, cancellationToken);
        Tokens = await tokens.ListAsync(cancellationToken);
    }
}
