using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Criteria;
using PlanNacc.Web.Features.Overrides;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Scoring.Verdicts;

namespace PlanNacc.Web.Features.Lao;

public sealed class DetailModel(LaoQueries queries, OverrideStore overrides, CriteriaSource criteria, LaoStore laos) : PageModel
{
    /// <summary>What the registry import found about where the LAO's website lives (a shared host, a URL others list too).</summary>
    public IReadOnlyList<RegistryFinding> Findings { get; private set; } = [];

    /// <summary>The fiscal year the shown scan assessed and the criteria year that judged it (fallback, provisional).</summary>
    public CriteriaNotice? Notice { get; private set; }

    public IReadOnlyList<OverrideRow> Overrides { get; private set; } = [];

    /// <summary>Items whose attestation the province accepted, for this scan's criteria year.</summary>
    public IReadOnlySet<string> Attested { get; private set; } = new HashSet<string>();

    public string? OverrideMessage { get; private set; }

    /// <summary>The score with the accepted attestations passed: Scoring's calculator on the attested item results.</summary>
    public double? AttestedOit => Attested.Count > 0 ? AttestedScore.Compute(_set, Checklist?.Items ?? [], Attested)?.Oit : null;

    /// <summary>The criteria the shown scan was judged with (for the attested score).</summary>
    private Scoring.Criteria.CriteriaSet? _set;

    /// <summary>Province officers of the LAO's province and admins review attestations; the LAO itself does not.</summary>
    public bool CanReview => Checklist is not null && User.CanReviewOverridesOf(Checklist.Lao.Province);

    public LaoChecklist? Checklist { get; private set; }

    /// <summary>The on-demand run started from this page, whose progress the page follows.</summary>
    [BindProperty(SupportsGet = true)]
    public long? Run { get; set; }

    /// <summary>The criteria year asked for; none means the LAO's latest scan (the current fiscal year's run).</summary>
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public IReadOnlyList<HistoryPoint> History => Checklist?.History ?? [];

    /// <summary>Scans shown in the trend: two months of nightly runs.</summary>
    private const int HistoryPoints = 60;

    public bool CanScan => Checklist is not null && User.Covers(Checklist.Lao);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        Checklist = await queries.ChecklistAsync(code, cancellationToken, Year, historyLimit: HistoryPoints);
        if (Checklist is null)
        {
            return NotFound();
        }
        await LoadOverridesAsync(cancellationToken);
        return Page();
    }

    /// <summary>The LAO (or its province, or an admin) attests an item: URL where it is published and why.</summary>
    public async Task<IActionResult> OnPostOverrideAsync(string code, string itemCode, string url, string reason,
        CancellationToken cancellationToken)
    {
        if (await ForChangeAsync(code, cancellationToken) is { } refused)
        {
            return refused;
        }
        try
        {
            await overrides.SubmitAsync(Checklist!, itemCode, url, reason, User.Identity!.Name!, cancellationToken);
            return RedirectToPage(new { code, year = Year });
        }
        catch (OverrideException e)
        {
            return await RefusedAsync(code, e.Message, cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostReviewAsync(string code, long id, bool accept, string? note, CancellationToken cancellationToken)
    {
        if (await ForChangeAsync(code, cancellationToken) is { } refused)
        {
            return refused;
        }
        var row = await overrides.GetAsync(id, cancellationToken);
        // The override must belong to this LAO: a province officer cannot decide another province's through this page.
        if (row is null || row.DlaCode != Checklist!.Lao.DlaCode)
        {
            return NotFound();
        }
        // The same decision path as the province queue and the API: province, role and token scope (a `scans` token may
        // scan from this page, not decide attestations).
        try
        {
            var (outcome, _) = await overrides.ReviewAsAsync(User, id, accept, note, Checklist.Lao.Province, cancellationToken);
            return outcome switch
            {
                ReviewOutcome.Ok => RedirectToPage(new { code, year = Year }),
                ReviewOutcome.NotFound => NotFound(),
                _ => Forbid(),
            };
        }
        catch (OverrideException e)
        {
            return await RefusedAsync(code, e.Message, cancellationToken);
        }
    }

    /// <summary>The page again, with why the attestation or decision was refused (400).</summary>
    private async Task<IActionResult> RefusedAsync(string code, string message, CancellationToken cancellationToken)
    {
        OverrideMessage = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadOverridesAsync(cancellationToken);
        return Page();
    }

    private async Task<IActionResult?> ForChangeAsync(string code, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }
        Checklist = await queries.ChecklistAsync(code, cancellationToken, Year, historyLimit: HistoryPoints);
        if (Checklist is null)
        {
            return NotFound();
        }
        return CanScan ? null : Forbid();
    }

    private async Task LoadOverridesAsync(CancellationToken cancellationToken)
    {
        if (Checklist is not null)
        {
            Findings = await laos.FindingsAsync(Checklist.Lao.DlaCode, cancellationToken);
        }
        if (Checklist?.Scan is { } scan)
        {
            Notice = await criteria.NoticeForScanAsync(scan.FiscalYear, scan.CriteriaYear, cancellationToken);
            _set = scan.CriteriaYear is { } used ? (await criteria.CatalogAsync(cancellationToken)).Exact(used) : null;
        }
        if (Checklist?.Scan?.CriteriaYear is not { } year)
        {
            return;
        }
        var all = await overrides.ListAsync(Checklist.Lao.DlaCode, year, cancellationToken);
        Attested = all.Where(o => o.Status == "accepted").Select(o => o.ItemCode).ToHashSet();
        // Who attested what, and why, is for the LAO, its province and admins only.
        Overrides = CanScan ? all : [];
    }

    /// <summary>"Scan now": the LAO itself, its province or an admin (anti-forgery checked by Razor Pages).</summary>
    public async Task<IActionResult> OnPostScanAsync(string code, [FromServices] LaoStore laos, [FromServices] ScanJobs jobs,
        CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }
        if (await laos.GetAsync(code, cancellationToken) is not { } lao)
        {
            return NotFound();
        }
        if (!User.Covers(lao))
        {
            return Forbid();
        }
        var runId = await jobs.StartLaoScanAsync(lao.DlaCode);
        return runId is null ? RedirectToPage(new { code }) : RedirectToPage(new { code, run = runId });
    }

    public static string StatusThai(VerdictStatus status) => status switch
    {
        VerdictStatus.Pass => "ผ่าน",
        VerdictStatus.Fail => "ไม่ผ่าน",
        _ => "ตรวจสอบ",
    };

    public static string StatusText(HttpContext context, VerdictStatus status) =>
        Shared.Lang.IsEnglish(context) ? StoredVerdict.Name(status) : StatusThai(status);

    /// <summary>Only http(s) URLs become links: a crawled "javascript:" URL stays text.</summary>
    public static string? SafeHref(string? url) => Shared.Links.SafeHref(url);
}
