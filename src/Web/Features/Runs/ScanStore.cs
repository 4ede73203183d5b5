using Dapper;
using PlanNacc.Crawler;
using PlanNacc.Crawler.Discovery;
using PlanNacc.Crawler.Incremental;
using PlanNacc.Web.Features.Evidence;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Runs;

/// <summary>
/// Writes a scan's whole result (scan row, item results, evidence references, run counts, the LAO's latest scan) in one transaction.
/// </summary>
public sealed class ScanStore(Database database)
{
    /// <summary>How long a finished crawl waits for the database to come back before its job gives up (and is retried whole).</summary>
    public static readonly TimeSpan DatabasePatience = TimeSpan.FromMinutes(3);

    /// <summary>The new scan's id, or null when this LAO already has a result in this run (a retried or duplicated job).</summary>
    public Task<long?> SaveAsync(SiteScanResult result, CancellationToken cancellationToken = default) =>
        // A crawl is minutes of polite fetching: a database restart while it is stored must not throw it away.
        Database.RetryWhileAwayAsync(() => SaveOnceAsync(result, cancellationToken), DatabasePatience, cancellationToken);

    private async Task<long?> SaveOnceAsync(SiteScanResult result, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var report = result.Report;
        long scanId;
        try
        {
            scanId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO site_scans (run_id, dla_code, site_url, status, reason, started_at, finished_at, duration_ms,
                    pages_fetched, documents_checked, requests_made, bytes_fetched, criteria_year, fiscal_year, oit_score,
                    verdict, rejudged_from_scan_id)
                VALUES (@RunId, @DlaCode, @SiteUrl, @Status, @Reason, @StartedAt, @FinishedAt, @DurationMs,
                    @PagesFetched, @DocumentsChecked, @RequestsMade, @BytesFetched, @CriteriaYear, @FiscalYear, @OitScore,
                    @Verdict, @RejudgedFromScanId)
                RETURNING id
                """,
                new
                {
                    result.RunId,
                    result.DlaCode,
                    result.SiteUrl,
                    Status = ScanStatuses.Name(result.Status),
                    result.Reason,
                    StartedAt = result.StartedAt.UtcDateTime,
                    FinishedAt = result.FinishedAt.UtcDateTime,
                    DurationMs = (long)(result.FinishedAt - result.StartedAt).TotalMilliseconds,
                    result.PagesFetched,
                    result.DocumentsChecked,
                    result.RequestsMade,
                    result.BytesFetched,
                    CriteriaYear = report?.Criteria.Year,
                    // The fiscal year assessed: the verdict's, or the one asked for when the scan ended without one.
                    FiscalYear = report?.FiscalYear ?? result.FiscalYear,
                    OitScore = report?.Score.Oit,
                    Verdict = report is null ? null : StoredVerdict.Write(report),
                    result.RejudgedFromScanId,
                },
                transaction,
                cancellationToken: cancellationToken));
        }
        catch (Exception e) when (Database.IsUniqueViolation(e))
        {
            return null;
        }

        if (report is not null)
        {
            // Only what aggregate reads count (the items most LAOs miss, items lost since the last scan); the
            // titles, evidence and reasons are the verdict's.
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO item_results (scan_id, code, status) VALUES (@ScanId, @Code, @Status)",
                report.Items.Select(i => new { ScanId = scanId, i.Code, Status = StoredVerdict.Name(i.Status) }),
                transaction,
                cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO evidence_blobs
                (sha256, url, fetched_at, status_code, content_type, length, headers_json, last_cited_at)
            VALUES (@Sha256, @Url, @FetchedAt, @StatusCode, @ContentType, @Length, @HeadersJson, @CitedAt)
            ON CONFLICT (sha256) DO UPDATE SET last_cited_at = excluded.last_cited_at
            """,
            result.Evidence.Select(e => new
            {
                e.Blob.Sha256,
                Url = e.Blob.Url.AbsoluteUri,
                FetchedAt = e.Blob.FetchedAt.UtcDateTime,
                e.Blob.StatusCode,
                e.Blob.ContentType,
                e.Blob.Length,
                HeadersJson = Json.Serialize(e.Blob.Headers),
                CitedAt = DateTime.UtcNow,
            }),
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO scan_evidence (scan_id, sha256) VALUES (@ScanId, @Sha256)",
            result.Evidence.Select(e => e.Blob.Sha256).Distinct().Select(sha => new { ScanId = scanId, Sha256 = sha }),
            transaction,
            cancellationToken: cancellationToken));

        if (result.KeptCrawl is { } kept)
        {
            // One kept crawl per LAO (the latest; pinned ones stay): what a rescore reads instead of the website.
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO crawl_snapshots (scan_id, dla_code, crawled_at, format, raw_length, snapshot, last_full_scan_at)
                VALUES (@scanId, @dlaCode, @crawledAt, @format, @rawLength, @bytes, @lastFullScanAt);
                DELETE FROM crawl_snapshots WHERE dla_code = @dlaCode AND crawled_at < @crawledAt AND pinned = 0;
                """,
                new
                {
                    scanId, dlaCode = result.DlaCode, crawledAt = result.FinishedAt.UtcDateTime, format = Rescore.KeptCrawl.Format,
                    rawLength = kept.RawLength, bytes = kept.Bytes, lastFullScanAt = result.LastFullScanAt?.UtcDateTime,
                },
                transaction,
                cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE laos SET latest_scan_id = @scanId
            WHERE dla_code = @dlaCode AND (latest_scan_id IS NULL OR latest_scan_id < @scanId)
            """,
            new { scanId, dlaCode = result.DlaCode },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE runs SET
                sites_done = sites_done + @done,
                sites_failed = sites_failed + @failed,
                finished_at = CASE WHEN sites_done + sites_failed + 1 >= sites_total THEN @now ELSE finished_at END
            WHERE id = @runId
            """,
            new { done = result.Failed ? 0 : 1, failed = result.Failed ? 1 : 0, now = DateTime.UtcNow, runId = result.RunId },
            transaction,
            cancellationToken: cancellationToken));

        await transaction.CommitAsync(cancellationToken);
        return scanId;
    }

    /// <summary>
    /// The state the LAO's next crawl starts from: its latest kept crawl (every page and document as read, with validators),
    /// so a stored run re-scans incrementally. Null with the reason when there is none to trust (never crawled, the last crawl
    /// failed, another site, an unreadable row): that crawl is then a full one, and says why.
    /// </summary>
    public async Task<(CrawlState? State, string? Note)> PreviousCrawlAsync(string dlaCode, Uri root, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<PreviousCrawlRow>(new CommandDefinition(
            """
            SELECT scan_id, format, snapshot, last_full_scan_at FROM crawl_snapshots WHERE dla_code = @dlaCode
            ORDER BY crawled_at DESC, scan_id DESC LIMIT 1
            """, new { dlaCode }, cancellationToken: cancellationToken));
        if (row is null)
        {
            return (null, "no kept crawl: full scan");
        }
        if (row.Format != Rescore.KeptCrawl.Format)
        {
            return (null, $"kept crawl of another format ({row.Format}): full scan");
        }
        SiteSnapshot kept;
        try
        {
            kept = Rescore.KeptCrawl.Decompress(row.Snapshot);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException or IOException or NotSupportedException)
        {
            return (null, $"kept crawl of scan {row.ScanId} unreadable ({e.GetType().Name}): full scan");
        }
        if (!SiteScope.SiteKey(kept.Root.IdnHost).Equals(SiteScope.SiteKey(root.IdnHost), StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"kept crawl is of another site ({kept.Root.Host}): full scan");
        }
        if (CrawlState.After(kept, previous: null, kept.UnstableETagHosts) is not { } state)
        {
            return (null, $"the last crawl ended {Scans.ScanStatuses.Name(Scans.ScanStatuses.Of(kept.Status))}: full scan");
        }
        // Kept before the column existed: an incremental crawl's full one is unknown, so the next is full.
        var lastFull = row.LastFullScanAt is { } at ? new DateTimeOffset(at.AsUtc())
            : kept.Incremental ? DateTimeOffset.MinValue : kept.StartedAt;
        return (state with { LastFullScanAt = lastFull }, null);
    }

    /// <summary>
    /// The kept copies of these hashes already stored: a verdict that cites evidence read on an earlier night (a page that
    /// answered 304, a re-judged crawl) references them, so its links keep working and retention keeps them.
    /// </summary>
    public async Task<IReadOnlyList<KeptEvidence>> StoredEvidenceAsync(IEnumerable<string?> hashes, CancellationToken cancellationToken)
    {
        var wanted = hashes.OfType<string>().Select(h => h.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray();
        if (wanted.Length == 0)
        {
            return [];
        }
        // Npgsql sends the array as one parameter; Dapper expands the list for SQLite (as evidence retention does).
        var anyOf = database.Provider == DatabaseProvider.Postgres ? "= ANY(@wanted)" : "IN @wanted";
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<BlobRow>(new CommandDefinition(
            $"""
            SELECT sha256, url, fetched_at, status_code, content_type, length, headers_json
            FROM evidence_blobs WHERE sha256 {anyOf}
            """, new { wanted }, cancellationToken: cancellationToken));
        return rows.Select(r => new KeptEvidence(
            new EvidenceBlob(r.Sha256, new Uri(r.Url), new DateTimeOffset(r.FetchedAt.AsUtc()), r.StatusCode, r.ContentType, r.Length,
                Json.Deserialize<Dictionary<string, string>>(r.HeadersJson)))).ToList();
    }

    private sealed record PreviousCrawlRow
    {
        public long ScanId { get; init; }
        public string Format { get; init; } = "";
        public byte[] Snapshot { get; init; } = [];
        public DateTime? LastFullScanAt { get; init; }
    }

    private sealed record BlobRow
    {
        public string Sha256 { get; init; } = "";
        public string Url { get; init; } = "";
        public DateTime FetchedAt { get; init; }
        public int StatusCode { get; init; }
        public string? ContentType { get; init; }
        public long Length { get; init; }
        public string HeadersJson { get; init; } = "{}";
    }

    public async Task<bool> ExistsAsync(long runId, string dlaCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM site_scans WHERE run_id = @runId AND dla_code = @dlaCode", new { runId, dlaCode }) > 0;
    }
}
