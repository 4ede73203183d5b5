using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using PlanNacc.Crawler;
using PlanNacc.Scoring.Criteria;
using PlanNacc.Web.Features.Criteria;

namespace PlanNacc.Web.Tests.Criteria;

/// <summary>Criteria as operator data on real SQLite and PostgreSQL: import, refusals that store nothing, the audit log, the
/// scorer.</summary>
public class CriteriaImportFacts
{
    private static byte[] Printed(int year, Action<JsonObject>? edit = null)
    {
        var json = JsonNode.Parse(CriteriaPrinter.ToJson(CriteriaCatalog.Default.Resolve(year)))!.AsObject();
        edit?.Invoke(json);
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    private static void As2570(JsonObject json)
    {
        json["year"] = 2570;
        json["id"] = "ita-2570";
        json["items"]![0]!["titleTh"] = "โครงสร้างองค์กร";
    }

    private static async Task<int> CountAsync(TestDatabase db, string sql)
    {
        await using var connection = await db.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<int>(sql);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_OfTheEditedPrintout_JudgesThatYearFromThenOn_WithWhoAndWhen(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var source = CriteriaSource.For(db.Database, fiscalYear: 2570);
        Assert.True((await source.NoticeAsync()).Fallback);

        var imported = await new CriteriaImport(new CriteriaStore(db.Database), source).ImportAsync("ita-2570.json", Printed(2569, As2570),
            "officer1");

        Assert.Equal(2570, imported.Set.Year);
        Assert.Equal(2569, imported.Compared!.Year);
        Assert.Contains(imported.Diff, d => d.To?.Code == "O1" && d.Changes.SequenceEqual([ItemChange.Renamed]));
        var notice = await source.NoticeAsync();
        Assert.False(notice.Fallback);
        Assert.Equal(2570, notice.CriteriaYear);
        Assert.True(notice.Provisional);
        var at = DateTimeOffset.UtcNow;
        var snapshot = new SiteSnapshot { Root = new Uri("http://lao.example/"), Status = SiteStatus.Ok, StartedAt = at, FinishedAt = at };
        var verdict = (await source.ScorerAsync()).Score(snapshot, 2570);
        Assert.Equal("ita-2570", verdict.Criteria.Id);
        Assert.Null(verdict.Criteria.FallbackNote);
        Assert.Equal("โครงสร้างองค์กร", verdict.Items[0].Title);

        await using var connection = await db.Database.OpenAsync();
        var row = await connection.QuerySingleAsync<(int Year, string Status, string ImportedBy)>(
            "SELECT year, status, imported_by FROM criteria_years");
        Assert.Equal((2570, "provisional", "officer1"), row);
        var audit = await connection.QuerySingleAsync<(string Actor, string Action, string EntityId)>(
            "SELECT actor, action, entity_id FROM audit_log WHERE entity = 'criteria'");
        Assert.Equal(("officer1", "import", "2570"), audit);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_IsSeenByAnotherProcess_SharingTheDatabase(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var worker = CriteriaSource.For(db.Database);
        Assert.Null((await worker.CatalogAsync()).Exact(2570));

        var operatorSide = CriteriaSource.For(db.Database);
        await new CriteriaImport(new CriteriaStore(db.Database), operatorSide).ImportAsync("ita-2570.json", Printed(2569, As2570), "admin");

        Assert.Equal("ita-2570", (await worker.CatalogAsync()).Exact(2570)!.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_OfAConfirmedYear_IsRefused_AndStoresNothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var source = CriteriaSource.For(db.Database);
        var import = new CriteriaImport(new CriteriaStore(db.Database), source);
        var ex = await Assert.ThrowsAsync<CriteriaImportException>(() => import.ImportAsync("ita-2568.json", Printed(2568), "admin"));
        Assert.Equal(["ita-2568.json, year: ITA 2568 is already confirmed (built in); it is not replaced"], ex.Errors);

        // An imported year confirmed by the operator is not replaced either.
        await import.ImportAsync("ita-2570.json", Printed(2569, j => { As2570(j); j["status"] = "confirmed"; j["provisional"] = false; }),
            "admin");
        var again = await Assert.ThrowsAsync<CriteriaImportException>(()
            => import.ImportAsync("again.json", Printed(2569, As2570), "admin"));
        Assert.Contains("already confirmed (imported by admin)", Assert.Single(again.Errors));
        Assert.Equal(1, await CountAsync(db, "SELECT count(*) FROM criteria_years"));
        Assert.Equal(1, await CountAsync(db, "SELECT count(*) FROM audit_log WHERE entity = 'criteria'"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_OfAnInvalidFile_NamesEachProblem_AndStoresNothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var import = new CriteriaImport(new CriteriaStore(db.Database), CriteriaSource.For(db.Database));
        var bad = Printed(2569, j =>
        {
            As2570(j);
            var items = j["items"]!.AsArray();
            items[1]!["code"] = "O1";
            items[4]!["kinds"] = new JsonArray("org-structure", "not-a-kind");
            items[5]!["titleTh"] = " ";
        });

        var ex = await Assert.ThrowsAsync<CriteriaImportException>(() => import.ImportAsync("ita-2570.json", bad, "admin"));

        Assert.Contains("ita-2570.json item O1, code: duplicate code", ex.Errors);
        Assert.Contains("ita-2570.json item O5, kinds: unknown kind 'not-a-kind'", ex.Errors);
        Assert.Contains("ita-2570.json item O6, titleTh: missing title", ex.Errors);
        Assert.Equal(0, await CountAsync(db, "SELECT count(*) FROM criteria_years"));
        Assert.Equal(0, await CountAsync(db, "SELECT count(*) FROM audit_log"));
    }

    [Fact]
    public void Read_RefusesA50MegabyteFile_BeforeParsingIt()
    {
        var ex = Assert.Throws<CriteriaImportException>(() => CriteriaImport.Read("huge.json", new byte[50 * 1024 * 1024]));
        Assert.Equal(["huge.json: 50 MB is too large for a criteria file (at most 2 MB)"], ex.Errors);
    }

    [Theory]
    [InlineData(2563)]
    [InlineData(2569)]
    public void Xlsx_Template_ReadsBack_AsTheSameYear(int year)
    {
        var set = CriteriaCatalog.Default.Exact(year)!;
        var back = CriteriaImport.Read($"ita-{year}.xlsx", CriteriaSpreadsheet.Write(set));
        var resolution = new CriteriaResolution(set, year, null);
        Assert.Equal(CriteriaPrinter.ToJson(resolution), CriteriaPrinter.ToJson(resolution with { Set = back }));
    }

    [Fact]
    public void Xlsx_WithoutItsSheets_SaysWhichAreMissing()
    {
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, new[] { new { a = 1 } }, excelType: MiniExcelLibs.ExcelType.XLSX);
        var ex = Assert.Throws<CriteriaImportException>(() => CriteriaImport.Read("other.xlsx", stream.ToArray()));
        Assert.Contains("other.xlsx: no sheet 'items' (write a template with `criteria --year Y --xlsx FILE`)", ex.Errors);
    }
}
