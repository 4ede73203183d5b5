using System.Security.Cryptography;
using System.Text;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Composition;

/// <summary>Hangfire's dashboard at /hangfire. Section "JobDashboard".</summary>
public sealed class JobDashboardOptions
{
    public const string Section = "JobDashboard";

    /// <summary>
    /// Optional, at least 16 characters: scripts open /hangfire?token=… once (a cookie keeps it) or send it as a bearer
    /// header. Signed-in admins always reach the dashboard.
    /// </summary>
    public string? AdminToken { get; set; }
}

public static class JobDashboard
{
    public const string Path = "/hangfire";

    /// <summary>The one mapping of /hangfire: signed-in admins, or the configured admin token.</summary>
    public static WebApplication MapJobDashboard(this WebApplication app)
    {
        var adminToken = app.Services.GetRequiredService<IOptions<JobDashboardOptions>>().Value.AdminToken;
        app.UseHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new AdminRoleFilter(string.IsNullOrWhiteSpace(adminToken) ? null : new AdminTokenFilter(adminToken))],
            DisplayStorageConnectionString = false,
            AppPath = "/",
        });
        return app;
    }
}

/// <summary>The job dashboard for signed-in admins (and, when configured, the admin token for scripts).</summary>
public sealed class AdminRoleFilter(AdminTokenFilter? token) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return (user.IsAdmin() && user.Identity?.AuthenticationType == Access.CookieAuthenticationType) || token?.Authorize(context) == true;
    }
}

/// <summary>
/// Lets through only requests that carry the configured admin token (query once, then an HttpOnly cookie, or a bearer
/// header). Not Hangfire's local-requests default: behind a reverse proxy every request looks local.
/// </summary>
public sealed class AdminTokenFilter : IDashboardAuthorizationFilter
{
    public const string CookieName = "plannacc_admin";
    private readonly byte[] _token;

    public AdminTokenFilter(string token)
    {
        if (token.Length < 16)
        {
            throw new StorageConfigurationException("JobDashboard:AdminToken must be at least 16 characters");
        }
        _token = Encoding.UTF8.GetBytes(token);
    }

    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (Matches(http.Request.Query["token"]))
        {
            http.Response.Cookies.Append(CookieName, Encoding.UTF8.GetString(_token), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                Path = JobDashboard.Path,
            });
            return true;
        }
        var header = http.Request.Headers.Authorization.ToString();
        return Matches(http.Request.Cookies[CookieName])
            || (header.StartsWith("Bearer ", StringComparison.Ordinal) && Matches(header["Bearer ".Length..]));
    }

    private bool Matches(string? presented) =>
        !string.IsNullOrEmpty(presented) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _token);
}
