using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlanNacc.Web.Features.Criteria;

namespace PlanNacc.Web.Features.Provinces;

public sealed class RankingModel(ProvinceQueries queries, CriteriaSource criteria) : PageModel
{
    /// <summary>Which criteria judge the assessed fiscal year (a fallback or provisional year is said on the page).</summary>
    public CriteriaNotice? Notice { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string Province { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? District { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Size { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Dir { get; set; }

    public IReadOnlyList<RankingRow> Rows { get; private set; } = [];

    public IReadOnlyList<MissedItem> Missed { get; private set; } = [];

    public (IReadOnlyList<string> Districts, IReadOnlyList<string> Types, IReadOnlyList<string> Sizes) Facets { get; private set; }

    public RankingFilter Filter => Filters(District, Type, Size, Sort, Dir);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Facets = await queries.FacetsAsync(Province, cancellationToken);
        if (Facets.Types.Count == 0)
        {
            return NotFound();
        }
        Notice = await criteria.NoticeAsync(cancellationToken: cancellationToken);
        Rows = await queries.RankingAsync(Province, Filter, cancellationToken);
        Missed = await queries.MostMissedAsync(Province, 10, cancellationToken);
        return Page();
    }

    public static RankingFilter Filters(string? district, string? type, string? size, string? sort, string? dir)
    {
        var key = ProvinceQueries.Sorts.Contains(sort) ? sort! : "oit";
        var descending = dir is null ? key is "oit" or "change" or "movement" : dir != "asc";
        return new RankingFilter(Blank(district), Blank(type), Blank(size), key, descending);
    }

    /// <summary>The link of a column header: the same filters, this column, the other direction when already sorted by it.</summary>
    public string SortLink(string column)
    {
        var dir = Filter.Sort == column ? (Filter.Descending ? "asc" : "desc") : (column is "name" or "district" ? "asc" : "desc");
        return Query(new() { ["sort"] = column, ["dir"] = dir });
    }

    public string Query(Dictionary<string, string?> extra, string path = "")
    {
        var values = new Dictionary<string,
            string?> { ["district"] = District, ["type"] = Type, ["size"] = Size, ["sort"] = Sort, ["dir"] = Dir };
        foreach (var (k, v) in extra)
        {
            values[k] = v;
        }
        var pairs = values.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}");
        return $"/province/{Uri.EscapeDataString(Province)}{path}?{string.Join("&", pairs)}";
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
