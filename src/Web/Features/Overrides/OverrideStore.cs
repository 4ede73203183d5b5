using System.Security.Claims;
using Dapper;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Shared;
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

/// <summary>An attestation with the LAO it belongs to, as the province's review queue lists it.</summary>
public sealed record QueuedOverride
{
    public OverrideRow Override { get; init; } = null!;
    public string LaoType { get; init; } = "";
    public string LaoName { get; init; } = "";
    public string Province { get; init; } = "";
}

public enum ReviewOutcome
{
    Ok,
    NotFound,
    Forbidden,
}

/// <summary>Who may read and decide a province's attestations: its province officers and admins (tokens need the overrides
/// scope).</summary>
public static class OverrideAccess
{
    public static bool CanReviewOverridesOf(this ClaimsPrincipal user, string province) =>
        user.Identity?.IsAuthenticated == true && user.HasScope(Access.OverridesScope)
        && (user.IsInRole(Roles.Admin) || (user.IsInRole(Roles.Province) && user.FindFirstValue(Access.ProvinceClaim) == province));
}

public sealed class OverrideException(string message) : Exception(message);

/// <summary>
/// What an attestation is about: an LAO's latest scan (null year: none yet), its items and the evidence each cites, and the
/// scan itself (<paramref name="ScanId"/>), whose kept crawl the attestation then pins.
/// </summary>
public sealed record OverrideSubject(string DlaCode, int? CriteriaYear, IReadOnlyList<OverrideSubject.Item> Items, long? ScanId = null)
{
    public sealed record Item(string Code, IReadOnlyList<Scoring.Verdicts.EvidenceRef> Evidence);
}

/// <summary>
/// Attestations of items the crawler missed or misjudged, and their review. Each change writes the audit log (who,
/// when, before, after) in its own transaction and pins the scan's evidence for the item and the crawl the scan judged (its
/// kept snapshot), so retention and the next night's scan keep what was argued about.
/// </summary>
public sealed class OverrideStore(Database database, TimeProvider clock)
{
    private const string Columns =
        "id, dla_code, item_code, criteria_year, url, reason, status, created_by, created_at, reviewed_by, reviewed_at, review_note";

    public async Task<IReadOnlyList<OverrideRow>> ListAsync(string dlaCode, int? criteriaYear,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OverrideRow>(new CommandDefinition(
            $"SELECT {Columns} FROM overrides WHERE dla_code = @dlaCode AND (@year IS NULL OR criteria_year = @year) "
                + "ORDER BY created_at DESC, id DESC",
            new { dlaCode, year = criteriaYear }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>The statuses a queue can be filtered by: one status, "decided" (accepted or rejected), or all.</summary>
    public static bool IsStatusFilter(string? status) => status is null or "" or "pending" or "accepted" or "rejected" or "decided";

    /// <summary>
    /// A province's attestations, every criteria year: pending first (oldest first, as a queue is worked), then the decided
    /// ones (latest decision first, at most <paramref name="decidedLimit"/>).
    /// </summary>
    public async Task<IReadOnlyList<QueuedOverride>> ListForProvinceAsync(string province, string? status, int decidedLimit = 200,
        CancellationToken cancellationToken = default)
    {
        if (!IsStatusFilter(status))
        {
            throw new OverrideException($"unknown status {status}: pending, accepted, rejected or decided");
        }
        var prefixed = string.Join(", ", Columns.Split(", ").Select(c => "o." + c));
        var sql = $"""
            SELECT {prefixed}, l.type AS lao_type, l.name AS lao_name, l.province
            FROM overrides o JOIN laos l ON l.dla_code = o.dla_code
            WHERE l.province = @province AND o.status = 'pending' AND (@status IS NULL OR @status = 'pending')
            ORDER BY o.created_at, o.id
            """;
        var decided = $"""
            SELECT {prefixed}, l.type AS lao_type, l.name AS lao_name, l.province
            FROM overrides o JOIN laos l ON l.dla_code = o.dla_code
            WHERE l.province = @province AND o.status <> 'pending'
              AND (@status IS NULL OR @status = 'decided' OR o.status = @status)
            ORDER BY o.reviewed_at DESC, o.id DESC
            LIMIT @decidedLimit
            """;
        var filter = string.IsNullOrEmpty(status) ? null : status;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = new List<QueuedOverride>();
        foreach (var statement in new[] { sql, decided })
        {
            var found = await connection.QueryAsync<OverrideRow, LaoColumns, QueuedOverride>(new CommandDefinition(
                    statement, new { province, status = filter, decidedLimit }, cancellationToken: cancellationToken),
                (row, lao) => new QueuedOverride { Override = row, LaoType = lao.LaoType, LaoName = lao.LaoName, Province = lao.Province },
                splitOn: "lao_type");
            rows.AddRange(found);
        }
        return rows;
    }

    public async Task<OverrideRow?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OverrideRow>(new CommandDefinition(
            $"SELECT {Columns} FROM overrides WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>A pending attestation of one item of the subject's scan: the URL where the item is published and why.</summary>
    public async Task<OverrideRow> SubmitAsync(
        OverrideSubject subject, string itemCode, string url, string reason, string actor, CancellationToken cancellationToken = default)
    {
        if (subject.CriteriaYear is not { } year)
        {
            throw new OverrideException("ยังไม่มีผลการตรวจให้ยืนยัน");
        }
        var item = subject.Items.FirstOrDefault(i => i.Code == itemCode) ?? throw new OverrideException("ไม่มีข้อนี้ในเกณฑ์ของปีนี้");
        if (Links.SafeHref(url?.Trim()) is not { } href)
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
            new { dlaCode = subject.DlaCode, itemCode, year, href, reason = reason.Trim(), actor, now = Now }, transaction,
                cancellationToken: cancellationToken));
        var cited = item.Evidence.Select(e => e.ContentHash)
            .Concat(subject.Items.SelectMany(i => i.Evidence).Where(e => e.Url == href).Select(e => e.ContentHash))
            .OfType<string>().Distinct().ToList();
        foreach (var sha256 in cited)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO evidence_pins (sha256, reason, created_at) VALUES (@sha256, @pin, @now) ON CONFLICT DO NOTHING",
                new { sha256, pin = $"override:{row.Id}", now = Now }, transaction, cancellationToken: cancellationToken));
        }
        if (subject.ScanId is { } scanId)
        {
            // The crawl the attested verdict was judged from (a re-judged scan names the scan whose crawl it read): kept
            // while newer crawls of the LAO replace the unpinned ones.
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE crawl_snapshots SET pinned = 1
                WHERE scan_id = (SELECT coalesce(s.rejudged_from_scan_id, s.id) FROM site_scans s WHERE s.id = @scanId)
                """,
                new { scanId }, transaction, cancellationToken: cancellationToken));
        }
        await new AuditLog(connection, transaction).WriteAsync(actor, "submit", "override",
            row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, row, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row;
    }

    /// <summary>
    /// The one gate for a review from the province queue page and the API: the attestation exists (and lies in
    /// <paramref name="province"/> when a page of that province asks), the caller may review in its province, the
    /// decision is stored by <see cref="ReviewAsync"/>.
    /// </summary>
    public async Task<(ReviewOutcome Outcome, OverrideRow? Row)> ReviewAsAsync(ClaimsPrincipal user, long id, bool accept, string? note,
        string? province, CancellationToken cancellationToken = default)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            var found = await connection.QuerySingleOrDefaultAsync<AttestationOf>(new CommandDefinition(
                "SELECT l.province, o.created_by FROM overrides o JOIN laos l ON l.dla_code = o.dla_code WHERE o.id = @id",
                new { id }, cancellationToken: cancellationToken));
            if (found is not { } row || (province is not null && row.Province != province))
            {
                return (ReviewOutcome.NotFound, null);
            }
            // An attestation is decided by someone other than its author (an officer may attest for an LAO of theirs).
            if (!user.CanReviewOverridesOf(row.Province) || string.Equals(row.CreatedBy, user.Identity?.Name, StringComparison.Ordinal))
            {
                return (ReviewOutcome.Forbidden, null);
            }
        }
        if (note is { Length: > 2000 })
        {
            throw new OverrideException("หมายเหตุยาวเกิน 2,000 ตัวอักษร");
        }
        return (ReviewOutcome.Ok, await ReviewAsync(id, accept, note, user.Identity!.Name!, cancellationToken));
    }

    /// <summary>The province's decision on a pending attestation (a decided one can be decided again: the log keeps both).</summary>
    public async Task<OverrideRow> ReviewAsync(long id, bool accept, string? note, string actor,
        CancellationToken cancellationToken = default)
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
            new { id, status = accept ? "accepted" : "rejected", actor, now = Now,
                note = string.IsNullOrWhiteSpace(note) ? null : note.Trim() },
            transaction, cancellationToken: cancellationToken));
        await new AuditLog(connection, transaction).WriteAsync(actor, accept ? "accept" : "reject", "override",
            id.ToString(System.Globalization.CultureInfo.InvariantCulture), before, after, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return after;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private sealed record AttestationOf
    {
        public string Province { get; init; } = "";
        public string CreatedBy { get; init; } = "";
    }

    private sealed record LaoColumns
    {
        public string LaoType { get; init; } = "";
        public string LaoName { get; init; } = "";
        public string Province { get; init; } = "";
    }
}
