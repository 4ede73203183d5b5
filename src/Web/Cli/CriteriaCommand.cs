using PlanNacc.Scoring.Criteria;
using Microsoft.Extensions.Options;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Cli;

/// <summary>`criteria [--year Y] [--json]`: a year's OIT items as the checker reads them.</summary>
public static class CriteriaCommand
{
    public static int Run(CliArgs cli, IServiceProvider services)
    {
        var year = cli.Int("--year", 2500, 2700)
            ?? services.GetRequiredService<IOptions<ScanOptions>>().Value.AssessedYear(services.GetRequiredService<TimeProvider>());
        var resolution = services.GetRequiredService<CriteriaCatalog>().Resolve(year);
        var set = resolution.Set;
        if (cli.Has("--json"))
        {
            Console.WriteLine(Json.Serialize(new
            {
                requestedYear = year,
                criteria = new { year = set.Year, id = set.Id },
                fallbackNote = resolution.FallbackNote,
                title = new { th = set.TitleTh, en = set.TitleEn },
                set.Indicators,
                items = set.Items.Select(i => new
                {
                    code = i.Code,
                    title = i.TitleTh,
                    titleEn = i.TitleEn,
                    indicator = i.Indicator,
                    subIndicator = i.SubIndicator,
                    group = i.Group,
                    kinds = i.Kinds,
                    period = i.PeriodText,
                    components = i.Components,
                    source = i.Source,
                    confidence = i.Confidence,
                }),
            }, indented: true));
            return CommandLine.Ok;
        }
        var output = Console.Out;
        output.WriteLine($"{set.Id}: {set.TitleTh} / {set.TitleEn} ({set.Items.Count} items)");
        if (resolution.FallbackNote is { } note)
        {
            output.WriteLine($"note: {note.Th}");
            output.WriteLine($"      {note.En}");
        }
        foreach (var item in set.Items)
        {
            output.WriteLine();
            output.WriteLine($"{item.Code,-4} indicator {item.Indicator} / {item.SubIndicator}  period: {item.PeriodText}  [{item.Confidence}]");
            output.WriteLine($"     {item.TitleTh}");
            output.WriteLine($"     {item.TitleEn}");
            output.WriteLine($"     kinds: {string.Join(", ", item.Kinds)}");
            foreach (var component in item.Components)
            {
                output.WriteLine($"     {component.N}. {component.Th} / {component.En}{(component.Check.Manual ? " (manual)" : "")}");
            }
        }
        return CommandLine.Ok;
    }
}
