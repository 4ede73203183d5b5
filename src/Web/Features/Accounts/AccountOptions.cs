namespace PlanNacc.Web.Features.Accounts;

public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>Rankings and checklists readable without a login; any change always needs one.</summary>
    public bool PublicRead { get; set; } = true;

    public int MaxFailedLogins { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    public int ActivationCodeHours { get; set; } = 72;

    public int MinPasswordLength { get; set; } = 10;

    /// <summary>
    /// Sign-in and activation attempts (POSTs to /account/login and /account/activate together) one client address may
    /// make per minute; more answer 429. The lock-out counts per account, this per address.
    /// </summary>
    public int SignInAttemptsPerMinute { get; set; } = 20;

    /// <summary>On-demand scans (POST /api/scans and the LAO page's scan button) one user or token may start per hour.</summary>
    public int OnDemandScansPerHour { get; set; } = 30;
}
