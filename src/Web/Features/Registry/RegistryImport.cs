using System.Text;

namespace PlanNacc.Web.Features.Registry;

public sealed record RegistryImportReport(string Source, int RowsRead, UpsertResult Upserted, IReadOnlyList<RegistryProblem> Problems)
{
    public int Rejected => Problems.Count(p => p.Rejected);

    public int ImportedWithoutWebsite => Problems.Count(p => !p.Rejected);

    public string Summary =>
        $"{Source}: {RowsRead} rows read; {Upserted.Inserted + Upserted.Updated} LAOs imported ({Upserted.Inserted} new, {Upserted.Updated} updated); " +
        $"{Rejected} rows rejected; {ImportedWithoutWebsite} imported without a website";
}

/// <summary>Reads a registry file and upserts its LAOs; problems come back by line, never as an abort.</summary>
public sealed class RegistryImport(LaoStore store)
{
    public async Task<RegistryImportReport> ImportAsync(string path, string actor, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return await ImportAsync(reader, Path.GetFileName(path), actor, cancellationToken);
    }

    public async Task<RegistryImportReport> ImportAsync(TextReader reader, string source, string actor, CancellationToken cancellationToken = default)
    {
        var read = RegistryCsvReader.Read(reader);
        var upserted = await store.UpsertAsync(read.Laos, actor, cancellationToken);
        return new RegistryImportReport(source, read.RowsRead, upserted, read.Problems);
    }
}
