using MiniExcelLibs;
using PlanNacc.Web.Features.Plans;

namespace PlanNacc.Web.Tests.Plans;

/// <summary>The plan spreadsheet: what is exported reads back the same; a bad row is named by row and cell and nothing is taken.</summary>
public sealed class PlanSpreadsheetFacts
{
    private static readonly PlanFramework Cycle = new PlanFrameworks().Find("2566-2570")!;

    public static MemoryStream Sheet(params Dictionary<string, object?>[] rows)
    {
        var stream = new MemoryStream();
        stream.SaveAs(rows.ToList(), printHeader: true, excelType: ExcelType.XLSX);
        stream.Position = 0;
        return stream;
    }

    public static Dictionary<string, object?> Row(object? dimension, string name, params (string Year, object? Amount)[] budgets)
    {
        var row = new Dictionary<string, object?> { ["มิติ"] = dimension, ["ข้อ"] = null, ["ชื่อโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน"] = name, ["ประเภทงาน"] = "มาตรการ", ["ไตรมาส"] = "1,3" };
        foreach (var year in new[] { "2566", "2567", "2568" })
        {
            row[$"ปี {year} (บาท)"] = budgets.FirstOrDefault(b => b.Year == year).Amount;
        }
        row["กลุ่มเป้าหมาย"] = "ประชาชน/ภาคประชาสังคม,สถานศึกษา";
        return row;
    }

    [Fact]
    public async Task Read_GivesBackTheExportedPlan()
    {
        ProjectInput[] projects =
        [
            PlanStoreFacts.Project("อบรมคุณธรรม", 1, "1", (2567, 20000.5m), (2568, null)),
            PlanStoreFacts.Project("-ขีดนำหน้า", 4, "4", (2570, 0m)),
        ];
        var bytes = await PlanSpreadsheet.ExportAsync(Cycle, projects.Select((p, i) => new PlanProject(i + 1, p)).ToList(), CancellationToken.None);

        var (read, problems) = PlanSpreadsheet.Read(Cycle, new MemoryStream(bytes));

        Assert.Empty(problems);
        Assert.Equal(2, read.Count);
        Assert.True(read[0].SameDetailsAs(projects[0]) && read[0].SameBudgetsAs(projects[0]));
        Assert.Equal(new Dictionary<int, decimal?> { [2567] = 20000.5m, [2568] = null }, read[0].Budgets);
        Assert.Equal("'-ขีดนำหน้า", read[1].Name);
    }

    [Fact]
    public void Read_NamesRowAndCell_AndTakesNothing_WhenAnyRowIsBad()
    {
        using var sheet = Sheet(
            Row(1, "ดี", ("2567", 1000)),
            Row(7, "มิติไม่มีจริง", ("2567", 1000)),
            Row(3, "งบติดลบ", ("2567", -50)),
            Row(2, "ไม่ใช่ตัวเลข", ("2568", "หนึ่งพัน")));

        var (projects, problems) = PlanSpreadsheet.Read(Cycle, sheet);

        Assert.Empty(projects);
        Assert.Equal("A3 G4 H5 F5", string.Join(" ", problems.Select(p => p.Cell)), ignoreCase: false);
        Assert.Contains("ต้องระบุปีที่ดำเนินการ", problems[3].Message);
        Assert.Contains("แถว 3 คอลัมน์ A (มิติ)", problems[0].ToString());
        Assert.Contains("ติดลบ", problems[1].Message);
    }

    [Fact]
    public void Read_RefusesAYearColumnOutsideTheCycle()
    {
        var row = Row(1, "ปีเกิน", ("2567", 10));
        row["ปี 2571 (บาท)"] = 5;
        using var sheet = Sheet(row);

        var (projects, problems) = PlanSpreadsheet.Read(Cycle, sheet);

        Assert.Empty(projects);
        var problem = Assert.Single(problems);
        Assert.Equal(1, problem.Row);
        Assert.Equal("ปี 2571 (บาท)", problem.Header);
        Assert.Contains("นอกแผน 2566-2570", problem.Message);
    }
}
