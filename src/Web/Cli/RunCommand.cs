using System.Globalization;
using Hangfire;
using PlanNacc.Web.Composition;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Cli;

/// <summary>
/// `run --lao CODE | --province NAME | --all | --resume RUN [--wait] [--work]`: start an on-demand run (the jobs go to the job
/// servers of `serve` and `worker`), or enqueue again a run's LAOs that have no result; --wait shows a live progress line until
/// the run ends; --work also scans in this process.
/// `runs [--id N] [--json]`: the latest runs, or one run's progress.
/// </summary>
public static class RunCommand
{
    public static async Task<int> RunAsync(CliArgs cli, Dictionary<string, string?> overrides)
    {
        var resume = cli.Value("--resume") is { } text
            ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? id
                : throw new UsageException($"--resume expects a run number, not '{text}'", cli.Verb)
            : (long?)null;
        var scope = resume is null ? Scope(cli) : null;
        using var host = await BuildAsync(overrides, runServer: cli.Has("--work"));
        long runId;
        using (var services = host.Services.CreateScope())
        {
            var jobs = services.ServiceProvider.GetRequiredService<ScanJobs>();
            if (resume is { } existing)
            {
                var left = await jobs.ResumeAsync(existing);
                runId = left >= 0 ? existing : throw new CliFailure($"run: no run {existing}", CommandLine.Refused);
                Console.WriteLine($"run {runId}: {left} LAOs without a result enqueued again");
            }
            else
            {
                var start = await jobs.StartAsync(scope!);
                runId = start.RunId ?? throw new CliFailure($"run: {start.Refusal}", CommandLine.Refused);
                Console.WriteLine($"run {runId}: {start.Sites} LAOs ({scope})");
            }
        }
        if (!cli.Has("--wait") && !cli.Has("--work"))
        {
            return CommandLine.Ok;
        }
        await host.StartAsync();
        try
        {
            if (!cli.Has("--work") && host.Services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers().Count == 0)
            {
                Console.Error.WriteLine(
                    "plannacc: no job server is running: the run waits until `plannacc serve` or `plannacc worker` starts (or add --work)");
            }
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                // Ctrl-C stops watching (and this process's scanning: its sites go back to the queue); the run goes on elsewhere.
                e.Cancel = true;
                stop.Cancel();
            };
            var progress = await WatchAsync(host.Services.GetRequiredService<RunStore>(), runId, Console.Error, stop.Token);
            Console.WriteLine(Summary(progress));
            return CommandLine.Ok;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    public static async Task<int> ShowAsync(CliArgs cli, Dictionary<string, string?> overrides)
    {
        using var host = await BuildAsync(overrides, runServer: false);
        var runs = host.Services.GetRequiredService<RunStore>();
        if (cli.Value("--id") is { } text)
        {
            var id = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n
                : throw new UsageException($"--id expects a run number, not '{text}'", cli.Verb);
            var progress = await runs.ProgressAsync(id) ?? throw new CliFailure($"no run {id}", CommandLine.Failed);
            Console.WriteLine(cli.Has("--json") ? Json.Serialize(progress, indented: true) : Summary(progress));
            return CommandLine.Ok;
        }
        var list = (await runs.ListAsync(20)).Select(r => RunProgress.Of(r, new Dictionary<string, int>(), DateTime.UtcNow)).ToList();
        if (cli.Has("--json"))
        {
            Console.WriteLine(Json.Serialize(list, indented: true));
        }
        else
        {
            foreach (var p in list)
            {
                Console.WriteLine(Summary(p));
            }
        }
        return CommandLine.Ok;
    }

    private static RunScope Scope(CliArgs cli) =>
        ReadScope(cli, "run needs exactly one of --lao CODE, --province NAME, --all (or --resume RUN)");

    /// <summary>The LAOs a verb works on (run, rescore): exactly one of --lao, --province, --all.</summary>
    /// <param name="needsOne">The usage error when none or several are given, naming the verb.</param>
    internal static RunScope ReadScope(CliArgs cli, string needsOne)
    {
        var chosen = new[] { cli.Has("--lao"), cli.Has("--province"), cli.Has("--all") }.Count(b => b);
        if (chosen != 1)
        {
            throw new UsageException(needsOne, cli.Verb);
        }
        if (cli.Value("--lao") is { } code)
        {
            return code.Length == 7 && code.All(char.IsAsciiDigit)
                ? RunScope.Lao(code)
                : throw new UsageException($"--lao expects a 7-digit DLA code, not '{code}'", cli.Verb);
        }
        if (cli.Value("--province") is { } province)
        {
            return string.IsNullOrWhiteSpace(province)
                ? throw new UsageException("--province needs a name (จังหวัด, as in the registry)", cli.Verb)
                : RunScope.Province(province);
        }
        return RunScope.All;
    }

    internal static async Task<IHost> BuildAsync(Dictionary<string, string?> overrides, bool runServer)
    {
        var builder = AppHost.CreateBuilder(overrides);
        // One line per site is noise on a terminal that shows a progress line; warnings and errors still show.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.CheckStorage(keepsEvidence: true);
        builder.AddPlanNacc();
        if (runServer)
        {
            builder.AddJobServer();
        }
        return await builder.Build().MigrateAsync();
    }

    /// <summary>
    /// Polls the run until it ends (or <paramref name="cancellationToken"/>), drawing one live line on <paramref name="error"/>.
    /// </summary>
    public static async Task<RunProgress> WatchAsync(RunStore runs, long runId, TextWriter error, CancellationToken cancellationToken)
    {
        var interactive = !Console.IsErrorRedirected;
        var every = interactive ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10);
        var last = DateTime.MinValue;
        RunProgress progress;
        while (true)
        {
            progress = await Database.RetryWhileAwayAsync(
                async () => (await runs.ProgressAsync(runId, cancellationToken))!, TimeSpan.FromMinutes(10), cancellationToken);
            if (progress.Finished || cancellationToken.IsCancellationRequested)
            {
                break;
            }
            if (DateTime.UtcNow - last >= every)
            {
                last = DateTime.UtcNow;
                var line = Line(progress);
                error.Write(interactive ? "\r" + line.PadRight(100) : line + Environment.NewLine);
            }
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        if (interactive)
        {
            error.WriteLine("\r" + Line(progress).PadRight(100));
        }
        return progress;
    }

    /// <summary>run 12  done 140  failed 10  left 150  620 sites/h  ETA 02:45 (15 min)</summary>
    public static string Line(RunProgress p)
    {
        var eta = p.Eta is { } at
            ? $"  ETA {TimeZoneInfo.ConvertTimeFromUtc(at, Bangkok):HH:mm} ({Math.Max(0, (at - DateTime.UtcNow).TotalMinutes):0} min)"
            : "";
        return $"run {p.Id}  done {p.Done}  failed {p.Failed}  left {p.Left}  {p.SitesPerHour:0} sites/h{eta}";
    }

    public static string Summary(RunProgress p)
    {
        var state = p.Finished ? $"finished in {((p.FinishedAt ?? DateTime.UtcNow) - p.StartedAt).TotalMinutes:0.0} min" : "running";
        var statuses = p.ByStatus.Count == 0 ? "" : "  (" + string.Join(", ", p.ByStatus.Select(s => $"{s.Key} {s.Value}")) + ")";
        var swept = p.SweepRounds > 0 ? $"; lost LAOs enqueued again {p.SweepRounds} times by the run sweeper" : "";
        return $"run {p.Id} {p.Kind} {p.Scope}: {state}; {p.Total} LAOs, done {p.Done}, failed {p.Failed}, left {p.Left}, "
            + $"{p.SitesPerHour:0} sites/h{statuses}{swept}";
    }

    private static readonly TimeZoneInfo Bangkok = TimeZoneInfo.FindSystemTimeZoneById("Asia/Bangkok");
}
