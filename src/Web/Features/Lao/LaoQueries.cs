using System.Text.Json.Serialization;
using Dapper;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Lao;

/// <summary>An LAO in the list, with its latest scan's outcome.</summary>
public sealed record LaoListRow
{
    public string DlaCode { get; init; } = "";
    public string Type { get; init; } = "";
    public string Name { get; init; } = "";
    public string Province { get; init; } = "";
    public string? District { get; init; }
    public string? Website { get; init; }
    /// <summary>How the latest scan ended; null before the first.</summary>
    [JsonConverter(typeof(ScanStatusJsonConverter))]
    public ScanStatus? Status { get; init; }
    /// <summary>site_scans.status as stored (selected AS status_name), read into <see cref="Status"/>.</summary>
    public string? StatusName { init => Status = ScanStatuses.ParseOrNull(value); }
    public double? OitScore { get; init; }
    public DateTime? FinishedAt { get; init => field = value.AsUtc(); }
}

/// <summary>The latest scan of an LAO, as the LAO page shows it: its columns and its stored verdict.</summary>
public sealed record ScanSummary
{
    public long Id { get; init; }
    public long RunId { get; init; }
    public string SiteUrl { get; init; } = "";
    public ScanStatus Status { get; init; }
    /// <summary>site_scans.status as stored (selected AS status_name), read into <see cref="Status"/>.</summary>
    public string StatusName { init => Status = ScanStatuses.Parse(value); }
    public string? Reason { get; init; }
    public DateTime StartedAt { get; init => field = value.AsUtc(); }
    public DateTime FinishedAt { get; init => field = value.AsUtc(); }
    public int PagesFetched { get; init; }
    public int DocumentsChecked { get; init; }
    /// <summary>The year of the criteria that judged the scan (null when it ended without a verdict).</summary>
    public int? CriteriaYear { get; init; }
    /// <summary>The fiscal year assessed.</summary>
    public int? FiscalYear { get; init; }
    public double? OitScore { get; init; }
    /// <summary>The stored verdict as read from the database (see <see cref="StoredVerdict"/>); use <see cref="Result"/>.</summary>
    public byte[]? Verdict { get; init; }
    public string? VerdictJson { get; init; }

    /// <summary>The scan's verdict (the `scan --json` shape), read once; null when the scan has none.</summary>
    public SiteVerdict? Result => field ??= StoredVerdict.Read(Verdict, VerdictJson);

    public IReadOnlyDictionary<string, double> Indicators => Result?.Score.Indicators ?? new Dictionary<string, double>();

    public string? Grade => Result?.Score.Grade;

    /// <summary>The criteria file's note when the assessed year has no file of its own.</summary>
    public Reason? FallbackNote => Result?.Criteria.FallbackNote;
}

public sealed record LaoChecklist(Registry.LaoRecord Lao, ScanSummary? Scan, IReadOnlyList<ItemVerdict> Items)
{
    /// <summary>Criteria years this LAO has scans for, newest first (the year switch of the page).</summary>
    public IReadOnlyList<int> Years { get; init; } = [];

    /// <summary>Item statuses of the scan before this one (same criteria year), empty when there is none.</summary>
    public IReadOnlyDictionary<string, VerdictStatus> Previous { get; init; } = new Dictionary<string, VerdictStatus>();

    public DateTime? PreviousFinishedAt { get; init; }

    /// <summary>
    /// The hashes of this scan's evidence that have a kept copy (a verdict keeps a copy only of the places its statuses
    /// were decided on, and retention removes old ones): the page links "kept copy" only for these.
    /// </summary>
    public IReadOnlySet<string> KeptCopies { get; init; } = new HashSet<string>();

    /// <summary>The newest scans of the LAO, oldest first, when asked for (the page's trend); empty otherwise.</summary>
    public IReadOnlyList<HistoryPoint> History { get; init; } = [];

    public IReadOnlyList<ItemVerdict> NewPasses => Previous.Count == 0 ? []
        : Items.Where(i => i.Status == VerdictStatus.Pass
            && (!Previous.TryGetValue(i.Code, out var p) || p != VerdictStatus.Pass)).ToList();

    public IReadOnlyList<ItemVerdict> NewFails => Previous.Count == 0 ? []
        : Items.Where(i => i.Status != VerdictStatus.Pass && Previous.GetValueOrDefault(i.Code) == VerdictStatus.Pass).ToList();
}

/// <summary>One point of an LAO's history: a finished scan and its OIT score.</summary>
public sealed record HistoryPoint
{
    public long ScanId { get; init; }
    public long RunId { get; init; }
    [JsonConverter(typeof(ScanStatusJsonConverter))]
    public ScanStatus Status { get; init; }
    /// <summary>site_scans.status as stored (selected AS status_name), read into <see cref="Status"/>.</summary>
    public string StatusName { init => Status = ScanStatuses.Parse(value); }
    public string? Reason { get; init; }
    public DateTime FinishedAt { get; init => field = value.AsUtc(); }
    public int? CriteriaYear { get; init; }
    public double? OitScore { get; init; }
    public int PagesFetched { get; init; }
}

/// <summary>A kept copy of fetched evidence, as stored.</summary>
public sealed record EvidenceBlobRow
{
    public string Sha256 { get; init; } = "";
    public string Url { get; init; } = "";
    public DateTime FetchedAt { get; init => field = value.AsUtc(); }
    public string? ContentType { get; init; }
    public long Length { get; init; }
}

/// <summary>The reads behind the LAO list and the LAO page.</summary>
public sealed class LaoQueries(Database database)
{
    /// <summary>LAOs matching the search (name, code or province) and, when given, exactly this province and type.</summary>
    public async Task<IReadOnlyList<LaoListRow>> ListAsync(string? search, int limit, int offset,
        CancellationToken cancellationToken = default, string? province = null, string? type = null)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var pattern = "%" + (search?.Trim().ToLowerInvariant() ?? "") + "%";
        province = province?.Trim() ?? "";
        type = type?.Trim() ?? "";
        var rows = await connection.QueryAsync<LaoListRow>(new CommandDefinition(
            $"""
            SELECT l.dla_code, l.type, l.name, l.province, l.district, l.website, s.status AS status_name, s.oit_score, s.finished_at
            FROM laos l
            LEFT JOIN site_scans s ON s.id = l.latest_scan_id
            {ListFilter}
            ORDER BY l.province, l.name, l.dla_code
            LIMIT @limit OFFSET @offset
            """,
            new { pattern, limit, offset, province, type },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>How many LAOs <see cref="ListAsync"/> would list without a limit (the API's <c>total</c>).</summary>
    public async Task<long> CountAsync(string? search, string? province, string? type, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var pattern = "%" + (search?.Trim().ToLowerInvariant() ?? "") + "%";
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM laos l {ListFilter}",
            new { pattern, province = province?.Trim() ?? "", type = type?.Trim() ?? "" },
            cancellationToken: cancellationToken));
    }

    private const string ListFilter = """
        WHERE (lower(l.name) LIKE @pattern OR l.dla_code LIKE @pattern OR lower(l.province) LIKE @pattern)
          AND (@province = '' OR l.province = @province)
          AND (@type = '' OR l.type = @type)
        """;

    /// <summary>The LAO's checklist of its latest scan, or of its latest scan under the criteria of <paramref name="year"/>.</summary>
    /// <param name="historyLimit">Also read the newest scans for the trend (<see cref="LaoChecklist.History"/>), up to this many.</param>
    /// <remarks>
    /// Two round trips whatever the page shows (each a batch of statements): on PostgreSQL under load every trip costs. The
    /// checklist is the stored verdict's items (a few KB compressed), read typed.
    /// </remarks>
    public async Task<LaoChecklist?> ChecklistAsync(
        string dlaCode, CancellationToken cancellationToken = default, int? year = null, int historyLimit = 0)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var scanSql = year is null
            ? $"{ScanColumns} FROM laos l JOIN site_scans s ON s.id = l.latest_scan_id WHERE l.dla_code = @dlaCode"
            : $"""
                {ScanColumns} FROM site_scans s WHERE s.dla_code = @dlaCode AND s.criteria_year = @year
                ORDER BY s.finished_at DESC, s.id DESC LIMIT 1
                """;
        Registry.LaoRecord? lao;
        List<int> years;
        ScanSummary? scan;
        List<HistoryPoint> history;
        await using (var first = await connection.QueryMultipleAsync(new CommandDefinition(
            $"""
            SELECT dla_code, type, name, province, district, size, website FROM laos WHERE dla_code = @dlaCode;
            SELECT DISTINCT criteria_year FROM site_scans WHERE dla_code = @dlaCode AND criteria_year IS NOT NULL
            ORDER BY criteria_year DESC;
            {scanSql};
            {HistorySql};
            """,
            new { dlaCode, year, limit = historyLimit, offset = 0 }, cancellationToken: cancellationToken)))
        {
            lao = await first.ReadSingleOrDefaultAsync<Registry.LaoRecord>();
            years = (await first.ReadAsync<int>()).AsList();
            scan = await first.ReadFirstOrDefaultAsync<ScanSummary>();
            history = (await first.ReadAsync<HistoryPoint>()).Reverse().ToList();
        }
        if (lao is null)
        {
            return null;
        }
        if (scan is null)
        {
            return new LaoChecklist(lao, null, []) { Years = years, History = history };
        }
        // The scan before this one (same criteria year), and its item statuses, for "what changed".
        const string previousSql = """
            SELECT id AS scan_id, run_id, status AS status_name, reason, finished_at, criteria_year, oit_score, pages_fetched
            FROM site_scans
            WHERE dla_code = @dlaCode AND id <> @id AND finished_at <= @finishedAt AND oit_score IS NOT NULL
              AND (criteria_year = @criteriaYear OR @criteriaYear IS NULL)
            ORDER BY finished_at DESC, id DESC LIMIT 1
            """;
        // The items are the stored verdict's (one typed read); the item rows only serve counts across scans.
        var items = (scan.Result?.Items ?? []).OrderBy(i => ItemOrder(i.Code)).ToList();
        var hashes = items.SelectMany(i => i.Evidence).Select(e => e.ContentHash).OfType<string>()
            .Distinct(StringComparer.Ordinal).ToArray();
        // Npgsql sends the array as one parameter; Dapper expands the list for SQLite.
        var anyOf = database.Provider == DatabaseProvider.Postgres ? "= ANY(@hashes)" : "IN @hashes";
        await using var second = await connection.QueryMultipleAsync(new CommandDefinition(
            $"""
            {previousSql};
            SELECT code, status FROM item_results WHERE scan_id = (SELECT p.scan_id FROM ({previousSql}) p);
            SELECT sha256 FROM evidence_blobs WHERE sha256 {anyOf};
            """,
            new { dlaCode, id = scan.Id, finishedAt = scan.FinishedAt, criteriaYear = scan.CriteriaYear, hashes },
            cancellationToken: cancellationToken));
        var previous = await second.ReadFirstOrDefaultAsync<HistoryPoint>();
        var previousItems = (await second.ReadAsync<(string Code, string Status)>())
            .ToDictionary(r => r.Code, r => StoredVerdict.ItemStatus(r.Status));
        var keptCopies = (await second.ReadAsync<string>()).ToHashSet(StringComparer.Ordinal);
        return new LaoChecklist(lao, scan, items)
        {
            Years = years, Previous = previousItems, PreviousFinishedAt = previous?.FinishedAt, History = history,
            KeptCopies = keptCopies,
        };
    }

    /// <summary>Every finished scan of the LAO, oldest first, up to the newest <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<HistoryPoint>> HistoryAsync(
        string dlaCode, int limit, CancellationToken cancellationToken = default, int offset = 0)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<HistoryPoint>(new CommandDefinition(
            HistorySql, new { dlaCode, limit, offset }, cancellationToken: cancellationToken));
        return rows.Reverse().ToList();
    }

    /// <summary>How many scans the LAO has (the history API's <c>total</c>).</summary>
    public async Task<long> HistoryCountAsync(string dlaCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM site_scans WHERE dla_code = @dlaCode", new { dlaCode }, cancellationToken: cancellationToken));
    }

    /// <summary>The LAO's newest scans, newest first (callers reverse them for a trend).</summary>
    private const string HistorySql = """
        SELECT id AS scan_id, run_id, status AS status_name, reason, finished_at, criteria_year, oit_score, pages_fetched
        FROM site_scans
        WHERE dla_code = @dlaCode ORDER BY finished_at DESC, id DESC LIMIT @limit OFFSET @offset
        """;

    public async Task<EvidenceBlobRow?> EvidenceBlobAsync(string sha256, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<EvidenceBlobRow>(new CommandDefinition(
            "SELECT sha256, url, fetched_at, content_type, length FROM evidence_blobs WHERE sha256 = @sha256",
            new { sha256 }, cancellationToken: cancellationToken));
    }

    private static readonly string ScanColumns = $"""
        SELECT s.id, s.run_id, s.site_url, s.status AS status_name, s.reason, s.started_at, s.finished_at, s.pages_fetched,
               s.documents_checked, s.criteria_year, s.fiscal_year, s.oit_score, {StoredVerdict.Columns("s")}
        """;

    /// <summary>o2 before o10: by the number in the code.</summary>
    private static (string, int, string) ItemOrder(string code)
    {
        var digits = new string(code.SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit).ToArray());
        return (new string(code.TakeWhile(c => !char.IsAsciiDigit(c)).ToArray()).ToLowerInvariant(),
            int.TryParse(digits, out var n) ? n : 0, code);
    }
}
