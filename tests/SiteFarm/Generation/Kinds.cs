namespace PlanNacc.SiteFarm.Generation;

/// <summary>Which fiscal year a document is about, relative to the assessed year (disclosure-kinds.md, 2568 rules).</summary>
internal enum Period { Standing, Current, Previous, H1, Span }

/// <summary>How a kind is published: a document linked from a listing, a page of its own, or a link off-site.</summary>
internal enum Form { Doc, Page, External }

internal enum PageStyle { Generic, Chart, Persons, Authority, Contact, News, Board, Form, Policy, Laws }

/// <summary>
/// One disclosure kind as LAO sites publish it. Labels are menu/listing labels seen on real sites; titles are
/// document titles. Tokens: {Y} year, {S}/{E} plan span, {org} full name, {abbr} อบต./ทต., {law} ข้อบัญญัติ/เทศบัญญัติ,
/// {h1} the first-half window "(ต.ค. 67 - มี.ค. 68)".
/// </summary>
internal sealed record KindSpec(
    string Id, int Group, Form Form, Period Period, double Weight, string[] Labels, string[] Titles,
    PageStyle Style = PageStyle.Generic);

/// <summary>
/// The kinds, their menu labels and document titles, and the OIT items per ITA year: vocabulary, so it lives in the
/// embedded data file Generation/kinds.json (labels and titles as LAO sites write them), read once per process.
/// </summary>
internal static class Kinds
{
    internal sealed record KindRow(
        string Id, int Group, string Form, string Period, double Weight, string[] Labels, string[] Titles, string? Style);

    internal sealed record ItemRow(string Code, string Title, string[] Kinds);

    internal sealed record DataFile(string[] Groups, KindRow[] Kinds, Dictionary<string, ItemRow[]> Items);

    private static readonly DataFile Data = Load();

    public static readonly string[] Groups = Data.Groups;

    public static readonly IReadOnlyList<KindSpec> All = Data.Kinds
        .Select(k => new KindSpec(k.Id, k.Group, Enum.Parse<Form>(k.Form), Enum.Parse<Period>(k.Period), k.Weight, k.Labels,
            k.Titles, k.Style is null ? PageStyle.Generic : Enum.Parse<PageStyle>(k.Style)))
        .ToArray();

    public static readonly IReadOnlyDictionary<string, KindSpec> ById = All.ToDictionary(k => k.Id);

    private static readonly (string, string, string[])[] Items2568 = ItemsOf("2568");
    private static readonly (string, string, string[])[] Items2567 = ItemsOf("2567");
    private static readonly (string, string, string[])[] Items2563 = ItemsOf("2563");

    /// <summary>The OIT items of an ITA year as an LAO hub page lists them: code, title, kinds behind it.</summary>
    public static IReadOnlyList<(string Code, string Title, string[] Kinds)> ItemsFor(int itaYear) =>
        itaYear >= 2568 ? Items2568 : itaYear >= 2566 ? Items2567 : Items2563;

    private static (string, string, string[])[] ItemsOf(string year) =>
        Data.Items[year].Select(i => (i.Code, i.Title, i.Kinds)).ToArray();

    private static DataFile Load()
    {
        using var stream = typeof(Kinds).Assembly.GetManifestResourceStream("PlanNacc.SiteFarm.kinds.json")
            ?? throw new InvalidOperationException("the embedded kinds.json is missing");
        return System.Text.Json.JsonSerializer.Deserialize<DataFile>(stream,
                new System.Text.Json.JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidOperationException("kinds.json is empty");
    }
}
