using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PlanNacc.Web.Features.Accounts.SignIn;

/// <summary>POST only (with the anti-forgery token): a link elsewhere cannot sign anyone out.</summary>
public sealed class LogoutModel(AccountStore accounts) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    /// <summary>Ends the user's sessions on the server too: a copy of the cookie kept elsewhere stops working.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.AuthenticationType == Access.CookieAuthenticationType && User.Identity.Name is { } name)
        {
            await accounts.EndSessionsAsync(name, cancellationToken);
        }
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect("/");
    }
}
