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
}
