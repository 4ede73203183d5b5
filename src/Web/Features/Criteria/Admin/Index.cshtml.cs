using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlanNacc.Scoring.Criteria;
using PlanNacc.Web.Features.Accounts;

namespace PlanNacc.Web.Features.Criteria.Admin;

/// <summary>One year as the admin page lists it: the set in force and where it came from.</summary>
public sealed record CriteriaYearRow(CriteriaSet Set, ImportedCriteria? Import);

/// <summary>
/// /admin/criteria: the years in force (built in or imported, confirmed or provisional, by whom and when), an upload that
/// imports a year exactly as `criteria import FILE` does, and the diff of two years.
/// </summary>
[Authorize(Policy = Roles.Admin)]
// The upload is refused by its size with a clear message, not by the server's default limit with a bare 413.
[RequestSizeLimit(64 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
public sealed class IndexModel(CriteriaSource source, CriteriaStore store, CriteriaImport import) : PageModel
{
    public IReadOnlyList<CriteriaYearRow> Years { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? To { get; set; }

    public IReadOnlyList<ItemDiff>? Diff { get; private set; }

    public CriteriaImported? Imported { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (From is { } from && To is { } to && Years.FirstOrDefault(y => y.Set.Year == from) is { } a
            && Years.FirstOrDefault(y => y.Set.Year == to) is { } b)
        {
            Diff = CriteriaDiff.Compare(a.Set, b.Set);
        }
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            Errors = ["no file chosen / ยังไม่ได้เลือกไฟล์"];
        }
        else
        {
            var name = Path.GetFileName(file.FileName);
            try
            {
                CriteriaImport.CheckSize(name, file.Length);
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, cancellationToken);
                Imported = await import.ImportAsync(name, buffer.ToArray(), User.Identity!.Name!, cancellationToken);
            }
            catch (CriteriaImportException e)
            {
                Errors = e.Errors;
            }
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var catalog = await source.CatalogAsync(cancellationToken);
        var imports = (await store.LatestAsync(cancellationToken)).ToDictionary(i => i.Year);
        Years = catalog.Sets.OrderByDescending(s => s.Year).Select(s => new CriteriaYearRow(s, imports.GetValueOrDefault(s.Year))).ToList();
    }
}
