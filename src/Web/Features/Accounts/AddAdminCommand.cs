using Microsoft.Extensions.Options;
using PlanNacc.Web.Cli;

namespace PlanNacc.Web.Features.Accounts;

/// <summary>
/// `add-admin NAME`: the first admin (or a forgotten admin password) from the machine's shell, the one place that is
/// already trusted; the password is read from standard input, never from the command line (it would sit in ps and history).
/// </summary>
public static class AddAdminCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, CliArgs cli, TextReader input, TextWriter output)
    {
        var accountOptions = services.GetRequiredService<IOptions<AccountOptions>>().Value;
        var accounts = services.GetRequiredService<AccountStore>();
        if (!Console.IsInputRedirected && ReferenceEquals(input, Console.In))
        {
            output.Write($"password for {cli.Positionals[0]} (at least {accountOptions.MinPasswordLength} characters): ");
        }
        var password = input.ReadLine() ?? "";
        try
        {
            var created = await accounts.AddOrResetAdminAsync(cli.Positionals[0], password, "cli", CancellationToken.None);
            output.WriteLine(created ? $"admin {cli.Positionals[0].Trim().ToLowerInvariant()} created" : $"admin {cli.Positionals[0].Trim().ToLowerInvariant()}: password changed");
            return CommandLine.Ok;
        }
        catch (AccountException e)
        {
            throw new CliFailure($"add-admin: {e.Message}", CommandLine.Refused);
        }
    }
}
