using PlanNacc.Crawler;
using PlanNacc.Scoring;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Scans.Evidence;

namespace PlanNacc.Web.Features.Scans;

/// <summary>One LAO in one run: crawl its site, score the snapshot, keep the cited evidence, store the whole result.</summary>
public sealed class SiteScanService(
    SiteCrawler crawler,
    SiteScorer scorer,
    ScanStore scans,
    EvidenceRouter router,
    EvidenceFiles files,
    ILogger<SiteScanService> logger)
{
    /// <summary>The stored scan's id, or null when the LAO already has a result in this run.</summary>
    public async Task<long?> ScanAsync(long runId, LaoRecord lao, int fiscalYear, CancellationToken cancellationToken)
    {
        if (await scans.ExistsAsync(runId, lao.DlaCode, cancellationToken))
        {
            return null;
        }
        if (lao.Website is not { } site)
        {
            // The registry lost the website after the run was planned: the LAO still ends the run, with its reason.
            return await scans.SaveAsync(new SiteScanResult
            {
                RunId = runId,
                DlaCode = lao.DlaCode,
                SiteUrl = "",
                Status = SiteStatusNames.Error,
                Reason = "no website in the registry any more",
                StartedAt = DateTimeOffset.UtcNow,
                FinishedAt = DateTimeOffset.UtcNow,
                RequestedYear = fiscalYear,
            }, cancellationToken);
        }
        var startedAt = DateTimeOffset.UtcNow;
        using var staging = new ScanEvidenceStaging(files);
        SiteScanResult result;
        try
        {
            SiteSnapshot snapshot;
            using (router.Begin(staging))
            {
                snapshot = await crawler.CrawlAsync(new Uri(site), progress: null, cancellationToken);
            }
            if (snapshot.Status == SiteStatus.Cancelled)
            {
                // A cancelled crawl is not a verdict on the site: the job is retried after the restart.
                throw new OperationCanceledException($"crawl of {site} cancelled");
            }
            var report = ScanReport.From(snapshot, scorer.Score(snapshot, fiscalYear));
            var kept = await staging.PromoteAsync(report.Items.SelectMany(i => i.Evidence).Select(e => e.ContentHash), cancellationToken);
            result = new SiteScanResult
            {
                RunId = runId,
                DlaCode = lao.DlaCode,
                SiteUrl = site,
                Status = report.Status,
                Reason = snapshot.StatusReason,
                StartedAt = snapshot.StartedAt,
                FinishedAt = snapshot.FinishedAt,
                PagesFetched = snapshot.Pages.Count,
                DocumentsChecked = snapshot.Documents.Count,
                RequestsMade = snapshot.RequestsMade,
                BytesFetched = snapshot.BytesFetched,
                RequestedYear = fiscalYear,
                Report = report,
                Evidence = kept,
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug or a broken page in crawler or scorer must not hide the LAO from the run: it ends with its reason.
            logger.LogError(e, "scan of {Code} ({Site}) failed", lao.DlaCode, site);
            result = new SiteScanResult
            {
                RunId = runId,
                DlaCode = lao.DlaCode,
                SiteUrl = site,
                Status = SiteStatusNames.Error,
                Reason = $"{e.GetType().Name}: {e.Message}",
                StartedAt = startedAt,
                FinishedAt = DateTimeOffset.UtcNow,
                RequestedYear = fiscalYear,
            };
        }
        return await scans.SaveAsync(result, cancellationToken);
    }
}
