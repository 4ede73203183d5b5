using Dapper;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Registry;

public sealed record UpsertResult(int Inserted, int Updated);

/// <summary>The registry of LAOs in the database: upsert by DLA code, look-ups for jobs.</summary>
public sealed class LaoStore(Database database)
{
    public async Task<UpsertResult> UpsertAsync(IReadOnlyList<LaoRecord> laos, string actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var existing = (await connection.QueryAsync<string>("SELECT dla_code FROM laos",
            transaction: transaction)).ToHashSet(StringComparer.Ordinal);
        var now = DateTime.UtcNow;
        await connection.ExecuteAsync(
            """
            INSERT INTO laos (dla_code, type, name, province, district, size, website, updated_at)
            VALUES (@DlaCode, @Type, @Name, @Province, @District, @Size, @Website, @UpdatedAt)
            ON CONFLICT (dla_code) DO UPDATE SET
                type = excluded.type, name = excluded.name, province = excluded.province, district = excluded.district,
                size = excluded.size, updated_at = excluded.updated_at,
                website = CASE WHEN @KeepStoredWebsite THEN laos.website ELSE excluded.website END
            """,
            laos.Select(l
                => new { l.DlaCode, l.Type, l.Name, l.Province, l.District, l.Size, l.Website, l.KeepStoredWebsite, UpdatedAt = now }),
            transaction);
        var inserted = laos.Count(l => !existing.Contains(l.DlaCode));
        var result = new UpsertResult(inserted, laos.Count - inserted);
        await new AuditLog(connection, transaction).WriteAsync(actor, "registry-import", "laos", "*", before: null, after: result,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Replaces the registry import's findings for the imported LAOs (an LAO no longer sharing anything loses its old
    /// finding).</summary>
    public async Task ReplaceFindingsAsync(
        IReadOnlyCollection<string> imported, IReadOnlyList<RegistryFinding> findings, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM registry_findings WHERE dla_code = @code", imported.Select(code => new { code }), transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO registry_findings (dla_code, kind, subject, path, others, found_at)
            VALUES (@DlaCode, @Kind, @Subject, @Path, @Others, @Now)
            """,
            findings.Select(f => new
            {
                f.DlaCode, Kind = RegistryFinding.Name(f.Kind), f.Subject, f.Path, Others = string.Join(' ', f.Others),
                    Now = DateTime.UtcNow,
            }),
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RegistryFinding>> FindingsAsync(string dlaCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Kind, string Subject, string? Path, string Others)>(new CommandDefinition(
            "SELECT kind, subject, path, others FROM registry_findings WHERE dla_code = @dlaCode ORDER BY kind",
            new { dlaCode }, cancellationToken: cancellationToken));
        return rows.Select(r => new RegistryFinding(
            dlaCode, r.Kind == "shared-host" ? RegistryFindingKind.SharedHost : RegistryFindingKind.DuplicateUrl, r.Subject, r.Path,
            r.Others.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
    }

    public async Task<LaoRecord?> GetAsync(string dlaCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<LaoRecord>(
            "SELECT dla_code, type, name, province, district, size, website FROM laos WHERE dla_code = @dlaCode",
            new { dlaCode });
    }

    public async Task<IReadOnlyList<LaoRecord>> WithWebsiteAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<LaoRecord>(
            "SELECT dla_code, type, name, province, district, size, website FROM laos WHERE website IS NOT NULL ORDER BY dla_code");
        return rows.AsList();
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM laos");
    }
}
