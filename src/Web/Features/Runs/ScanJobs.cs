using Hangfire;
using Microsoft.Extensions.Options;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Features.Runs;

/// <summary>The Hangfire jobs: a run fans out into one site job per LAO with a website; each site job stores its result whole.</summary>
public sealed class ScanJobs(
    LaoStore laos,
    RunStore runs,
    SiteScanService scanner,
    IBackgroundJobClient jobs,
    IOptions<ScanOptions> options,
    TimeProvider clock)
{
    public const string NightlyJobId = "nightly-scan";

    public int AssessedYear => options.Value.AssessedYear(clock);

    /// <summary>The recurring job: a run over every LAO with a website.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<long> StartNightlyRunAsync()
    {
        var targets = await laos.WithWebsiteAsync();
        return await StartRunAsync("nightly", "all", targets.Select(l => l.DlaCode).ToList());
    }

    /// <summary>An on-demand run of one LAO; null when the LAO is unknown or has no website.</summary>
    public async Task<long?> StartLaoScanAsync(string dlaCode) => (await StartAsync(RunScope.Lao(dlaCode))).RunId;

    /// <summary>An on-demand run (the CLI's `run`, the dashboard's buttons): every LAO with a website in the scope.</summary>
    public async Task<RunStart> StartAsync(RunScope scope, string kind = "on-demand", CancellationToken cancellationToken = default)
    {
        var (targets, refusal) = await TargetsAsync(scope, cancellationToken);
        if (refusal is not null)
        {
            return RunStart.Refused(refusal);
        }
        var runId = await StartRunAsync(kind, scope.ToString(), targets.Select(l => l.DlaCode).ToList());
        return new RunStart(runId, targets.Count, null);
    }

    /// <summary>The LAOs with a website in a scope (a scan run's, a rescore's), or why there are none.</summary>
    public async Task<(IReadOnlyList<LaoRecord> Targets, string? Refusal)> TargetsAsync(RunScope scope,
        CancellationToken cancellationToken = default)
    {
        IReadOnlyList<LaoRecord> targets;
        switch (scope.Kind)
        {
            case "all":
                targets = await laos.WithWebsiteAsync(cancellationToken);
                break;
            case "province":
                targets = (await laos.WithWebsiteAsync(cancellationToken))
                    .Where(l => string.Equals(l.Province, scope.Value, StringComparison.Ordinal)).ToList();
                break;
            case "lao":
                var lao = await laos.GetAsync(scope.Value ?? "", cancellationToken);
                if (lao is null)
                {
                    return ([], $"no LAO with DLA code {scope.Value} in the registry");
                }
                if (lao.Website is null)
                {
                    return ([], $"{scope.Value} ({LaoTypes.DisplayName(lao.Type, lao.Name)}) has no website in the registry");
                }
                targets = [lao];
                break;
            default:
                throw new ArgumentException($"unknown run scope {scope}", nameof(scope));
        }
        return targets.Count == 0
            ? ([], scope.Kind == "province" ? $"no LAO with a website in province '{scope.Value}'"
                : "no LAO with a website in the registry (import one with import-registry)")
            : (targets, null);
    }

    /// <summary>
    /// Enqueues again the LAOs of a run that have no result yet (a job that ran out of Hangfire's retries while the database
    /// was away, a lost enqueue). Safe while their jobs still wait: the first result stored wins, a second writer stores nothing.
    /// </summary>
    public async Task<int> ResumeAsync(long runId, CancellationToken cancellationToken = default)
    {
        if (await runs.GetAsync(runId, cancellationToken) is not { } run)
        {
            return -1;
        }
        var left = await runs.LeftAsync(runId, cancellationToken);
        EnqueueAgain(run, left);
        return left.Count;
    }

    /// <summary>
    /// One first-attempt site job per LAO of <paramref name="run"/> (`run --resume`, the dashboard's resume button, the run
    /// sweeper). A job for an LAO that has a result by the time it runs stores nothing.
    /// </summary>
    public void EnqueueAgain(Run run, IEnumerable<string> dlaCodes)
    {
        var (runId, year) = (run.Id, run.FiscalYear);
        foreach (var code in dlaCodes)
        {
            jobs.Enqueue<ScanJobs>(j => j.ScanSiteAsync(runId, code, year, 1, CancellationToken.None));
        }
    }

    public async Task<long> StartRunAsync(string kind, string scope, IReadOnlyList<string> dlaCodes)
    {
        var year = AssessedYear;
        var runId = await runs.CreateAsync(kind, scope, year, dlaCodes);
        foreach (var code in dlaCodes)
        {
            jobs.Enqueue<ScanJobs>(j => j.ScanSiteAsync(runId, code, year, 1, CancellationToken.None));
        }
        return runId;
    }

    /// <summary>
    /// One LAO in one run, attempt <paramref name="attempt"/>. A passing site failure is tried again after the configured pause
    /// (a scheduled job, so the worker is free meanwhile); the last attempt stores whatever it found. Hangfire's own retries
    /// cover the database being away (the job throws, nothing is stored, it runs again later).
    /// </summary>
    [AutomaticRetry(Attempts = 10, DelaysInSeconds = [10, 30, 60, 120, 300, 600, 900, 1800, 3600, 3600])]
    public async Task ScanSiteAsync(long runId, string dlaCode, int fiscalYear, int attempt, CancellationToken cancellationToken)
    {
        if (await laos.GetAsync(dlaCode, cancellationToken) is not { } lao)
        {
            return;
        }
        var settings = options.Value;
        var outcome = await scanner.ScanAsync(runId, lao, fiscalYear, attempt, settings.MaxAttempts, cancellationToken);
        if (outcome.RetryLater)
        {
            var delay = TimeSpan.FromSeconds(settings.RetryDelays[Math.Clamp(attempt - 1, 0, settings.RetryDelays.Count - 1)]);
            jobs.Schedule<ScanJobs>(j => j.ScanSiteAsync(runId, dlaCode, fiscalYear, attempt + 1, CancellationToken.None), delay);
        }
    }
}
