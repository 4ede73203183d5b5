using Dapper;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Plans;

/// <summary>One disagreement between what the LAO entered here and what its website showed in the latest stored scan.</summary>
public sealed record CrossCheckFinding(string Code, string Th, string En, string? Url = null);

/// <summary>What the LAO page asks of the cross-check: this LAO, for the fiscal year its latest scan assessed (or the current
/// one).</summary>
public sealed record CrossCheckRequest(LaoRecord Lao, int? FiscalYear);

/// <summary>A published anti-corruption disclosure seen in a scan, with the fiscal year or span the scorer read from it.</summary>
public sealed record PublishedDisclosure(string Kind, string Url, string Text, int? FiscalYear, int[]? Span)
{
    public bool Covers(int fiscalYear) =>
        FiscalYear == fiscalYear || (Span is [var from, var to] && fiscalYear >= from && fiscalYear <= to);
}

/// <summary>
/// Plan and reports here against the website: the plan (O39 in 2563), the 6-month report (O40) and the annual report
/// (O41) are OIT disclosures too, so the latest scan's evidence says whether each is published and for which year.
/// </summary>
public sealed class WebsiteCrossCheck(Database database, PlanStore plans, ReportStore reports)
{
    public const string PlanKind = "anti-corruption-plan";
    public const string HalfYearKind = "anti-corruption-progress-h1";
    public const string AnnualKind = "anti-corruption-annual-report";

    public async Task<(DateTime? ScannedAt, int? AssessedYear,
        IReadOnlyList<PublishedDisclosure> Published)> LatestScanAsync(string dlaCode, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var scan = await connection.QuerySingleOrDefaultAsync<ScanRow>(new CommandDefinition(
            $"""
            SELECT s.finished_at, s.fiscal_year, {StoredVerdict.Columns("s")}
            FROM laos l JOIN site_scans s ON s.id = l.latest_scan_id WHERE l.dla_code = @dlaCode
            """, new { dlaCode }, cancellationToken: cancellationToken));
        if (StoredVerdict.Read(scan?.Verdict, scan?.VerdictJson) is not { } verdict)
        {
            return (scan?.FinishedAt.AsUtc(), scan?.FiscalYear, []);
        }
        return (scan!.FinishedAt.AsUtc(), scan.FiscalYear, Published(verdict));
    }

    /// <summary>The anti-corruption plan and reports the verdict's evidence shows, read through the typed verdict.</summary>
    public static IReadOnlyList<PublishedDisclosure> Published(SiteVerdict verdict)
    {
        var found = new List<PublishedDisclosure>();
        foreach (var item in verdict.Items)
        {
            foreach (var evidence in item.Evidence)
            {
                var kind = evidence.Kind is { Length: > 0 } k ? k : item.Kinds.FirstOrDefault();
                if (kind is not (PlanKind or HalfYearKind or AnnualKind))
                {
                    continue;
                }
                var span = evidence.FiscalYearSpan is [var from, var to] ? new[] { from, to } : null;
                found.Add(new PublishedDisclosure(kind, evidence.Url, evidence.Text, evidence.FiscalYear, span));
            }
        }
        return found.DistinctBy(d => (d.Kind, d.Url, d.FiscalYear)).ToList();
    }

    public async Task<IReadOnlyList<CrossCheckFinding>> CheckAsync(LaoRecord lao, int fiscalYear,
        CancellationToken cancellationToken = default)
    {
        var projects = await plans.ProjectsInYearAsync(lao.DlaCode, fiscalYear, cancellationToken);
        var submitted = new List<int>();
        foreach (var round in new[] { 1, 2 })
        {
            if ((await reports.RoundAsync(lao.DlaCode, fiscalYear, round, cancellationToken)).Locked)
            {
                submitted.Add(round);
            }
        }
        return await CheckAsync(lao, fiscalYear, projects, submitted, cancellationToken);
    }

    /// <summary>The same, with the year's projects and the submitted rounds already read (the province view reads them in bulk).</summary>
    public async Task<IReadOnlyList<CrossCheckFinding>> CheckAsync(LaoRecord lao, int fiscalYear, IReadOnlyList<PlanProject> projects,
        IReadOnlyList<int> submittedRounds, CancellationToken cancellationToken = default)
    {
        var (scannedAt, assessedYear, published) = await LatestScanAsync(lao.DlaCode, cancellationToken);
        if (scannedAt is null)
        {
            return [new("no-scan", "ยังไม่มีผลการตรวจเว็บไซต์ จึงยังเทียบแผนกับเว็บไซต์ไม่ได้",
                "No stored scan of the website yet: nothing to compare with.")];
        }
        var findings = new List<CrossCheckFinding>();
        var plansOnSite = published.Where(p => p.Kind == PlanKind).ToList();
        var planForYear = plansOnSite.FirstOrDefault(p => p.Covers(fiscalYear));
        if (projects.Count > 0 && planForYear is null)
        {
            findings.Add(new("plan-not-published",
                $"มีแผนปฏิบัติการป้องกันการทุจริตปี {fiscalYear} ในระบบ ({projects.Count} โครงการ) แต่ไม่พบแผนของปีนี้บนเว็บไซต์",
                $"The plan for FY{fiscalYear} is entered here ({projects.Count} projects) "
                + "but no plan for that year was found on the website."));
        }
        if (projects.Count == 0 && planForYear is not null)
        {
            findings.Add(new("plan-not-entered",
                $"เว็บไซต์เผยแพร่แผนปฏิบัติการป้องกันการทุจริตที่ครอบคลุมปี {fiscalYear} แต่ยังไม่ได้บันทึกแผนในระบบ",
                $"The website publishes a plan covering FY{fiscalYear} but no project for that year is entered here.", planForYear.Url));
        }
        foreach (var (round, kind, th, en) in new[] { (1, HalfYearKind, "รายงานรอบ 6 เดือน", "6-month report"),
            (2, AnnualKind, "รายงานผลประจำปี (รอบ 12 เดือน)", "annual report") })
        {
            if (submittedRounds.Contains(round) && !published.Any(p => p.Kind == kind && p.Covers(fiscalYear)))
            {
                findings.Add(new($"round{round}-not-published",
                    $"ส่ง{th} ปี {fiscalYear} ในระบบแล้ว แต่ไม่พบ{th}ของปีนี้บนเว็บไซต์",
                    $"The FY{fiscalYear} {en} was submitted here but is not found on the website."));
            }
        }
        if (assessedYear is { } assessed && plansOnSite.Count > 0 && !plansOnSite.Any(p => p.Covers(assessed)))
        {
            var shown = plansOnSite.First();
            var years = shown.Span is [var from, var to] ? $"{from}-{to}" : shown.FiscalYear?.ToString() ?? "ไม่ระบุปี";
            findings.Add(new("plan-span-not-covering",
                $"แผนที่เผยแพร่บนเว็บไซต์เป็นของปี {years} ไม่ครอบคลุมปีที่ประเมิน {assessed}",
                $"The plan published on the website covers {years}, not the assessed year {assessed}.", shown.Url));
        }
        return findings;
    }

    private sealed record ScanRow
    {
        public DateTime FinishedAt { get; init; }
        public int? FiscalYear { get; init; }
        public byte[]? Verdict { get; init; }
        public string? VerdictJson { get; init; }
    }
}
