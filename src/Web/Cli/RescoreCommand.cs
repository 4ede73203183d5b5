using PlanNacc.Web.Features.Runs.Rescore;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Features.Scans;

namespace PlanNacc.Web.Cli;

/// <summary>
/// `rescore --year Y (--lao CODE | --province P | --all) [--wait]`: re-judge LAOs from their kept crawls against year Y's
/// criteria, without one request to a website, as a run (`runs --id N` shows it). --wait judges in this process and shows
/// the run's progress until it ends (re-judging needs no politeness, only CPU).
/// </summary>
public static class RescoreCommand
{
    public static async Task<int> RunAsync(CliArgs cli, Dictionary<string, string?> overrides)
    {
        var year = cli.Int("--year", 2500, 2700) ?? throw new UsageException("rescore needs --year Y (the fiscal year to judge)", cli.Verb);
        var scope = Scope(cli);
        using var host = await RunCommand.BuildAsync(overrides, runServer: cli.Has("--wait"));
        long runId;
        using (var services = host.Services.CreateScope())
        {
            var start =
                await services.ServiceProvider.GetRequiredService<RescoreJobs>().StartAsync(scope, year, $"cli:{Environment.UserName}");
            runId = start.RunId ?? throw new CliFailure($"rescore: {start.Refusal}", CommandLine.Refused);
            Console.WriteLine($"run {runId}: {start.Sites} LAOs ({scope}) re-judged from their kept crawls against ITA criteria for " +
                $"{year}");
        }
        if (!cli.Has("--wait"))
        {
            return CommandLine.Ok;
        }
        await host.StartAsync();
        try
        {
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            var progress = await RunCommand.WatchAsync(host.Services.GetRequiredService<RunStore>(), runId, Console.Error, stop.Token);
            Console.WriteLine(RunCommand.Summary(progress));
            return CommandLine.Ok;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static RunScope Scope(CliArgs cli) =>
        RunCommand.ReadScope(cli, "rescore needs exactly one of --lao CODE, --province NAME, --all");
}
