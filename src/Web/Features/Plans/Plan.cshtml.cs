using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlanNacc.Web.Features.Registry;

namespace PlanNacc.Web.Features.Plans;

/// <summary>จัดการโครงการ: the LAO's plan for one cycle, its change history, and the plan as it stood on a chosen date.</summary>
public sealed class PlanModel(LaoStore laos, PlanStore plans, PlanFrameworks frameworks, TimeProvider clock) : PageModel
{
    public LaoRecord Lao { get; private set; } = null!;

    public PlanFramework Framework { get; private set; } = null!;

    public IReadOnlyList<PlanFramework> Frameworks => frameworks.All;

    public IReadOnlyList<PlanProject> Projects { get; private set; } = [];

    public IReadOnlyList<PlanChange> History { get; private set; } = [];

    public IReadOnlyList<PlanProblem> Problems { get; private set; } = [];

    /// <summary>What the form shows: the project being edited, or what was posted when it was refused.</summary>
    public ProjectInput Form { get; private set; } = new();

    public bool CanEdit => User.CanEditPlan(Lao);

    [BindProperty(SupportsGet = true)]
    public string? Cycle { get; set; }

    /// <summary>Show the plan as it stood at the end of this day (Bangkok); CE date from the date picker.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Edit { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (Edit is { } id && Projects.FirstOrDefault(p => p.Id == id) is { } editing)
        {
            Form = editing.Details;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string code, long? projectId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (!CanEdit)
        {
            return Forbid();
        }
        var input = ReadForm();
        try
        {
            if (projectId is { } id)
            {
                if (!await plans.UpdateAsync(Lao.DlaCode, Framework.Cycle, id, input, User.Identity!.Name!, cancellationToken))
                {
                    return NotFound();
                }
            }
            else
            {
                await plans.AddAsync(Lao.DlaCode, Framework.Cycle, input, User.Identity!.Name!, cancellationToken);
            }
            return Redirect($"/lao/{Lao.DlaCode}/plan?cycle={Framework.Cycle}");
        }
        catch (PlanValidationException e)
        {
            Problems = e.Problems;
            Form = input;
            Edit = projectId;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    public IReadOnlyList<SheetProblem> SheetProblems { get; private set; } = [];

    /// <summary>Adds every project of an uploaded plan spreadsheet, or none when any row is wrong.</summary>
    public async Task<IActionResult> OnPostImportAsync(string code, IFormFile? file, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (!CanEdit)
        {
            return Forbid();
        }
        if (file is null || file.Length == 0 || file.Length > 5_000_000)
        {
            SheetProblems = [new SheetProblem(1, "A", "", "ต้องแนบไฟล์ Excel (.xlsx) ไม่เกิน 5 MB")];
        }
        else
        {
            await using var upload = new MemoryStream();
            await file.CopyToAsync(upload, cancellationToken);
            upload.Position = 0;
            var (projects, problems) = PlanSpreadsheet.Read(Framework, upload, cancellationToken);
            SheetProblems = problems;
            if (problems.Count == 0)
            {
                await plans.AddManyAsync(Lao.DlaCode, Framework.Cycle, projects, User.Identity!.Name!, cancellationToken);
                return Redirect($"/lao/{Lao.DlaCode}/plan?cycle={Framework.Cycle}");
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string code, long projectId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (!CanEdit)
        {
            return Forbid();
        }
        return await plans.RemoveAsync(Lao.DlaCode, Framework.Cycle, projectId, User.Identity!.Name!, cancellationToken)
            ? Redirect($"/lao/{Lao.DlaCode}/plan?cycle={Framework.Cycle}")
            : NotFound();
    }

    public string DimensionLabel(int number) => Framework.DimensionOf(number)?.Label ?? $"มิติที่ {number}";

    public string SubItemLabel(string code) => Framework.SubItemOf(code)?.Label ?? code;

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var (refusal, lao) = await this.ReadablePlanLaoAsync(laos, code, cancellationToken);
        if (refusal is not null || lao is null)
        {
            return refusal ?? NotFound();
        }
        Lao = lao;
        Framework = frameworks.Find(Cycle) ?? frameworks.ForYear(ReportCalendar.FiscalYearOf(clock.GetUtcNow().UtcDateTime));
        Cycle = Framework.Cycle;
        Projects = AsOf is { } day
            // End of that Bangkok day, in UTC.
            ? await plans.AsOfAsync(code, Framework.Cycle, day.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Utc).AddHours(-7),
                cancellationToken)
            : await plans.ProjectsAsync(code, Framework.Cycle, cancellationToken);
        History = await plans.HistoryAsync(code, Framework.Cycle, cancellationToken);
        return null;
    }

    private ProjectInput ReadForm()
    {
        var form = Request.Form;
        var subItem = form["subItem"].ToString();
        var dimension = Framework.Dimensions.FirstOrDefault(d => d.SubItems.Any(s => s.Code == subItem))?.Number ?? 0;
        var budgets = new Dictionary<int, decimal?>();
        foreach (var yearText in form["years"])
        {
            if (!int.TryParse(yearText, CultureInfo.InvariantCulture, out var year))
            {
                continue;
            }
            var amount = form[$"budget{year}"].ToString().Replace(",", "", StringComparison.Ordinal).Trim();
            budgets[year] = amount.Length == 0 || form[$"noBudget{year}"] == "on"
                ? null
                : decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : -1;
        }
        return new ProjectInput
        {
            Name = form["name"].ToString().Trim(),
            Type = form["type"].ToString(),
            Dimension = dimension,
            SubItem = subItem,
            Quarters = form["quarters"].Select(q => int.TryParse(q, CultureInfo.InvariantCulture, out var n) ? n : 0).ToList(),
            Budgets = budgets,
            TargetGroups = form["targetGroups"].Select(g => g ?? "").ToList(),
            Objectives = form["objectives"].ToString(),
            Note = form["note"].ToString(),
        };
    }
}
