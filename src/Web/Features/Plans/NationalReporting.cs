using Dapper;
using PlanNacc.Web.Features.Shared;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Plans;

/// <summary>One province in the national view of a round ("ผลการนำแผนไปปฏิบัติ ทั่วประเทศ").</summary>
public sealed record ProvinceRoundSummary(string Province, int Laos, int OnTime, int Late, int Missing, int Projects,
    IReadOnlyDictionary<int, int> ProjectsPerDimension, IReadOnlyDictionary<int, decimal> BudgetPerDimension, int LinesReported,
    int LinesDone)
{
    public int Reported => OnTime + Late;

    public double? CompletionRate => LinesReported == 0 ? null : Math.Round(100.0 * LinesDone / LinesReported, 1);
}

/// <summary>Every province at once, aggregated in the database (7,850 LAOs are too many to walk one by one).</summary>
public sealed class NationalReporting(Database database, TimeProvider clock)
{
    public async Task<IReadOnlyList<ProvinceRoundSummary>> SummaryAsync(int fiscalYear, int round,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var laos = (await connection.QueryAsync<(string Province, long Count)>(new CommandDefinition(
            "SELECT province, count(*) FROM laos GROUP BY province ORDER BY province", cancellationToken: cancellationToken))).ToList();
        var submitted = (await connection.QueryAsync<(string Province, DateTime SubmittedAt)>(new CommandDefinition(
            """
            SELECT l.province, r.submitted_at FROM report_rounds r JOIN laos l ON l.dla_code = r.dla_code
            WHERE r.fiscal_year = @fiscalYear AND r.round = @round AND r.submitted_at IS NOT NULL
            """, new { fiscalYear, round }, cancellationToken: cancellationToken))).ToLookup(r => r.Province);
        // Whole satang summed as integers: exact. Under PlanAmounts' bound a province would need over 90,000 projects at the
        // maximum in one dimension to overflow a 64-bit sum.
        var dimensions = (await connection.QueryAsync<(string Province, int Dimension, long Count, long? Budget)>(new CommandDefinition(
            """
            SELECT l.province, p.dimension, count(*), CAST(sum(b.amount_satang) AS bigint)
            FROM plan_projects p JOIN plans pl ON pl.id = p.plan_id JOIN laos l ON l.dla_code = pl.dla_code
            JOIN plan_budgets b ON b.project_id = p.id AND b.fiscal_year = @fiscalYear
            WHERE p.removed_at IS NULL
            GROUP BY l.province, p.dimension
            """, new { fiscalYear }, cancellationToken: cancellationToken))).ToLookup(r => r.Province);
        var lines = (await connection.QueryAsync<(string Province, long Total, long Done)>(new CommandDefinition(
            """
            SELECT l.province, count(*), sum(CASE WHEN rl.status = @done THEN 1 ELSE 0 END)
            FROM report_lines rl JOIN report_rounds r ON r.id = rl.round_id JOIN laos l ON l.dla_code = r.dla_code
            WHERE r.fiscal_year = @fiscalYear AND r.round = @round AND r.submitted_at IS NOT NULL
            GROUP BY l.province
            """, new { fiscalYear, round, done = PlanVocabulary.Done }, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.Province);
        var due = ReportCalendar.Due(fiscalYear, round);
        var overdue = ReportCalendar.BangkokDay(clock.GetUtcNow().UtcDateTime) > due;
        return laos.Select(p =>
        {
            var sent = submitted[p.Province].ToList();
            var late = sent.Count(s => ReportCalendar.BangkokDay(s.SubmittedAt.AsUtc()) > due);
            var dims = dimensions[p.Province].ToList();
            var (total, done) = lines.TryGetValue(p.Province, out var l) ? (l.Total, l.Done) : (0, 0);
            return new ProvinceRoundSummary(p.Province, (int)p.Count, sent.Count - late, late, overdue ? (int)p.Count - sent.Count : 0,
                (int)dims.Sum(d => d.Count), dims.ToDictionary(d => d.Dimension, d => (int)d.Count), dims.ToDictionary(d => d.Dimension, d
                    => PlanAmounts.SumFromSatang(d.Budget)),
                (int)total, (int)done);
        }).ToList();
    }

    public static ExportTable Table(IReadOnlyList<ProvinceRoundSummary> rows)
    {
        var headers = new List<string> { "จังหวัด", "จำนวน อปท.", "ส่งตามกำหนด", "ส่งล่าช้า", "เลยกำหนด ยังไม่ส่ง", "จำนวนโครงการ" };
        headers.AddRange(Enumerable.Range(1, 4).SelectMany(d => new[] { $"มิติที่ {d} (โครงการ)", $"มิติที่ {d} (งบประมาณ บาท)" }));
        headers.Add("ดำเนินการแล้วเสร็จ (ร้อยละ)");
        return new ExportTable(headers, rows.Select(r =>
        {
            var cells = new List<object?> { r.Province, r.Laos, r.OnTime, r.Late, r.Missing, r.Projects };
            foreach (var d in Enumerable.Range(1, 4))
            {
                cells.Add(r.ProjectsPerDimension.GetValueOrDefault(d));
                cells.Add(r.BudgetPerDimension.GetValueOrDefault(d));
            }
            cells.Add(r.CompletionRate);
            return (IReadOnlyList<object?>)cells;
        }).ToList());
    }
}
