using System.Security.Claims;
using PlanNacc.Web.Features.Registry;

namespace PlanNacc.Web.Features.Accounts;

public static class Roles
{
    public const string Admin = "admin";
    public const string Province = "province";
    public const string Lao = "lao";

    public static bool IsKnown(string role) => role is Admin or Province or Lao;
}

/// <summary>The claims PlanNacc puts on a signed-in user or an API token, and the scope rules read from them.</summary>
public static class Access
{
    public const string ProvinceClaim = "plannacc:province";
    public const string LaoClaim = "plannacc:dla";
    public const string ScopeClaim = "plannacc:scope";
    /// <summary>The user's security stamp when the cookie was issued; a cookie whose stamp no longer matches is refused.</summary>
    public const string StampClaim = "plannacc:stamp";
    public const string ScansScope = "scans";
    public const string PlansScope = "plans";
    public const string OverridesScope = "overrides";
    private const string ScopePolicyPrefix = "scope:";

    /// <summary>The scopes an admin can give an API token (plans: <c>Plans.PlanAccess.Scope</c>).</summary>
    public static readonly IReadOnlyList<string> TokenScopes = [ScansScope, PlansScope, OverridesScope];

    /// <summary>Signed-in users hold every scope of their role; API tokens only the scopes they were issued with.</summary>
    public const string CookieAuthenticationType = "plannacc-cookie";

    public static ClaimsIdentity Identity(
        string name, string role, string? province, string? dlaCode, string authenticationType, IEnumerable<string> scopes,
        string? stamp = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(ClaimTypes.Role, role) };
        if (stamp is not null)
        {
            claims.Add(new Claim(StampClaim, stamp));
        }
        if (province is not null)
        {
            claims.Add(new Claim(ProvinceClaim, province));
        }
        if (dlaCode is not null)
        {
            claims.Add(new Claim(LaoClaim, dlaCode));
        }
        claims.AddRange(scopes.Select(s => new Claim(ScopeClaim, s)));
        return new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role);
    }

    /// <summary>
    /// The authorization policy of an /api route that needs <paramref name="scope"/>: a signed-in user (who holds every
    /// scope of their role) or a token issued with it. The OpenAPI document reads the scopes back from these policies.
    /// </summary>
    public static string ScopePolicy(string scope) => ScopePolicyPrefix + scope;

    /// <summary>The scope a policy name stands for, or null when it is not a scope policy.</summary>
    public static string? ScopeOf(string? policy) =>
        policy is not null && policy.StartsWith(ScopePolicyPrefix, StringComparison.Ordinal) ? policy[ScopePolicyPrefix.Length..] : null;

    /// <summary>The route needs a sign-in or a token with <paramref name="scope"/> (401 without one, 403 without the scope).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(ScopePolicy(scope));

    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        user.Identity?.AuthenticationType == CookieAuthenticationType || user.HasClaim(ScopeClaim, scope);

    public static bool IsAdmin(this ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Admin);

    /// <summary>Admin: every LAO; province officer: the LAOs of their province; LAO officer: their own LAO.</summary>
    public static bool Covers(this ClaimsPrincipal user, LaoRecord lao) =>
        user.Identity?.IsAuthenticated == true && (user.IsInRole(Roles.Admin)
            || (user.IsInRole(Roles.Province) && user.FindFirstValue(ProvinceClaim) == lao.Province)
            || (user.IsInRole(Roles.Lao) && user.FindFirstValue(LaoClaim) == lao.DlaCode));

    /// <summary>Who may issue an LAO's activation code: its province or an admin (never the LAO itself).</summary>
    public static bool CanIssueCodeFor(this ClaimsPrincipal user, LaoRecord lao) =>
        user.Identity?.IsAuthenticated == true && user.HasScope("accounts") && (user.IsInRole(Roles.Admin)
            || (user.IsInRole(Roles.Province) && user.FindFirstValue(ProvinceClaim) == lao.Province));
}
