using System.IO.Compression;
using System.Text;
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
        var row = new Dictionary<string, object?> { ["มิติ"] = dimension, ["ข้อ"] = null,
            ["ชื่อโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน"] = name, ["ประเภทงาน"] = "มาตรการ", ["ไตรมาส"] = "1,3" };
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
        var bytes = await PlanSpreadsheet.ExportAsync(Cycle, projects.Select((p, i) => new PlanProject(i + 1, p)).ToList(),
            CancellationToken.None);

        var (read, problems) = PlanSpreadsheet.Read(Cycle, new MemoryStream(bytes));

        Assert.Empty(problems);
        Assert.Equal(2, read.Count);
        Assert.True(read[0].SameDetailsAs(projects[0]) && read[0].SameBudgetsAs(projects[0]));
        Assert.Equal(new Dictionary<int, decimal?> { [2567] = 20000.5m, [2568] = null }, read[0].Budgets);
        // The export's apostrophe (so a spreadsheet does not run "-…" as a formula) does not come back on import.
        Assert.Equal("-ขีดนำหน้า", read[1].Name);
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

    /// <summary>The probe's bomb: one cell at column XFD (and a row near the sheet's end) in an otherwise valid plan.</summary>
    private static MemoryStream Bomb(string cell, bool keepDimension)
    {
        var sheet = Sheet(Row(1, "อบรมคุณธรรม", ("2567", 1000m)));
        var bytes = new MemoryStream();
        sheet.CopyTo(bytes);
        using (var zip = new ZipArchive(bytes, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal));
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }
            entry.Delete();
            var row = new string(cell.SkipWhile(char.IsAsciiLetter).ToArray());
            var x = xml.Contains("<x:sheetData", StringComparison.Ordinal) ? "x:" : "";
            var bomb = $"<{x}row r=\"{row}\"><{x}c r=\"{cell}\" t=\"inlineStr\">"
                + $"<{x}is><{x}t>x</{x}t></{x}is></{x}c></{x}row></{x}sheetData>";
            Assert.Contains($"</{x}sheetData>", xml);
            xml = xml.Replace($"</{x}sheetData>", bomb, StringComparison.Ordinal);
            if (!keepDimension)
            {
                xml = System.Text.RegularExpressions.Regex.Replace(xml, "<(x:)?dimension[^>]*/>", "");
            }
            using var writer = new StreamWriter(zip.CreateEntry(entry.FullName).Open(), new UTF8Encoding(false));
            writer.Write(xml);
        }
        bytes.Position = 0;
        return bytes;
    }

    [Theory]
    [InlineData("XFD3", true, "XFD3")]
    [InlineData("XFD3", false, "XFD3")]
    [InlineData("A1048576", false, "1048576")]
    public void Read_RefusesASheetBeyondItsBounds_BeforeReadingIt(string cell, bool keepDimension, string named)
    {
        var (projects, problems) = PlanSpreadsheet.Read(Cycle, Bomb(cell, keepDimension));

        Assert.Empty(projects);
        Assert.Contains(named, Assert.Single(problems).Message);
    }

    [Fact]
    public void Read_StopsWithTheRequest()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            PlanSpreadsheet.Read(Cycle, Sheet(Row(1, "อบรมคุณธรรม", ("2567", 1000m))), cancelled.Token));
    }

    [Fact]
    public void Read_NamesADuplicateHeader_InsteadOfFailing()
    {
        var stream = new MemoryStream();
        var rows = new List<object[]>
        {
            new object[] { "มิติ", "ข้อ", "ชื่อโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน", "ประเภทงาน", "ไตรมาส", "มิติ" },
            new object[] { "1", "1.1", "อบรม", "โครงการ", "1", "2" },
        };
        stream.SaveAs(rows.Select(r => r.Select((v, i) => (i, v)).ToDictionary(p => "c" + p.i, p => (object?)p.v)).ToList(),
            printHeader: false, excelType: ExcelType.XLSX);
        stream.Position = 0;

        var (projects, problems) = PlanSpreadsheet.Read(Cycle, stream);

        Assert.Empty(projects);
        var problem = Assert.Single(problems);
        Assert.Equal(("F1", "มิติ"), (problem.Cell, problem.Header));
    }
}
