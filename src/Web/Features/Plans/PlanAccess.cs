using System.Security.Claims;
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
}
