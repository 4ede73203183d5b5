using Dapper;
using Hangfire;
using Microsoft.Extensions.Options;
using PlanNacc.Web.Features.Evidence;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Runs.Retention;

public sealed record RetentionReport(
    int BlobsRemoved, int ReferencesDropped, int OrphanFilesRemoved, int StagingFoldersRemoved, long BytesFreed, int ScansThinned = 0)
{
    public override string ToString() =>
        $"{BlobsRemoved} blobs removed ({BytesFreed / 1024.0 / 1024.0:0.0} MB), {ReferencesDropped} old references dropped, "
        + $"{OrphanFilesRemoved} orphan files, {StagingFoldersRemoved} stale staging folders, "
        + $"{ScansThinned} old scans reduced to their scores";
}

/// <summary>
/// The recurring clean-up of kept evidence. A blob stays while any of these holds: a scan among its LAO's last
/// <see cref="RetentionOptions.KeepRuns"/> scans cites it; a row of evidence_pins names it (overrides, appeals); a scan cited
/// it within <see cref="RetentionOptions.Grace"/>. Anything else loses its references from older scans, its row and its file.
/// Files with no row (a worker killed between writing a blob and committing its scan) go too, once older than the grace.
/// </summary>
public sealed class EvidenceRetention(
    Database database, EvidenceStore files, IOptions<RetentionOptions> options, ILogger<EvidenceRetention> logger)
{
    public const string JobId = "evidence-retention";

    private const int Batch = 500;

    /// <summary>The recurring job; a second one while the first runs (another worker, a manual trigger) stops at once.</summary>
    [AutomaticRetry(Attempts = 1)]
    public async Task<RetentionReport> RunAsync(CancellationToken cancellationToken)
    {
        await using var exclusive = await ExclusiveLock.TryAcquireAsync(database, JobId, cancellationToken);
        if (exclusive is null)
        {
            logger.LogInformation("evidence clean-up: another clean-up is running; this one stops");
            return new RetentionReport(0, 0, 0, 0, 0);
        }
        return await CleanUpAsync(cancellationToken);
    }

    private async Task<RetentionReport> CleanUpAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = DateTime.UtcNow - settings.Grace;
        int blobs = 0, references = 0;
        long bytes = 0;
        IReadOnlyList<string> candidates;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            candidates = (await connection.QueryAsync<string>(new CommandDefinition(
                """
                WITH kept AS (
                    SELECT id FROM (
                        SELECT id, ROW_NUMBER() OVER (PARTITION BY dla_code ORDER BY id DESC) AS n FROM site_scans) ranked
                    WHERE n <= @keepRuns)
                SELECT b.sha256 FROM evidence_blobs b
                WHERE (b.last_cited_at IS NULL OR b.last_cited_at < @cutoff)
                  AND NOT EXISTS (SELECT 1 FROM evidence_pins p WHERE p.sha256 = b.sha256)
                  AND NOT EXISTS (SELECT 1 FROM scan_evidence e JOIN kept k ON k.id = e.scan_id WHERE e.sha256 = b.sha256)
                """,
                new { keepRuns = Math.Max(1, settings.KeepRuns), cutoff },
                cancellationToken: cancellationToken))).AsList();
        }
        foreach (var chunk in candidates.Chunk(Batch))
        {
            var (removed, dropped, freed) = await RemoveAsync(chunk, cutoff, settings.KeepRuns, cancellationToken);
            blobs += removed;
            references += dropped;
            bytes += freed;
        }
        var orphans = await RemoveOrphanFilesAsync(cutoff, cancellationToken);
        var staging = files.SweepStaleStaging(TimeSpan.FromDays(1));
        var thinned = await ThinOldScansAsync(settings.KeepRuns, cancellationToken);
        var report = new RetentionReport(blobs, references, orphans, staging, bytes, thinned);
        logger.LogInformation("evidence retention: {Report}", report);
        return report;
    }

    private async Task<(int Removed, int Dropped, long Bytes)> RemoveAsync(
        IReadOnlyList<string> shas, DateTime cutoff, int keepRuns, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var dropped = 0;
        var removed = new List<(string Sha256, long Length)>();
        foreach (var sha256 in shas)
        {
            dropped += await connection.ExecuteAsync(
                """
                DELETE FROM scan_evidence
                WHERE sha256 = @sha256 AND scan_id NOT IN (
                    SELECT id FROM (
                        SELECT id, ROW_NUMBER() OVER (PARTITION BY dla_code ORDER BY id DESC) AS n FROM site_scans) ranked
                    WHERE n <= @keepRuns)
                """,
                new { sha256, keepRuns = Math.Max(1, keepRuns) },
                transaction);
            // Every condition again, in the statement that deletes: a scan that cited the blob since the list was read keeps it.
            var length = await connection.QuerySingleOrDefaultAsync<long?>(
                """
                DELETE FROM evidence_blobs
                WHERE sha256 = @sha256
                  AND (last_cited_at IS NULL OR last_cited_at < @cutoff)
                  AND NOT EXISTS (SELECT 1 FROM evidence_pins p WHERE p.sha256 = @sha256)
                  AND NOT EXISTS (SELECT 1 FROM scan_evidence e WHERE e.sha256 = @sha256)
                RETURNING length
                """,
                new { sha256, cutoff },
                transaction);
            if (length is { } freed)
            {
                removed.Add((sha256, freed));
            }
        }
        // Files go before the commit: a scan storing the same blob waits on these rows and then writes the file again.
        foreach (var blob in removed)
        {
            DeleteBlobFiles(files.FullPath(blob.Sha256));
        }
        await transaction.CommitAsync(cancellationToken);
        return (removed.Count, dropped, removed.Sum(b => b.Length));
    }

    /// <summary>
    /// A scan's detail (its compressed verdict and its item statuses) is most of what a scan row costs. Beyond each LAO's
    /// last <paramref name="keepRuns"/> scans (at least 2: the page compares the latest with the one before) that detail is
    /// dropped; the scan row stays with its status, reason and scores, so trends, rankings and run history are whole. The
    /// newest scan of each criteria year keeps its detail (the page's year switch and the year's export read it).
    /// </summary>
    private async Task<int> ThinOldScansAsync(int keepRuns, CancellationToken cancellationToken)
    {
        List<long> ids;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            ids = (await connection.QueryAsync<long>(new CommandDefinition(
                """
                SELECT id FROM (
                    SELECT id,
                           ROW_NUMBER() OVER (PARTITION BY dla_code ORDER BY id DESC) AS n,
                           ROW_NUMBER() OVER (PARTITION BY dla_code, criteria_year ORDER BY id DESC) AS in_year
                    FROM site_scans WHERE verdict IS NOT NULL OR verdict_json IS NOT NULL) ranked
                WHERE n > @keepRuns AND in_year > 1
                """,
                new { keepRuns = Math.Max(2, keepRuns) }, cancellationToken: cancellationToken))).AsList();
        }
        // Dapper hands PostgreSQL the ids as one array parameter and spells them out as a list for SQLite.
        var anyOf = database.Provider == DatabaseProvider.Postgres ? "= ANY(@chunk)" : "IN @chunk";
        foreach (var chunk in ids.Chunk(Batch))
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM item_results WHERE scan_id {anyOf}", new { chunk }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE site_scans SET verdict = NULL, verdict_json = NULL WHERE id {anyOf}", new { chunk }, transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }
        return ids.Count;
    }

    private async Task<int> RemoveOrphanFilesAsync(DateTime cutoff, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(files.Root))
        {
            return 0;
        }
        HashSet<string> known;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            known = (await connection.QueryAsync<string>("SELECT sha256 FROM evidence_blobs"))
                .Select(sha => Path.GetFullPath(files.FullPath(sha)))
                .ToHashSet(StringComparer.Ordinal);
        }
        var removed = 0;
        var staging = Path.GetFullPath(files.StagingRoot) + Path.DirectorySeparatorChar;
        foreach (var file in Directory.EnumerateFiles(files.Root, "*", SearchOption.AllDirectories))
        {
            var full = Path.GetFullPath(file);
            if (full.StartsWith(staging, StringComparison.Ordinal) || full.EndsWith(".json", StringComparison.Ordinal)
                || known.Contains(full))
            {
                continue;
            }
            if (File.GetLastWriteTimeUtc(full) < cutoff)
            {
                DeleteBlobFiles(full);
                removed++;
            }
        }
        return removed;
    }

    private static void DeleteBlobFiles(string path)
    {
        foreach (var file in new[] { path, path + ".json" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
            }
        }
    }
}
