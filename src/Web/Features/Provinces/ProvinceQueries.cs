using Dapper;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Provinces;

/// <summary>An LAO in its province's ranking: latest OIT score, the score of the scan before, and the rank then.</summary>
public sealed record RankingRow
{
    public string DlaCode { get; init; } = "";
    public string Type { get; init; } = "";
    public string Name { get; init; } = "";
    public string? District { get; init; }
    public string? Size { get; init; }
    public string? Website { get; init; }
    /// <summary>How the latest scan ended; null before the first.</summary>
    public ScanStatus? Status { get; init; }
    /// <summary>site_scans.status as stored (selected AS status_name), read into <see cref="Status"/>.</summary>
    public string? StatusName { init => Status = ScanStatuses.ParseOrNull(value); }
    public double? OitScore { get; init; }
    public double? PreviousOitScore { get; init; }
    public DateTime? FinishedAt { get; init => field = value.AsUtc(); }
    /// <summary>The fiscal year the latest scan assessed.</summary>
    public int? FiscalYear { get; init; }
    /// <summary>The year of the criteria that judged it (an earlier year when the assessed one has none).</summary>
    public int? CriteriaYear { get; init; }
    /// <summary>The assessed year had no criteria of its own: judged with an earlier year's.</summary>
    public bool CriteriaFallback => CriteriaYear is { } used && FiscalYear is { } assessed && used != assessed;
    public int? Rank { get; set; }
    public int? PreviousRank { get; set; }

    public double? Change => OitScore is { } now && PreviousOitScore is { } before ? now - before : null;

    /// <summary>Places gained since the previous scans (positive = up).</summary>
    public int? Movement => Rank is { } now && PreviousRank is { } before ? before - now : null;
}

/// <summary>An item and the share of LAOs whose latest scan does not pass it.</summary>
public sealed record MissedItem
{
    public string Code { get; init; } = "";
    public string Title { get; init; } = "";
    public int Missing { get; init; }
    public int Judged { get; init; }

    public double Percent => Judged == 0 ? 0 : 100.0 * Missing / Judged;
}

public sealed record RankingFilter(string? District = null, string? Type = null, string? Size = null, string Sort = "oit",
    bool Descending = true);

public sealed class ProvinceQueries(Database database, ReadCache cache)
{
    public static readonly string[] Sorts = ["oit", "name", "district", "movement", "change"];

    /// <summary>Every LAO of the province (filters applied), ranked by OIT readiness; ranks are over the filtered set.</summary>
    public async Task<IReadOnlyList<RankingRow>> RankingAsync(string province, RankingFilter filter,
        CancellationToken cancellationToken = default)
    {
        var all = await ProvinceRowsAsync(province, cancellationToken);
        // Copies: ranks are set per request (they depend on the filter), the cached rows are shared.
        var rows = all.Where(r => Matches(r.District, filter.District) && Matches(r.Type, filter.Type) && Matches(r.Size, filter.Size))
            .Select(r => r with { })
            .ToList();
        AssignRanks(rows, r => r.OitScore, (r, rank) => r.Rank = rank);
        AssignRanks(rows, r => r.PreviousOitScore, (r, rank) => r.PreviousRank = rank);
        Func<RankingRow, IComparable?> key = filter.Sort switch
        {
            "name" => r => r.Name,
            "district" => r => r.District,
            "movement" => r => r.Movement,
            "change" => r => r.Change,
            _ => r => r.OitScore,
        };
        // Rows without the sort key (never scanned, no previous scan) go last in either direction.
        var keyed = rows.Where(r => key(r) is not null);
        var ordered = filter.Descending ? keyed.OrderByDescending(key) : keyed.OrderBy(key);
        return ordered.ThenBy(r => r.Name, StringComparer.Ordinal)
            .Concat(rows.Where(r => key(r) is null).OrderBy(r => r.Name, StringComparer.Ordinal))
            .ToList();
    }

    private static bool Matches(string? value, string? wanted) => wanted is null || string.Equals(value, wanted, StringComparison.Ordinal);

    /// <summary>The provinces the registry knows: only those get cache entries (a made-up name must not evict real ones).</summary>
    private async Task<bool> KnownAsync(string province, CancellationToken cancellationToken) =>
        (await cache.GetAsync("province-names", async ct =>
        {
            await using var connection = await database.OpenAsync(ct);
            return (IReadOnlySet<string>)(await connection.QueryAsync<string>(new CommandDefinition("SELECT DISTINCT province FROM laos",
                cancellationToken: ct)))
                .ToHashSet(StringComparer.Ordinal);
        }, cancellationToken)).Contains(province);

    /// <summary>Every LAO of the province with its latest and previous scored scan, as of the store's current data.</summary>
    private async Task<IReadOnlyList<RankingRow>> ProvinceRowsAsync(string province, CancellationToken cancellationToken) =>
        !await KnownAsync(province, cancellationToken) ? [] : await cache.GetAsync("province-rows:" + province, async ct =>
        {
            await using var connection = await database.OpenAsync(ct);
            var rows = await connection.QueryAsync<RankingRow>(new CommandDefinition(
                """
                SELECT l.dla_code, l.type, l.name, l.district, l.size, l.website, s.status AS status_name, s.oit_score,
                       s.finished_at,
                       s.fiscal_year, s.criteria_year,
                       (SELECT p.oit_score FROM site_scans p
                        WHERE p.dla_code = l.dla_code AND p.id <> s.id AND p.finished_at <= s.finished_at AND p.oit_score IS NOT NULL
                        ORDER BY p.finished_at DESC, p.id DESC LIMIT 1) AS previous_oit_score
                FROM laos l
                LEFT JOIN site_scans s ON s.id = l.latest_scan_id
                WHERE l.province = @province
                """,
                new { province },
                cancellationToken: ct));
            return (IReadOnlyList<RankingRow>)rows.AsList();
        }, cancellationToken);

    /// <summary>The items the given LAOs' latest scans miss most (fail or review), top <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<MissedItem>> MostMissedAsync(string? province, int limit,
        CancellationToken cancellationToken = default) =>
        province is not null
            && !await KnownAsync(province, cancellationToken) ? []
            : await cache.GetAsync($"most-missed:{limit}:{province ?? "*"}", async ct =>
        {
            await using var connection = await database.OpenAsync(ct);
            // Two statements, not "@province = '' OR …": the OR keeps SQLite from using the province index. Counted from the
            // (scan_id, code, status) index alone; the titles of the few items shown are read after.
            var sql = province is null ? MostMissedSql.Replace("{where}", "", StringComparison.Ordinal)
                : MostMissedSql.Replace("{where}", "WHERE l.province = @province", StringComparison.Ordinal);
            var counts = (await connection.QueryAsync<MissedItem>(new CommandDefinition(sql, new { province, limit },
                cancellationToken: ct))).AsList();
            if (counts.Count == 0)
            {
                return (IReadOnlyList<MissedItem>)counts;
            }
            // Titles from the newest of these scans (one criteria year); an item it lacks takes its title from any scan judging it.
            var newest = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                province is null ? "SELECT max(latest_scan_id) FROM laos"
                    : "SELECT max(latest_scan_id) FROM laos WHERE province = @province",
                new { province }, cancellationToken: ct));
            // Titles are the stored verdicts' (read typed): the newest scan's, then any scan that judged a missing code.
            var titles = await TitlesAsync(connection, newest, ct);
            foreach (var code in counts.Select(c => c.Code).Where(c => !titles.ContainsKey(c)).ToList())
            {
                var judged = await connection.QueryFirstOrDefaultAsync<long?>(new CommandDefinition(
                    "SELECT scan_id FROM item_results WHERE code = @code LIMIT 1", new { code }, cancellationToken: ct));
                titles[code] = (await TitlesAsync(connection, judged, ct)).GetValueOrDefault(code) ?? code;
            }
            return counts.Select(c => c with { Title = titles[c.Code] }).ToList();
        }, cancellationToken);

    private static async Task<Dictionary<string, string>> TitlesAsync(
        System.Data.Common.DbConnection connection, long? scanId, CancellationToken cancellationToken) =>
        (scanId is { } id ? await StoredVerdict.ReadAsync(connection, id, cancellationToken) : null)?.Items
            .ToDictionary(i => i.Code, i => i.Title, StringComparer.Ordinal) ?? new Dictionary<string, string>(StringComparer.Ordinal);

    // Driven from the LAOs' latest scans into the (scan_id, code, status) index; as a plain join SQLite may scan every item
    // row of every run instead.
    private const string MostMissedSql = """
        SELECT i.code, SUM(CASE WHEN i.status = 'pass' THEN 0 ELSE 1 END) AS missing, COUNT(*) AS judged
        FROM item_results i
        WHERE i.scan_id IN (SELECT l.latest_scan_id FROM laos l {where})
        GROUP BY i.code
        ORDER BY missing DESC, i.code
        LIMIT @limit
        """;

    public async Task<(IReadOnlyList<string> Districts, IReadOnlyList<string> Types,
        IReadOnlyList<string> Sizes)> FacetsAsync(string province, CancellationToken cancellationToken = default)
    {
        var rows = await ProvinceRowsAsync(province, cancellationToken);
        return (Distinct(rows.Select(r => r.District)), Distinct(rows.Select(r => (string?)r.Type)), Distinct(rows.Select(r => r.Size)));
    }

    private static List<string> Distinct(IEnumerable<string?> values) =>
        values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Competition ranking (1, 2, 2, 4) by score, highest first; no score, no rank.</summary>
    private static void AssignRanks(List<RankingRow> rows, Func<RankingRow, double?> score, Action<RankingRow, int> set)
    {
        var scored = rows.Where(r => score(r) is not null).OrderByDescending(score).ToList();
        var rank = 0;
        for (var i = 0; i < scored.Count; i++)
        {
            if (i == 0 || score(scored[i]) != score(scored[i - 1]))
            {
                rank = i + 1;
            }
            set(scored[i], rank);
        }
    }
}
