using System.Data.Common;
using Dapper;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Scans;

/// <summary>
/// The one way Web writes and reads a stored scan result: Scoring's <see cref="SiteVerdict"/> (the `scan --json` shape),
/// stored once per scan as compressed JSON in <c>site_scans.verdict</c> and read typed, so a renamed field breaks the build
/// instead of silently emptying a page. Columns beside it hold only what queries filter, sort or count on (status, OIT
/// score, years; item codes and statuses in <c>item_results</c>).
/// </summary>
public static class StoredVerdict
{
    /// <summary>The column value for a verdict (Brotli-compressed JSON).</summary>
    public static byte[] Write(SiteVerdict verdict) => CompressedJson.Compress(verdict, Json.Options).Bytes;

    /// <summary>
    /// The stored verdict: <paramref name="verdict"/> as written by <see cref="Write"/>, or, for scans stored before
    /// migration 0021, the JSON text of <c>verdict_json</c>. Null when the scan has no verdict (failed, or cleared by retention).
    /// </summary>
    public static SiteVerdict? Read(byte[]? verdict, string? legacyJson = null) =>
        verdict is { Length: > 0 } ? CompressedJson.Decompress<SiteVerdict>(verdict, Json.Options)
        : legacyJson is null ? null
        : Json.Deserialize<SiteVerdict>(legacyJson);

    /// <summary>The SQL expressions that select what <see cref="Read"/> needs of a scan row aliased <paramref name="alias"/>.</summary>
    public static string Columns(string alias) => $"{alias}.verdict AS verdict, {alias}.verdict_json AS verdict_json";

    /// <summary>The verdict of one stored scan, or null.</summary>
    public static async Task<SiteVerdict?> ReadAsync(DbConnection connection, long scanId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Stored>(new CommandDefinition(
            $"SELECT {Columns("s")} FROM site_scans s WHERE s.id = @scanId", new { scanId }, cancellationToken: cancellationToken));
        return row is null ? null : Read(row.Verdict, row.VerdictJson);
    }

    /// <summary>An item status as <c>item_results.status</c> holds it ("pass", "fail", "review").</summary>
    public static string Name(VerdictStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>An item status read from <c>item_results.status</c>.</summary>
    public static VerdictStatus ItemStatus(string stored) => Enum.Parse<VerdictStatus>(stored, ignoreCase: true);

    /// <summary>The verdict columns of a scan row, as selected by <see cref="Columns"/>.</summary>
    public sealed record Stored
    {
        public byte[]? Verdict { get; init; }
        public string? VerdictJson { get; init; }
    }
}
