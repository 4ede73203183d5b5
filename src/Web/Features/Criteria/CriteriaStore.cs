using Dapper;
using PlanNacc.Scoring.Criteria;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Criteria;

/// <summary>One import of a year's criteria, as stored.</summary>
public sealed record ImportedCriteria
{
    public long Id { get; init; }
    public int Year { get; init; }
    public string Status { get; init; } = "";
    public string Source { get; init; } = "";
    public string FileName { get; init; } = "";
    public string SetJson { get; init; } = "";
    public string ImportedBy { get; init; } = "";
    public DateTime ImportedAt { get; init => field = value.AsUtc(); }
}

/// <summary>A criteria import the rules refuse (a year already confirmed, an invalid file): nothing was stored.</summary>
public sealed class CriteriaImportException(IReadOnlyList<string> errors) : Exception(string.Join("; ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>
/// Criteria years imported by an operator: each import kept whole (the newest of a year judges), written with its
/// audit-log line in one transaction.
/// </summary>
public sealed class CriteriaStore(Database database)
{
    public Database Database => database;

    /// <summary>
    /// Stores <paramref name="set"/> as its year's criteria. Refused (nothing stored) when the year in force, embedded or
    /// imported, is already confirmed: a confirmed year is the NACC's list and is not replaced by an upload.
    /// </summary>
    public async Task<long> ImportAsync(CriteriaSet set, CriteriaCatalog current, string fileName, string actor,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await connection.QueryFirstOrDefaultAsync<ImportedCriteria>(new CommandDefinition(
            $"{Columns} WHERE year = @year ORDER BY id DESC LIMIT 1", new { year = set.Year }, transaction,
                cancellationToken: cancellationToken));
        var inForce = before is null ? current.Exact(set.Year) : Json.Deserialize<CriteriaSet>(before.SetJson);
        if (inForce is { Provisional: false })
        {
            throw new CriteriaImportException(
                [$"{fileName}, year: ITA {set.Year} is already confirmed "
                    + $"({(before is null ? "built in" : $"imported by {before.ImportedBy}")}); it is not replaced"]);
        }
        var json = Json.Serialize(set);
        var now = DateTime.UtcNow;
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO criteria_years (year, status, source, file_name, set_json, imported_by, imported_at)
            VALUES (@Year, @Status, @Source, @fileName, @json, @actor, @now)
            RETURNING id
            """,
            new { set.Year, set.Status, set.Source, fileName, json, actor, now }, transaction, cancellationToken: cancellationToken));
        await new AuditLog(connection, transaction).WriteAsync(actor, "import", "criteria",
            set.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            before is null ? (inForce is null ? null : new { inForce.Id, inForce.Status, inForce.Source, builtIn = true })
                : new { importId = before.Id, before.Status, before.Source, before.FileName },
            new { importId = id, criteriaId = set.Id, set.Status, set.Source, fileName, items = set.Items.Count }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>The newest import of every imported year.</summary>
    public async Task<IReadOnlyList<ImportedCriteria>> LatestAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ImportedCriteria>(new CommandDefinition(
            $"{Columns} WHERE id IN (SELECT max(id) FROM criteria_years GROUP BY year) ORDER BY year",
            cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>The id of the newest import (0 when none): a cache of the catalogue is current while this does not move.</summary>
    public async Task<long> VersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT max(id) FROM criteria_years", cancellationToken: cancellationToken)) ?? 0;
    }

    private const string Columns = "SELECT id, year, status, source, file_name, set_json, imported_by, imported_at FROM criteria_years";
}
