using System.Data;
using System.Globalization;
using MiniExcelLibs;
using PlanNacc.Web.Features.Shared;

namespace PlanNacc.Web.Features.Plans;

/// <summary>A problem in an uploaded plan, named by its spreadsheet cell (row as Excel counts, column letter and header).</summary>
public sealed record SheetProblem(int Row, string Column, string Header, string Message)
{
    public string Cell => $"{Column}{Row}";

    public override string ToString() => $"แถว {Row} คอลัมน์ {Column} ({Header}): {Message}";
}

/// <summary>
/// The plan as LAOs keep it today: one row per project, one budget column per year of the cycle (the plan documents'
/// "ปี 2561 … ปี 2564 (บาท)"). An empty year cell means the project does not run that year; "ไม่ใช้งบประมาณ" means it runs
/// without a budget. The export of an empty plan is the template.
/// </summary>
public static class PlanSpreadsheet
{
    private const string Dimension = "มิติ";
    private const string SubItem = "ข้อ";
    private const string Name = "ชื่อโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน";
    private const string Type = "ประเภทงาน";
    private const string Quarters = "ไตรมาส";
    private const string TargetGroups = "กลุ่มเป้าหมาย";
    private const string Objectives = "วัตถุประสงค์";
    private const string Note = "หมายเหตุ";

    private static string YearHeader(int year) => $"ปี {year} (บาท)";

    public static async Task<byte[]> ExportAsync(PlanFramework framework, IReadOnlyList<PlanProject> projects,
        CancellationToken cancellationToken)
    {
        var table = new DataTable("plan");
        foreach (var header in Headers(framework))
        {
            table.Columns.Add(header, typeof(string));
        }
        foreach (var p in projects)
        {
            var d = p.Details;
            var row = new List<object?> { d.Dimension.ToString(CultureInfo.InvariantCulture), d.SubItem, Tables.Defuse(d.Name), d.Type,
                string.Join(",", d.Quarters) };
            row.AddRange(framework.Years.Select(y
                => (object?)(!p.RunsIn(y) ? "" : p.BudgetIn(y)?.ToString("0.##", CultureInfo.InvariantCulture)
                    ?? PlanVocabulary.NoBudget)));
            row.AddRange([string.Join(",", d.TargetGroups), Tables.Defuse(d.Objectives), Tables.Defuse(d.Note)]);
            table.Rows.Add(row.ToArray());
        }
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(table, printHeader: true, sheetName: $"แผน {framework.Cycle}", excelType: ExcelType.XLSX,
            cancellationToken: cancellationToken);
        return stream.ToArray();
    }

    /// <summary>
    /// Reads every row; any problem anywhere returns the problems and no projects, so nothing is half imported. The sheet's
    /// size is checked first (<see cref="SheetBounds"/>), rows are read as a stream up to the row limit, and the read stops
    /// when <paramref name="cancellationToken"/> does (the request ended).
    /// </summary>
    public static (IReadOnlyList<ProjectInput> Projects, IReadOnlyList<SheetProblem> Problems) Read(
        PlanFramework framework, Stream xlsx, CancellationToken cancellationToken = default)
    {
        if (SheetBounds.Problem(xlsx, cancellationToken) is { } tooBig)
        {
            return ([], [new SheetProblem(1, "A", "", tooBig)]);
        }
        var rows = new List<IDictionary<string, object?>>();
        try
        {
            foreach (var row in xlsx.Query(useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (rows.Count == SheetBounds.MaxRows)
                {
                    return ([], [new SheetProblem(rows.Count + 1, "A", "", $"รับได้ไม่เกิน {SheetBounds.MaxRows - 1:N0} โครงการต่อไฟล์")]);
                }
                rows.Add(row);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException
            or NotSupportedException)
        {
            return ([], [new SheetProblem(1, "A", "", "ไฟล์ไม่ใช่ Excel (.xlsx) ที่อ่านได้")]);
        }
        if (rows.Count == 0)
        {
            return ([], [new SheetProblem(1, "A", "", "ไฟล์ว่าง")]);
        }
        var problems = new List<SheetProblem>();
        var headerCells = rows[0].Where(c => Text(c.Value).Length > 0).ToList();
        foreach (var twice in headerCells.GroupBy(c => Text(c.Value)).Where(g => g.Count() > 1))
        {
            problems.Add(new SheetProblem(1, twice.ElementAt(1).Key, twice.Key, "หัวคอลัมน์นี้ซ้ำ: ใช้ได้คอลัมน์เดียว"));
        }
        if (problems.Count > 0)
        {
            return ([], problems);
        }
        var headers = headerCells.ToDictionary(c => Text(c.Value), c => c.Key);
        foreach (var required in new[] { Dimension, SubItem, Name, Type, Quarters })
        {
            if (!headers.ContainsKey(required))
            {
                problems.Add(new SheetProblem(1, "", required, "ไม่มีคอลัมน์นี้ในแถวหัวตาราง"));
            }
        }
        var yearColumns = new Dictionary<int, string>();
        foreach (var (header, column) in headers)
        {
            if (header.StartsWith("ปี ", StringComparison.Ordinal)
                && int.TryParse(header[3..].Split(' ')[0], CultureInfo.InvariantCulture, out var year))
            {
                if (year < framework.FirstYear || year > framework.LastYear)
                {
                    problems.Add(new SheetProblem(1, column, header, $"ปี {year} อยู่นอกแผน {framework.Cycle}"));
                }
                yearColumns[year] = column;
            }
        }
        if (problems.Count > 0)
        {
            return ([], problems);
        }
        string Column(string header) => headers.GetValueOrDefault(header) ?? "";
        var projects = new List<ProjectInput>();
        for (var i = 1; i < rows.Count; i++)
        {
            var row = rows[i];
            var excelRow = i + 1;
            string Cell(string header) => headers.TryGetValue(header, out var column) ? Undefuse(Text(Get(row, column))) : "";
            if (row.Values.All(v => Text(v).Length == 0))
            {
                continue;
            }
            var rowProblems = new List<SheetProblem>();
            var dimensionText = Cell(Dimension);
            var dimension = int.TryParse(dimensionText, CultureInfo.InvariantCulture, out var dn) ? dn : 0;
            var budgets = new Dictionary<int, decimal?>();
            foreach (var (year, column) in yearColumns)
            {
                var text = Text(Get(row, column)).Replace(",", "", StringComparison.Ordinal);
                if (text.Length == 0)
                {
                    continue;
                }
                if (text == PlanVocabulary.NoBudget || text == "-")
                {
                    budgets[year] = null;
                }
                else if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
                {
                    budgets[year] = amount;
                }
                else
                {
                    rowProblems.Add(new SheetProblem(excelRow, column, YearHeader(year), $"ไม่ใช่จำนวนเงิน: {text}"));
                }
            }
            var quarters = Cell(Quarters).Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)
                .Select(q => int.TryParse(q, CultureInfo.InvariantCulture, out var n) ? n : 0).ToList();
            var input = new ProjectInput
            {
                Name = Cell(Name),
                Type = Cell(Type),
                Dimension = dimension,
                SubItem = Cell(SubItem) is { Length: > 0 } s ? s : dimension.ToString(CultureInfo.InvariantCulture),
                Quarters = quarters,
                Budgets = budgets,
                TargetGroups = Cell(TargetGroups).Split(',',
                    StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
                Objectives = Cell(Objectives),
                Note = Cell(Note),
            };
            foreach (var p in PlanValidation.Check(framework, input))
            {
                var header = p.Field switch
                {
                    "name" => Name, "type" => Type, "dimension" => Dimension, "subItem" => SubItem, "quarters" => Quarters,
                    "targetGroups" => TargetGroups, "years" => yearColumns.Count > 0 ? YearHeader(yearColumns.Keys.Min()) : Dimension,
                    var f when f.StartsWith("budget", StringComparison.Ordinal)
                        => YearHeader(int.Parse(f[6..], CultureInfo.InvariantCulture)),
                    _ => Name,
                };
                var column = header.StartsWith("ปี ", StringComparison.Ordinal)
                    && int.TryParse(header[3..7], CultureInfo.InvariantCulture, out var y)
                    ? yearColumns.GetValueOrDefault(y, "") : Column(header);
                rowProblems.Add(new SheetProblem(excelRow, column, header, p.Message));
            }
            problems.AddRange(rowProblems);
            projects.Add(input);
        }
        if (projects.Count == 0 && problems.Count == 0)
        {
            problems.Add(new SheetProblem(2, "A", Dimension, "ไม่มีโครงการในไฟล์"));
        }
        return problems.Count > 0 ? ([], problems) : (projects, []);
    }

    private static IEnumerable<string> Headers(PlanFramework framework) =>
        new[] { Dimension, SubItem, Name, Type,
            Quarters }.Concat(framework.Years.Select(YearHeader)).Concat([TargetGroups, Objectives, Note]);

    /// <summary>The export put an apostrophe before text a spreadsheet would run as a formula; reading it back takes it off.</summary>
    private static string Undefuse(string text) =>
        text.Length > 1 && text[0] == '\'' && Tables.Defuse(text[1..]) != text[1..] ? text[1..] : text;

    private static object? Get(IDictionary<string, object?> row, string column) => row.TryGetValue(column, out var value) ? value : null;

    private static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture).Trim(),
        _ => value.ToString()?.Trim() ?? "",
    };
}
