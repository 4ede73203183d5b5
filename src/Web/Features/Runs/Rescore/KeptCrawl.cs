using System.Text.Json;
using Dapper;
using PlanNacc.Crawler;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Runs.Rescore;

/// <summary>A kept crawl as stored: the scan it belongs to, when the crawl ended, and the compressed snapshot.</summary>
public sealed record KeptCrawlRow
{
    public long ScanId { get; init; }
    public string DlaCode { get; init; } = "";
    public DateTime CrawledAt { get; init => field = value.AsUtc(); }
    public string Format { get; init; } = "";
    public int RawLength { get; init; }
    public byte[] Snapshot { get; init; } = [];
}

/// <summary>
/// The crawl snapshot as the judge reads it (<see cref="SiteSnapshot"/>: pages with main text and links, click paths,
/// documents with titles, text and hashes, findings; never raw HTML), serialised to JSON and Brotli-compressed.
/// </summary>
public static class KeptCrawl
{
    public const string Format = "json+br";

    private static readonly JsonSerializerOptions Options = new(Json.Options);

    public static (byte[] Bytes, int RawLength) Compress(SiteSnapshot snapshot) => CompressedJson.Compress(snapshot, Options);

    public static SiteSnapshot Decompress(byte[] bytes) => CompressedJson.Decompress<SiteSnapshot>(bytes, Options);

    /// <summary>The newest kept crawl of an LAO, or null.</summary>
    public static async Task<KeptCrawlRow?> LatestAsync(Database database, string dlaCode, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<KeptCrawlRow>(new CommandDefinition(
            """
            SELECT scan_id, dla_code, crawled_at, format, raw_length, snapshot FROM crawl_snapshots
            WHERE dla_code = @dlaCode ORDER BY crawled_at DESC, scan_id DESC LIMIT 1
            """, new { dlaCode }, cancellationToken: cancellationToken));
    }

    /// <summary>Whether the LAO was ever crawled (a scan that was not itself a re-judgement): "crawl not kept" versus "never
    /// crawled".</summary>
    public static async Task<bool> WasCrawledAsync(Database database, string dlaCode, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM site_scans WHERE dla_code = @dlaCode AND rejudged_from_scan_id IS NULL AND pages_fetched > 0",
            new { dlaCode }, cancellationToken: cancellationToken)) > 0;
    }
}
