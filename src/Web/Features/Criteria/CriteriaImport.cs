using System.Text;
using PlanNacc.Scoring.Criteria;

namespace PlanNacc.Web.Features.Criteria;

/// <summary>What an import stored: the year, its status, and how it differs from the criteria it replaced (or the year before).</summary>
public sealed record CriteriaImported(long Id, CriteriaSet Set, CriteriaSet? Compared, IReadOnlyList<ItemDiff> Diff);

/// <summary>
/// `criteria import FILE` and the admin page's upload: a JSON file (what `criteria --year Y --json` prints, edited or not)
/// or the XLSX template, validated whole (one error per problem, naming file, item and field); stored only when valid.
/// </summary>
public sealed class CriteriaImport(CriteriaStore store, CriteriaSource source)
{
    /// <summary>The largest file read: a year's criteria are tens of kilobytes; anything near this is not a criteria file.</summary>
    public const long MaxBytes = 2 * 1024 * 1024;

    /// <summary>Checks the size before reading a byte more: a 50 MB upload is refused without being parsed.</summary>
    public static void CheckSize(string fileName, long length)
    {
        if (length > MaxBytes)
        {
            throw new CriteriaImportException(
                [$"{fileName}: {length / 1024.0 / 1024.0:0.#} MB is too large for a criteria file (at most {MaxBytes / 1024 / 1024} MB)"]);
        }
    }

    /// <summary>The set a file holds, validated; throws <see cref="CriteriaImportException"/> with every problem.</summary>
    public static CriteriaSet Read(string fileName, byte[] bytes)
    {
        CheckSize(fileName, bytes.LongLength);
        // An XLSX is a zip ("PK"); anything else is read as JSON text.
        var json = bytes is [(byte)'P', (byte)'K', ..]
            ? CriteriaSpreadsheet.ToJson(fileName, bytes)
            : new UTF8Encoding(false, true).GetString(bytes).TrimStart('\uFEFF');
        try
        {
            return CriteriaPrinter.Parse(fileName, json);
        }
        catch (CriteriaValidationException e)
        {
            throw new CriteriaImportException(e.Errors);
        }
    }

    /// <summary>Reads, validates and stores a year; nothing is stored when any check fails.</summary>
    public async Task<CriteriaImported> ImportAsync(string fileName, byte[] bytes, string actor,
        CancellationToken cancellationToken = default)
    {
        var set = Read(fileName, bytes);
        var catalog = await source.CatalogAsync(cancellationToken);
        var compared = catalog.Exact(set.Year) ?? catalog.Sets.LastOrDefault(s => s.Year < set.Year);
        var id = await store.ImportAsync(set, catalog, fileName, actor, cancellationToken);
        return new CriteriaImported(id, set, compared, compared is null ? [] : CriteriaDiff.Compare(compared, set));
    }

    /// <summary>One line per change: "moved, renamed  o25 -> O23; "title" -> "title"".</summary>
    public static IEnumerable<string> DiffLines(IReadOnlyList<ItemDiff> diff) => diff.Select(d =>
        $"{string.Join(", ", d.Changes.Select(c => c.ToString().ToLowerInvariant())),-18} "
        + $"{(d.From?.Code ?? "-"),-4} -> {(d.To?.Code ?? "-"),-4}  {d.Detail}");
}
