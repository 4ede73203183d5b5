using System.Globalization;
using PlanNacc.Scoring.Criteria;
using PlanNacc.Web.Features.Criteria;

namespace PlanNacc.Web.Cli;

/// <summary>
/// `criteria [--year Y] [--json | --xlsx FILE]`: a year's OIT items as the checker reads them (the embedded years with the
/// operator's imported years over them). `criteria import FILE [--as NAME]`: store a year from that JSON (edited) or the
/// XLSX template. `criteria diff A B`: items moved, renamed, changed, added and removed from year A to year B.
/// </summary>
public static class CriteriaCommand
{
    public static async Task<int> RunAsync(CliArgs cli, IServiceProvider services)
    {
        var source = services.GetRequiredService<CriteriaSource>();
        switch (cli.Positionals)
        {
            case []:
                return await PrintAsync(cli, source);
            case ["import", var file]:
                return await ImportAsync(cli, services.GetRequiredService<CriteriaImport>(), file);
            case ["diff", var a, var b]:
                return await DiffAsync(source, Year(a, cli), Year(b, cli));
            default:
                throw new UsageException("criteria takes no argument, or `import FILE`, or `diff A B`", cli.Verb);
        }
    }

    private static async Task<int> PrintAsync(CliArgs cli, CriteriaSource source)
    {
        var year = cli.Int("--year", 2500, 2700) ?? source.AssessedYear;
        var resolution = (await source.CatalogAsync()).Resolve(year);
        if (cli.Value("--xlsx") is { } xlsx)
        {
            await File.WriteAllBytesAsync(xlsx, CriteriaSpreadsheet.Write(resolution.Set));
            Console.WriteLine($"{xlsx}: ITA {resolution.Set.Year} ({resolution.Set.Status}), {resolution.Set.Items.Count} items");
            foreach (var note in new[] { resolution.FallbackNote, resolution.ProvisionalNote }.OfType<Scoring.Verdicts.Reason>())
            {
                Console.Error.WriteLine($"note: {note.En}");
            }
            return CommandLine.Ok;
        }
        Console.WriteLine(cli.Has("--json") ? CriteriaPrinter.ToJson(resolution) : CriteriaPrinter.ToText(resolution));
        return CommandLine.Ok;
    }

    private static async Task<int> ImportAsync(CliArgs cli, CriteriaImport import, string file)
    {
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            throw new UsageException($"criteria import: no such file {file}", cli.Verb);
        }
        var actor = cli.Value("--as") ?? $"cli:{Environment.UserName}";
        try
        {
            CriteriaImport.CheckSize(info.Name, info.Length);
            var imported = await import.ImportAsync(info.Name, await File.ReadAllBytesAsync(file), actor);
            Console.WriteLine(
                $"criteria ITA {imported.Set.Year} imported ({imported.Set.Status}, {imported.Set.Items.Count} items, by {actor});"
                + " from now on that year is judged with it");
            if (imported.Compared is { } compared)
            {
                Console.WriteLine($"changes from ITA {compared.Year}{(compared.Year == imported.Set.Year ? " as it was" : "")}: " +
                    $"{(imported.Diff.Count == 0 ? "none" : imported.Diff.Count)}");
                foreach (var line in CriteriaImport.DiffLines(imported.Diff))
                {
                    Console.WriteLine("  " + line);
                }
            }
            Console.WriteLine($"to re-judge every LAO now from its kept crawl (no website is visited): plannacc rescore --year " +
                $"{imported.Set.Year} --all");
            return CommandLine.Ok;
        }
        catch (CriteriaImportException e)
        {
            foreach (var error in e.Errors)
            {
                Console.Error.WriteLine(error);
            }
            throw new CliFailure($"criteria import: {e.Errors.Count} problem(s); nothing stored", CommandLine.Failed);
        }
    }

    private static async Task<int> DiffAsync(CriteriaSource source, int from, int to)
    {
        var catalog = await source.CatalogAsync();
        var a = catalog.Exact(from) ?? throw new CliFailure(
            $"criteria diff: no criteria for {from} (years: {string.Join(", ", catalog.Years)})", CommandLine.Failed);
        var b = catalog.Exact(to) ?? throw new CliFailure(
            $"criteria diff: no criteria for {to} (years: {string.Join(", ", catalog.Years)})", CommandLine.Failed);
        var diff = CriteriaDiff.Compare(a, b);
        Console.WriteLine($"ITA {from} ({a.Items.Count} items) -> ITA {to} ({b.Items.Count} items): {diff.Count} changes");
        foreach (var line in CriteriaImport.DiffLines(diff))
        {
            Console.WriteLine(line);
        }
        return CommandLine.Ok;
    }

    private static int Year(string text, CliArgs cli) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2500 and <= 2700
            ? y
            : throw new UsageException($"criteria diff expects two Buddhist-era years, not '{text}'", cli.Verb);
}
