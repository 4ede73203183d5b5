using System.Text;

namespace PlanNacc.Web.Features.Registry;

public sealed record RegistryImportReport(string Source, int RowsRead, UpsertResult Upserted, IReadOnlyList<RegistryProblem> Problems,
    string Layout = RegistryLayout.PlanNacc)
{
    /// <summary>Hosts several LAOs live on (each LAO is crawled under its own path there).</summary>
    public IReadOnlyList<SharedHost> SharedHosts { get; init; } = [];
    /// <summary>Website URLs several LAOs list (the registry should be corrected).</summary>
    public IReadOnlyList<DuplicateWebsite> DuplicateWebsites { get; init; } = [];

    public int Rejected => Problems.Count(p => p.Rejected);

    public int ImportedWithoutWebsite
        => Problems.Count(p => !p.Rejected && p.Message.Contains("without a website", StringComparison.Ordinal));

    public string Summary =>
        $"{Source} ({Layout} layout): {RowsRead} rows read; {Upserted.Inserted + Upserted.Updated} LAOs imported " +
        $"({Upserted.Inserted} new, {Upserted.Updated} updated); " +
        $"{Rejected} rows rejected; {ImportedWithoutWebsite} imported without a website" +
        (Problems.Count - Rejected - ImportedWithoutWebsite is > 0 and var notes
            ? $"; {notes} rows disagreeing with an earlier row of the same LAO" : "") +
        (SharedHosts.Count > 0 ? $"; {SharedHosts.Count} shared hosts ({SharedHosts.Sum(h => h.Laos.Count)} LAOs)" : "") +
        (DuplicateWebsites.Count > 0 ? $"; {DuplicateWebsites.Count} websites listed by several LAOs" : "");
}

/// <summary>Reads a registry file and upserts its LAOs; problems come back by line, never as an abort.</summary>
public sealed class RegistryImport(LaoStore store)
{
    public async Task<RegistryImportReport> ImportAsync(string path, string actor, CancellationToken cancellationToken = default)
    {
        using var reader = new StringReader(Decode(await File.ReadAllBytesAsync(path, cancellationToken)));
        return await ImportAsync(reader, Path.GetFileName(path), actor, cancellationToken);
    }

    public async Task<RegistryImportReport> ImportAsync(TextReader reader, string source, string actor,
        CancellationToken cancellationToken = default)
    {
        var read = RegistryCsvReader.Read(reader);
        var upserted = await store.UpsertAsync(read.Laos, actor, cancellationToken);
        // The LAO page says when an LAO shares its host or its URL with others, from this import.
        await store.ReplaceFindingsAsync(read.Laos.Select(l => l.DlaCode).ToList(), RegistryFinding.Of(read), cancellationToken);
        return new RegistryImportReport(source, read.RowsRead, upserted, read.Problems, read.Layout)
        {
            SharedHosts = read.SharedHosts,
            DuplicateWebsites = read.DuplicateWebsites,
        };
    }

    /// <summary>UTF-8 (with or without BOM), else windows-874: Thai government CSVs are often saved from Excel in TIS-620.</summary>
    public static string Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(874).GetString(bytes);
        }
    }
}
