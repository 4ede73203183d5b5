using Dapper;
using PlanNacc.Scoring.Verdicts;
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
    public string? Status { get; init; }
    public double? OitScore { get; init; }
    public DateTime? FinishedAt { get; init => field = value.AsUtc(); }
}

/// <summary>The latest scan of an LAO, as the LAO page shows it.</summary>
public sealed record ScanSummary
{
    public long Id { get; init; }
    public long RunId { get; init; }
    public string SiteUrl { get; init; } = "";
    public string Status { get; init; } = "";
    public string? Reason { get; init; }
    public DateTime StartedAt { get; init => field = value.AsUtc(); }
    public DateTime FinishedAt { get; init => field = value.AsUtc(); }
    public int PagesFetched { get; init; }
    public int DocumentsChecked { get; init; }
    public int? CriteriaYear { get; init; }
    public string? CriteriaId { get; init; }
    public int? RequestedYear { get; init; }
    public int? FiscalYear { get; init; }
    public double? OitScore { get; init; }
    public string? IndicatorScores { get; init; }
    public string? Grade { get; init; }
    public string? VerdictJson { get; init; }

    public IReadOnlyDictionary<string, double> Indicators =>
        IndicatorScores is null ? new Dictionary<string, double>() : Json.Deserialize<Dictionary<string, double>>(IndicatorScores);

    /// <summary>The criteria file's note when the assessed year has no file of its own.</summary>
    public Reason? FallbackNote => VerdictJson is null ? null : Json.Deserialize<StoredCriteria>(VerdictJson).Criteria?.FallbackNote;

    private sealed record StoredCriteria(CriteriaRef? Criteria);
}

/// <summary>One checklist row: an OIT item's verdict in the stored scan.</summary>
public sealed record ItemRow
{
    public string Code { get; init; } = "";
    public string Title { get; init; } = "";
    public string TitleEn { get; init; } = "";
    public string Indicator { get; init; } = "";
    public string SubIndicator { get; init; } = "";
    public string Status { get; init; } = "";
    public int Score { get; init; }
    public string EvidenceJson { get; init; } = "[]";
    public string ReasonsJson { get; init; } = "[]";
    public string? FixHintJson { get; init; }

    public IReadOnlyList<EvidenceRef> Evidence => Json.Deserialize<List<EvidenceRef>>(EvidenceJson);
    public IReadOnlyList<Reason> Reasons => Json.Deserialize<List<Reason>>(ReasonsJson);
    public Reason? FixHint => FixHintJson is null ? null : Json.Deserialize<Reason>(FixHintJson);
}

public sealed record LaoChecklist(Registry.LaoRecord Lao, ScanSummary? Scan, IReadOnlyList<ItemRow> Items);

/// <summary>The reads behind the LAO list and the LAO page.</summary>
public sealed class LaoQueries(Database database)
{
    /// <summary>LAOs matching the search (name, code or province) and, when given, exactly this province and type.</summary>
    public async Task<IReadOnlyList<LaoListRow>> ListAsync(string? search, int limit, int offset, CancellationToken cancellationToken = default, string? province = null, string? type = null)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var pattern = "%" + (search?.Trim().ToLowerInvariant() ?? "") + "%";
        province = province?.Trim() ?? "";
        type = type?.Trim() ?? "";
        var rows = await connection.QueryAsync<LaoListRow>(new CommandDefinition(
            """
            SELECT l.dla_code, l.type, l.name, l.province, l.district, l.website, s.status, s.oit_score, s.finished_at
            FROM laos l
            LEFT JOIN site_scans s ON s.id = l.latest_scan_id
            WHERE (lower(l.name) LIKE @pattern OR l.dla_code LIKE @pattern OR lower(l.province) LIKE @pattern)
              AND (@province = '' OR l.province = @province)
              AND (@type = '' OR l.type = @type)
            ORDER BY l.province, l.name, l.dla_code
            LIMIT @limit OFFSET @offset
            """,
            new { pattern, limit, offset, province, type },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<LaoChecklist?> ChecklistAsync(string dlaCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var lao = await connection.QuerySingleOrDefaultAsync<Registry.LaoRecord>(new CommandDefinition(
            "SELECT dla_code, type, name, province, district, size, website FROM laos WHERE dla_code = @dlaCode",
            new { dlaCode },
            cancellationToken: cancellationToken));
        if (lao is null)
        {
            return null;
        }
        var scan = await connection.QuerySingleOrDefaultAsync<ScanSummary>(new CommandDefinition(
            """
            SELECT s.id, s.run_id, s.site_url, s.status, s.reason, s.started_at, s.finished_at, s.pages_fetched,
                   s.documents_checked, s.criteria_year, s.criteria_id, s.requested_year, s.fiscal_year, s.oit_score,
                   s.indicator_scores, s.grade, s.verdict_json
            FROM laos l JOIN site_scans s ON s.id = l.latest_scan_id
            WHERE l.dla_code = @dlaCode
            """,
            new { dlaCode },
            cancellationToken: cancellationToken));
        if (scan is null)
        {
            return new LaoChecklist(lao, null, []);
        }
        var items = await connection.QueryAsync<ItemRow>(new CommandDefinition(
            """
            SELECT code, title, title_en, indicator, sub_indicator, status, score, evidence_json, reasons_json, fix_hint_json
            FROM item_results WHERE scan_id = @id
            """,
            new { id = scan.Id },
            cancellationToken: cancellationToken));
        return new LaoChecklist(lao, scan, items.OrderBy(i => ItemOrder(i.Code)).ToList());
    }

    /// <summary>o2 before o10: by the number in the code.</summary>
    private static (string, int, string) ItemOrder(string code)
    {
        var digits = new string(code.SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit).ToArray());
        return (new string(code.TakeWhile(c => !char.IsAsciiDigit(c)).ToArray()).ToLowerInvariant(), int.TryParse(digits, out var n) ? n : 0, code);
    }
}
