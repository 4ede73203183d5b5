using Hangfire;
using Microsoft.Extensions.Options;
using PlanNacc.Scoring.Thai;
using PlanNacc.Web.Features.Registry;

namespace PlanNacc.Web.Features.Scans;

/// <summary>The Hangfire jobs: a run fans out into one site job per LAO with a website; each site job stores its result whole.</summary>
public sealed class ScanJobs(
    LaoStore laos,
    RunStore runs,
    SiteScanService scanner,
    IBackgroundJobClient jobs,
    IOptions<ScanOptions> options)
{
    public const string NightlyJobId = "nightly-scan";

    public int AssessedYear => options.Value.FiscalYear ?? FiscalYears.Of(DateTimeOffset.UtcNow);

    /// <summary>The recurring job: a run over every LAO with a website.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<long> StartNightlyRunAsync()
    {
        var targets = await laos.WithWebsiteAsync();
        return await StartRunAsync("nightly", "all", targets.Select(l => l.DlaCode).ToList());
    }

    /// <summary>An on-demand run of one LAO; null when the LAO is unknown or has no website.</summary>
    public async Task<long?> StartLaoScanAsync(string dlaCode)
    {
        var lao = await laos.GetAsync(dlaCode);
        if (lao?.Website is null)
        {
            return null;
        }
        return await StartRunAsync("on-demand", "lao:" + dlaCode, [dlaCode]);
    }

    public async Task<long> StartRunAsync(string kind, string scope, IReadOnlyList<string> dlaCodes)
    {
        var year = AssessedYear;
        var runId = await runs.CreateAsync(kind, scope, year, dlaCodes.Count);
        foreach (var code in dlaCodes)
        {
            jobs.Enqueue<ScanJobs>(j => j.ScanSiteAsync(runId, code, year, CancellationToken.None));
        }
        return runId;
    }

    /// <summary>One LAO in one run. Crawl and score failures end as the scan's status; storage failures retry.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600])]
    public async Task ScanSiteAsync(long runId, string dlaCode, int fiscalYear, CancellationToken cancellationToken)
    {
        if (await laos.GetAsync(dlaCode, cancellationToken) is { } lao)
        {
            await scanner.ScanAsync(runId, lao, fiscalYear, cancellationToken);
        }
    }
}
