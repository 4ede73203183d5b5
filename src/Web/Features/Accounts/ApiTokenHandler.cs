using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace PlanNacc.Web.Features.Accounts;

/// <summary>`Authorization: Bearer pn_…`: an API token stands for its holder's role and scope, with only the scopes it was
/// issued.</summary>
public sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PlanNaccApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }
        var token = await tokens.FindAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (token is null)
        {
            return AuthenticateResult.Fail("unknown or revoked API token");
        }
        var identity = Access.Identity("token:" + token.Name, token.Role, token.Province, token.DlaCode, SchemeName,
            token.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
