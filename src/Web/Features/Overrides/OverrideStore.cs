using Dapper;
using PlanNacc.Web.Features.Lao;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Overrides;

public sealed record OverrideRow
{
    public long Id { get; init; }
    public string DlaCode { get; init; } = "";
    public string ItemCode { get; init; } = "";
    public int CriteriaYear { get; init; }
    public string Url { get; init; } = "";
    public string Reason { get; init; } = "";
    public string Status { get; init; } = "";
    public string CreatedBy { get; init; } = "";
    public DateTime CreatedAt { get; init => field = value.AsUtc(); }
    public string? ReviewedBy { get; init; }
    public DateTime? ReviewedAt { get; init => field = value.AsUtc(); }
    public string? ReviewNote { get; init; }
}

public sealed class OverrideException(string message) : Exception(message);

/// <summary>
/// Attestations of items the crawler missed or misjudged, and their review. Each change writes the audit log (who,
/// when, before, after) in its own transaction and pins the scan's evidence for the item, so retention keeps what was
/// argued about.
/// </summary>
public sealed class OverrideStore(Database database, TimeProvider clock)
{
    private const string Columns = "id, dla_code, item_code, criteria_year, url, reason, status, created_by, created_at, reviewed_by, reviewed_at, review_note";

    public async Task<IReadOnlyList<OverrideRow>> ListAsync(string dlaCode, int? criteriaYear, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OverrideRow>(new CommandDefinition(
            $"SELECT {Columns} FROM overrides WHERE dla_code = @dlaCode AND (@year IS NULL OR criteria_year = @year) ORDER BY created_at DESC, id DESC",
            new { dlaCode, year = criteriaYear }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<OverrideRow?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OverrideRow>(new CommandDefinition(
            $"SELECT {Columns} FROM overrides WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>A pending attestation of one item of the checklist's scan: the URL where the item is published and why.</summary>
    public async Task<OverrideRow> SubmitAsync(LaoChecklist checklist, string itemCode, string url, string reason, string actor, CancellationToken cancellationToken = default)
    {
        if (checklist.Scan is not { CriteriaYear: { } year })
        {
            throw new OverrideException("ยังไม่มีผลการตรวจให้ยืนยัน");
        }
        var item = checklist.Items.FirstOrDefault(i => i.Code == itemCode) ?? throw new OverrideException("ไม่มีข้อนี้ในเกณฑ์ของปีนี้");
        if (DetailModel.SafeHref(url?.Trim()) is not { } href)
        {
            throw new OverrideException("URL ต้องขึ้นต้นด้วย http:// หรือ https://");
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 2000)
        {
            throw new OverrideException("ต้องระบุเหตุผล (ไม่เกิน 2,000 ตัวอักษร)");
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<OverrideRow>(new CommandDefinition(
            $"""
            INSERT INTO overrides (dla_code, item_code, criteria_year, url, reason, status, created_by, created_at)
            VALUES (@dlaCode, @itemCode, @year, @href, @reason, 'pending', @actor, @now)
            RETURNING {Columns}
            """,
            new { dlaCode = checklist.Lao.DlaCode, itemCode, year, href, reason = reason.Trim(), actor, now = Now }, transaction, cancellationToken: cancellationToken));
        var cited = item.Evidence.Select(e => e.ContentHash)
            .Concat(checklist.Items.SelectMany(i => i.Evidence).Where(e => e.Url == href).Select(e => e.ContentHash))
            .OfType<string>().Distinct().ToList();
        foreach (var sha256 in cited)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO evidence_pins (sha256, reason, created_at) VALUES (@sha256, @pin, @now) ON CONFLICT DO NOTHING",
                new { sha256, pin = $"override:{row.Id}", now = Now }, transaction, cancellationToken: cancellationToken));
        }
        await new AuditLog(connection, transaction).WriteAsync(actor, "submit", "override", row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, row, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row;
    }

    /// <summary>The province's decision on a pending attestation (a decided one can be decided again: the log keeps both).</summary>
    public async Task<OverrideRow> ReviewAsync(long id, bool accept, string? note, string actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await connection.QuerySingleOrDefaultAsync<OverrideRow>(new CommandDefinition(
            $"SELECT {Columns} FROM overrides WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken))
            ?? throw new OverrideException("ไม่พบรายการนี้");
        var after = await connection.QuerySingleAsync<OverrideRow>(new CommandDefinition(
            $"""
            UPDATE overrides SET status = @status, reviewed_by = @actor, reviewed_at = @now, review_note = @note WHERE id = @id
            RETURNING {Columns}
            """,
            new { id, status = accept ? "accepted" : "rejected", actor, now = Now, note = string.IsNullOrWhiteSpace(note) ? null : note.Trim() },
            transaction, cancellationToken: cancellationToken));
        await new AuditLog(connection, transaction).WriteAsync(actor, accept ? "accept" : "reject", "override", id.ToString(System.Globalization.CultureInfo.InvariantCulture), before, after, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return after;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}

/// <summary>The OIT score with accepted attestations counted as passes, by the scorer's rule: items 100/0, mean per sub-indicator, per indicator, then overall.</summary>
public static class AttestedScore
{
    public static double? Compute(IReadOnlyList<ItemRow> items, IReadOnlySet<string> attested)
    {
        if (items.Count == 0)
        {
            return null;
        }
        return items
            .GroupBy(i => i.Indicator)
            .Select(indicator => indicator.GroupBy(i => i.SubIndicator).Select(sub => sub.Average(i => attested.Contains(i.Code) ? 100.0 : i.Score)).Average())
            .Average();
    }
}
