using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PlanNacc.Web.Features.Accounts.SignIn;

/// <summary>Issues the sign-in cookie for a user whose password (never a code alone) was just checked.</summary>
public abstract class SignInModelBase : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The page in the other language, keeping where the visitor was headed.</summary>
    public string LanguageSwitch(bool english) =>
        "?lang=" + (english ? "th" : "en") + (string.IsNullOrEmpty(ReturnUrl) ? "" : "&ReturnUrl=" + Uri.EscapeDataString(ReturnUrl));

    protected async Task<IActionResult> SignInAndReturnAsync(UserRow user)
    {
        var identity = Access.Identity(user.Username, user.Role, user.Province, user.DlaCode, Access.CookieAuthenticationType, [],
            user.SecurityStamp);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        // Only a path on this site: a crafted link must not bounce a fresh login elsewhere.
        if (!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl))
        {
            return LocalRedirect(ReturnUrl);
        }
        return LocalRedirect(user.DlaCode is { } code ? $"/lao/{code}"
            : user.Province is { } province ? $"/province/{Uri.EscapeDataString(province)}"
            : "/");
    }
}
