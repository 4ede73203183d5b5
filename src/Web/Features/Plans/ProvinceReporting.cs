using Dapper;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Shared;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Plans;

/// <summary>One LAO in the province's follow-up of a round (การติดตามการรายงานผลการดำเนินงาน).</summary>
public sealed record ReportingRow(
    LaoRecord Lao,
    RoundState State,
    DateTime? SubmittedAt,
    int Projects,
    IReadOnlyDictionary<int, int> ProjectsPerDimension,
    IReadOnlyDictionary<int, decimal> BudgetPerDimension,
    int LinesReported,
    int LinesDone,
    IReadOnlyList<CrossCheckFinding> Findings)
{
    /// <summary>Share of the year's projects reported done in this round, or null when nothing is planned.</summary>
    public double? CompletionRate => Projects == 0 ? null : Math.Round(100.0 * LinesDone / Projects, 1);
}

public sealed record ProvinceReport(string Province, int FiscalYear, int Round, DateOnly Due, IReadOnlyList<ReportingRow> Rows)
{
    public IReadOnlyList<ReportingRow> Reported => Rows.Where(r => r.State is RoundState.OnTime or RoundState.Late).ToList();

    public IReadOnlyList<ReportingRow> Overdue => Rows.Where(r => r.State == RoundState.Missing).ToList();

    public IReadOnlyList<ReportingRow> Late => Rows.Where(r => r.State == RoundState.Late).ToList();
}

/// <summary>Who has and has not reported a round in a province, with per-dimension counts and budgets and the website
/// cross-check.</summary>
public sealed class ProvinceReporting(Database database, PlanStore plans, ReportStore reports, WebsiteCrossCheck crossCheck,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<LaoRecord>> LaosAsync(string province, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<LaoRecord>(new CommandDefinition(
            """
            SELECT dla_code, type, name, province, district, size, website FROM laos
            WHERE province = @province ORDER BY district, name
            """, new { province }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<string>> ProvincesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition("SELECT DISTINCT province FROM laos ORDER BY province",
            cancellationToken: cancellationToken))).ToList();
    }

    public async Task<ProvinceReport> ReportAsync(string province, int fiscalYear, int round, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var laos = await LaosAsync(province, cancellationToken);
        var codes = laos.Select(l => l.DlaCode).ToList();
        var rounds = await reports.RoundsAsync(codes, fiscalYear, round, cancellationToken);
        var other = await reports.RoundsAsync(codes, fiscalYear, 3 - round, cancellationToken);
        var rows = new List<ReportingRow>();
        foreach (var lao in laos)
        {
            var projects = await plans.ProjectsInYearAsync(lao.DlaCode, fiscalYear, cancellationToken);
            var state = rounds.GetValueOrDefault(lao.DlaCode)
                ?? new ReportRound { DlaCode = lao.DlaCode, FiscalYear = fiscalYear, Round = round };
            var lines = state.Locked ? (await reports.RoundAsync(lao.DlaCode, fiscalYear, round, cancellationToken)).Lines : [];
            rows.Add(new ReportingRow(
                lao,
                state.StateOn(now),
                state.SubmittedAt,
                projects.Count,
                projects.GroupBy(p => p.Details.Dimension).ToDictionary(g => g.Key, g => g.Count()),
                projects.GroupBy(p => p.Details.Dimension).ToDictionary(g => g.Key, g => g.Sum(p => p.BudgetIn(fiscalYear) ?? 0)),
                lines.Count,
                lines.Count(l => l.Status == PlanVocabulary.Done),
                (await crossCheck.CheckAsync(lao, fiscalYear, projects, Submitted(state, other.GetValueOrDefault(lao.DlaCode)),
                    cancellationToken))
                    .Where(f => f.Code != "no-scan").ToList()));
        }
        return new ProvinceReport(province, fiscalYear, round, ReportCalendar.Due(fiscalYear, round), rows);
    }

    private static IReadOnlyList<int> Submitted(params ReportRound?[] rounds)
        => rounds.Where(r => r?.Locked == true).Select(r => r!.Round).ToList();

    public static ExportTable Table(ProvinceReport report)
    {
        string State(RoundState s)
            => s switch { RoundState.OnTime => "ส่งแล้ว", RoundState.Late => "ส่งล่าช้า", RoundState.Missing => "เลยกำหนด ยังไม่ส่ง", _
                => "ยังไม่ถึงกำหนด" };
        var headers = new List<string> { "รหัส อปท.", "อปท.", "อำเภอ", "สถานะการรายงาน", "กำหนดส่ง", "วันที่ส่ง", "จำนวนโครงการ" };
        headers.AddRange(Enumerable.Range(1, 4).SelectMany(d => new[] { $"มิติที่ {d} (โครงการ)", $"มิติที่ {d} (งบประมาณ บาท)" }));
        headers.AddRange(["ดำเนินการแล้วเสร็จ (ร้อยละ)", "ผลเทียบกับเว็บไซต์"]);
        var rows = report.Rows.Select(r =>
        {
            var cells = new List<object?>
            {
                r.Lao.DlaCode, LaoTypes.DisplayName(r.Lao.Type,
                    r.Lao.Name), r.Lao.District, State(r.State), ReportCalendar.FormatBe(report.Due),
                r.SubmittedAt is { } at ? ReportCalendar.FormatBe(ReportCalendar.BangkokDay(at)) : null, r.Projects,
            };
            foreach (var d in Enumerable.Range(1, 4))
            {
                cells.Add(r.ProjectsPerDimension.GetValueOrDefault(d));
                cells.Add(r.BudgetPerDimension.GetValueOrDefault(d));
            }
            cells.Add(r.CompletionRate);
            cells.Add(string.Join("\n", r.Findings.Select(f => f.Th)));
            return (IReadOnlyList<object?>)cells;
        }).ToList();
        return new ExportTable(headers, rows);
    }
}
