using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Registry;

namespace PlanNacc.Web.Features.Plans;

/// <summary>Who may do what with a plan, on top of the account roles: the LAO keeps its own plan, its province oversees it.</summary>
public static class PlanAccess
{
    public const string Scope = "plans";

    /// <summary>A plan is internal working data, not a disclosure: only the LAO, its province and admins read it.</summary>
    public static bool CanReadPlan(this ClaimsPrincipal user, LaoRecord lao) => user.Covers(lao) && user.HasScope(Scope);

    public static bool CanEditPlan(this ClaimsPrincipal user, LaoRecord lao) =>
        user.Identity?.IsAuthenticated == true && user.HasScope(Scope)
        && (user.IsInRole(Roles.Admin) || (user.IsInRole(Roles.Lao) && user.FindFirstValue(Access.LaoClaim) == lao.DlaCode));

    public static bool CanReopenRound(this ClaimsPrincipal user, LaoRecord lao) =>
        user.Identity?.IsAuthenticated == true && user.HasScope(Scope)
        && (user.IsInRole(Roles.Admin) || (user.IsInRole(Roles.Province) && user.FindFirstValue(Access.ProvinceClaim) == lao.Province));

    public static bool CanReadProvince(this ClaimsPrincipal user, string province) =>
        user.Identity?.IsAuthenticated == true && user.HasScope(Scope)
        && (user.IsInRole(Roles.Admin) || (user.IsInRole(Roles.Province) && user.FindFirstValue(Access.ProvinceClaim) == province));

    /// <summary>
    /// The gate every plan page passes first: the LAO exists (404), the visitor is signed in (challenge) and may read
    /// its plan (403). Returns the refusal to send, or the LAO.
    /// </summary>
    public static async Task<(IActionResult? Refusal, LaoRecord? Lao)> ReadablePlanLaoAsync(
        this PageModel page, LaoStore laos, string code, CancellationToken cancellationToken)
    {
        if (await laos.GetAsync(code, cancellationToken) is not { } lao)
        {
            return (page.NotFound(), null);
        }
        if (page.User.Identity?.IsAuthenticated != true)
        {
            return (page.Challenge(), lao);
        }
        return page.User.CanReadPlan(lao) ? (null, lao) : (page.Forbid(), lao);
    }
}
