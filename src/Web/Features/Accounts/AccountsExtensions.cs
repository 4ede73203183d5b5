using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PlanNacc.Web.Features.Accounts;

public static class AccountsExtensions
{
    private const string SelectScheme = "PlanNacc";

    /// <summary>Cookie sign-in for people, bearer tokens for scripts; without public read every page but sign-in needs a login.</summary>
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.AddAccountStore();
        // Razor Pages check this token on every POST; the cookie is Secure whenever the request came over HTTPS.
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "plannacc_af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddAuthentication(SelectScheme)
            // Tokens belong to /api, where every route checks their scopes; pages are cookie-only (a token holder could
            // otherwise read a page's anti-forgery pair and post its forms with the token's role).
            .AddPolicyScheme(SelectScheme, SelectScheme, o => o.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api")
                && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)
                    ? ApiTokenHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "plannacc_auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = "/account/login";
                o.AccessDeniedPath = "/account/denied";
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                // Scripts get status codes, not a login page.
                o.Events.OnRedirectToLogin = context => ApiStatusOrRedirect(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => ApiStatusOrRedirect(context, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = RefuseTakenBackAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null);
        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(SignInPartition),
                PartitionedRateLimiter.Create<HttpContext, string>(OnDemandScanPartition));
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = "60";
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                var scan = IsOnDemandScan(context.HttpContext.Request);
                if (context.HttpContext.Request.Path.StartsWithSegments("/api"))
                {
                    context.HttpContext.Response.Headers.RetryAfter = "3600";
                    await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
                    {
                        HttpContext = context.HttpContext,
                        ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                        {
                            Status = StatusCodes.Status429TooManyRequests,
                            Detail = "on-demand scan limit per hour reached (Accounts:OnDemandScansPerHour)",
                        },
                    });
                    return;
                }
                if (scan)
                {
                    context.HttpContext.Response.Headers.RetryAfter = "3600";
                }
                await context.HttpContext.Response.WriteAsync(scan
                    ? "สั่งตรวจเว็บไซต์ครบจำนวนต่อชั่วโมงแล้ว ลองใหม่ภายหลัง / "
                      + "On-demand scan limit per hour reached (Accounts:OnDemandScansPerHour)"
                    : "ลองเข้าสู่ระบบถี่เกินไปจากที่อยู่นี้ รอหนึ่งนาทีแล้วลองใหม่ / "
                      + "Too many sign-in attempts from this address; wait a minute",
                    cancellationToken);
            };
        });
        var publicRead = builder.Configuration.GetSection(AccountOptions.Section).Get<AccountOptions>()?.PublicRead ?? true;
        builder.Services.AddAuthorization(o =>
        {
            o.AddPolicy(Roles.Admin, p => p.RequireRole(Roles.Admin));
            o.AddPolicy("officer", p => p.RequireRole(Roles.Admin, Roles.Province));
            foreach (var scope in Access.TokenScopes)
            {
                o.AddPolicy(Access.ScopePolicy(scope), p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.HasScope(scope)));
            }
            if (!publicRead)
            {
                o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            }
        });
        builder.Services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AllowAnonymousToFolder("/Accounts/SignIn");
            o.Conventions.AuthorizeFolder("/Accounts/Admin", Roles.Admin);
            o.Conventions.AuthorizeFolder("/Accounts/Officer", "officer");
        });
        return builder;
    }

    /// <summary>The account store and its settings, for every verb (add-admin creates the first admin with it).</summary>
    public static IHostApplicationBuilder AddAccountStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section)
            .Validate(o => o.MaxFailedLogins >= 1, "Accounts:MaxFailedLogins must be at least 1")
            .Validate(o => o.LockoutMinutes >= 1, "Accounts:LockoutMinutes must be at least 1")
            .Validate(o => o.ActivationCodeHours >= 1, "Accounts:ActivationCodeHours must be at least 1")
            .Validate(o => o.MinPasswordLength >= 8, "Accounts:MinPasswordLength must be at least 8")
            .Validate(o => o.SignInAttemptsPerMinute >= 1, "Accounts:SignInAttemptsPerMinute must be at least 1")
            .Validate(o => o.OnDemandScansPerHour >= 1, "Accounts:OnDemandScansPerHour must be at least 1")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<AccountStore>();
        builder.Services.TryAddSingleton<ActivationCodes>();
        builder.Services.TryAddSingleton<ApiTokens>();
        return builder;
    }

    /// <summary>The per-address limit on sign-in and activation attempts (before the pages and endpoints).</summary>
    public static WebApplication UseAccounts(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    private static bool IsOnDemandScan(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && (request.Path.StartsWithSegments("/api/scans")
            || (request.Path.StartsWithSegments("/lao")
                && string.Equals(request.Query["handler"], "Scan", StringComparison.OrdinalIgnoreCase)));

    /// <summary>On-demand scans, counted per signed-in user or token (anonymous ones are refused by the endpoint anyway).</summary>
    private static RateLimitPartition<string> OnDemandScanPartition(HttpContext context)
    {
        if (!IsOnDemandScan(context.Request) || context.User.Identity is not { IsAuthenticated: true, Name: { } name })
        {
            return RateLimitPartition.GetNoLimiter("");
        }
        var perHour = context.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value.OnDemandScansPerHour;
        return RateLimitPartition.GetFixedWindowLimiter("scan:" + name, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perHour),
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        });
    }

    /// <summary>POSTs to the sign-in and activation pages, counted per client address (the proxy's client when forwarded).</summary>
    private static RateLimitPartition<string> SignInPartition(HttpContext context)
    {
        var path = context.Request.Path;
        if (!HttpMethods.IsPost(context.Request.Method)
            || !(path.StartsWithSegments("/account/login") || path.StartsWithSegments("/account/activate")))
        {
            return RateLimitPartition.GetNoLimiter("");
        }
        var perMinute = context.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value.SignInAttemptsPerMinute;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    /// <summary>
    /// Every request with a sign-in cookie re-reads its user: a user removed, disabled, or whose security stamp changed
    /// since the cookie was issued is signed out there and then (one indexed read per request).
    /// </summary>
    private static async Task RefuseTakenBackAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var name = principal?.Identity?.Name;
        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountStore>();
        var user = name is null ? null : await accounts.FindAsync(name, context.HttpContext.RequestAborted);
        if (user is null || user.DisabledAt is not null || user.SecurityStamp != (principal!.FindFirst(Access.StampClaim)?.Value ?? ""))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    private static Task ApiStatusOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
