using Dapper;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Features.Lao;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Storage;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Tests.Storage;

/// <summary>The same facts on SQLite and on the real PostgreSQL (a fresh database per class).</summary>
public sealed class StorageFacts(DatabasesFixture databases) : IClassFixture<DatabasesFixture>
{
    [PostgresFact]
    public async Task Postgres_IsReachable_WhenConfiguredForTheseFacts()
    {
        var db = await databases.GetAsync("postgres");
        await using var connection = await db.Database.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT 1"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MigrateAsync_RunsNothing_WhenSchemaIsCurrent(string provider)
    {
        var db = await databases.GetAsync(provider);

        var again = await new Migrator(db.Database).MigrateAsync();

        Assert.Empty(again);
        await using var connection = await db.Database.OpenAsync();
        var tables = new[] { "laos", "runs", "run_sites", "site_scans", "item_results", "evidence_blobs", "scan_evidence", "evidence_pins",
            "audit_log" };
        foreach (var table in tables)
        {
            Assert.True(await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}") >= 0);
        }
        var scripts = typeof(Migrator).Assembly.GetManifestResourceNames().Count(n
            => n.StartsWith($"PlanNacc.Web.Storage.Migrations.{db.Database.Provider}.", StringComparison.Ordinal));
        Assert.True(scripts >= 2);
        Assert.Equal(scripts, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM schemaversions"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task UpsertAsync_UpdatesInPlace_WhenCodeComesAgain(string provider)
    {
        var db = await databases.GetAsync(provider);
        var store = new LaoStore(db.Database);
        var code = TestData.NewCode();

        var first = await store.UpsertAsync([TestData.Lao(code, "โรงช้าง", "http://old.example.go.th/")], "test");
        var second = await store.UpsertAsync([TestData.Lao(code, "โรงช้างใหม่", "https://new.example.go.th/")], "test");

        Assert.Equal(new UpsertResult(1, 0), first);
        Assert.Equal(new UpsertResult(0, 1), second);
        var lao = await store.GetAsync(code);
        Assert.Equal("โรงช้างใหม่", lao!.Name);
        Assert.Equal("https://new.example.go.th/", lao.Website);
        await using var connection = await db.Database.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM laos WHERE dla_code = @code", new { code }));
        Assert.True(await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_log WHERE action = 'registry-import'") >= 2);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveAsync_StoresWholeResult_AndChecklistReadsItBack(string provider)
    {
        var db = await databases.GetAsync(provider);
        var code = TestData.NewCode();
        await new LaoStore(db.Database).UpsertAsync([TestData.Lao(code)], "test");
        var runs = new RunStore(db.Database);
        var runId = await runs.CreateAsync("on-demand", "lao:" + code, 2569, 1);
        var sha = new string('a', 63) + code[^1];
        var result = TestData.Result(runId, code,
            [
                TestData.Item("o10", VerdictStatus.Fail, "แผนดำเนินงาน"),
                TestData.Item("o2", VerdictStatus.Pass, "ข้อมูลผู้บริหาร",
                    TestData.Evidence("https://www.example.go.th/org", "โครงสร้างองค์กร", sha)),
            ],
            [TestData.Kept(sha, "https://www.example.go.th/org")]);

        var scanId = await new ScanStore(db.Database).SaveAsync(result);

        Assert.NotNull(scanId);
        var checklist = await new LaoQueries(db.Database).ChecklistAsync(code);
        Assert.NotNull(checklist?.Scan);
        Assert.Equal(["o2", "o10"], checklist.Items.Select(i => i.Code));
        Assert.Equal(VerdictStatus.Pass, checklist.Items[0].Status);
        var evidence = Assert.Single(checklist.Items[0].Evidence);
        Assert.Equal(["หน้าหลัก", "ข้อมูลพื้นฐาน", "โครงสร้างองค์กร"], evidence.Path);
        Assert.Equal(2568, evidence.FiscalYear);
        Assert.Equal("เผยแพร่โครงสร้างองค์กร", checklist.Items[1].FixHint?.Th);
        Assert.Equal(50, checklist.Scan.OitScore);
        Assert.Equal(100, checklist.Scan.Indicators["9"]);
        Assert.Equal("ยังไม่มีเกณฑ์ ITA ปี 2569", checklist.Scan.FallbackNote?.Th);
        // One stored verdict, read typed: the checklist's items and the scan's criteria are the same record.
        Assert.Equal(2569, checklist.Scan.Result!.Criteria.RequestedYear);
        Assert.Equal(2569, checklist.Scan.FiscalYear);
        Assert.Equal(DateTimeKind.Utc, checklist.Scan.FinishedAt.Kind);
        Assert.Equal(result.FinishedAt.UtcDateTime, checklist.Scan.FinishedAt, TimeSpan.FromMilliseconds(1));
        var run = await runs.GetAsync(runId);
        Assert.Equal((1, 0), (run!.SitesDone, run.SitesFailed));
        Assert.NotNull(run.FinishedAt);
        await using var connection = await db.Database.OpenAsync();
        Assert.Equal(sha,
            await connection.ExecuteScalarAsync<string>("SELECT sha256 FROM scan_evidence WHERE scan_id = @scanId", new { scanId }));
        Assert.Equal("https://www.example.go.th/org",
            await connection.ExecuteScalarAsync<string>("SELECT url FROM evidence_blobs WHERE sha256 = @sha", new { sha }));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveAsync_LeavesNothing_WhenWriteFailsMidway(string provider)
    {
        var db = await databases.GetAsync(provider);
        var code = TestData.NewCode();
        await new LaoStore(db.Database).UpsertAsync([TestData.Lao(code)], "test");
        var runs = new RunStore(db.Database);
        var runId = await runs.CreateAsync("on-demand", "lao:" + code, 2569, 1);
        var sha = new string('b', 63) + code[^1];
        // The scan row and the first item are written before the second item breaks the item table's key.
        var broken = TestData.Result(runId, code,
            [TestData.Item("o1", VerdictStatus.Pass), TestData.Item("o1", VerdictStatus.Fail)],
            [TestData.Kept(sha, "https://www.example.go.th/x")]);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => new ScanStore(db.Database).SaveAsync(broken));

        await using var connection = await db.Database.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM site_scans WHERE run_id = @runId", new { runId }));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM evidence_blobs WHERE sha256 = @sha", new { sha }));
        Assert.Null(await connection.ExecuteScalarAsync<long?>("SELECT latest_scan_id FROM laos WHERE dla_code = @code", new { code }));
        var run = await runs.GetAsync(runId);
        Assert.Equal((0, 0), (run!.SitesDone, run.SitesFailed));
        Assert.Null(run.FinishedAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveAsync_ReturnsNull_WhenLaoAlreadyHasResultInRun(string provider)
    {
        var db = await databases.GetAsync(provider);
        var code = TestData.NewCode();
        await new LaoStore(db.Database).UpsertAsync([TestData.Lao(code)], "test");
        var runs = new RunStore(db.Database);
        var runId = await runs.CreateAsync("nightly", "all", 2569, 2);
        var store = new ScanStore(db.Database);

        var first = await store.SaveAsync(TestData.Result(runId, code, [TestData.Item("o1", VerdictStatus.Pass)]));
        var second = await store.SaveAsync(TestData.Result(runId, code, [TestData.Item("o1", VerdictStatus.Fail)], status: "unreachable"));

        Assert.NotNull(first);
        Assert.Null(second);
        var run = await runs.GetAsync(runId);
        Assert.Equal((1, 0), (run!.SitesDone, run.SitesFailed));
        Assert.True(await store.ExistsAsync(runId, code));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ChecklistAsync_ShowsNewestScan_WhenLaoScannedInTwoRuns(string provider)
    {
        var db = await databases.GetAsync(provider);
        var code = TestData.NewCode();
        await new LaoStore(db.Database).UpsertAsync([TestData.Lao(code)], "test");
        var runs = new RunStore(db.Database);
        var store = new ScanStore(db.Database);
        await store.SaveAsync(TestData.Result(await runs.CreateAsync("nightly", "all", 2569, 1), code,
            [TestData.Item("o1", VerdictStatus.Fail)]));
        await store.SaveAsync(TestData.Result(await runs.CreateAsync("nightly", "all", 2569, 1), code,
            [TestData.Item("o1", VerdictStatus.Pass)], status: "ok"));

        var checklist = await new LaoQueries(db.Database).ChecklistAsync(code);

        Assert.Equal(VerdictStatus.Pass, Assert.Single(checklist!.Items).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ListAsync_FindsLao_ByNameCodeOrProvince(string provider)
    {
        var db = await databases.GetAsync(provider);
        var code = TestData.NewCode();
        var name = "ทดสอบ" + code;
        await new LaoStore(db.Database).UpsertAsync([TestData.Lao(code, name) with { Province = "จังหวัด" + code }], "test");
        var queries = new LaoQueries(db.Database);

        var byName = await queries.ListAsync(name, 10, 0);
        var byCode = await queries.ListAsync(code, 10, 0);
        var byProvince = await queries.ListAsync("จังหวัด" + code, 10, 0);
        var none = await queries.ListAsync("ไม่มีชื่อนี้" + code, 10, 0);

        Assert.Equal(code, Assert.Single(byName).DlaCode);
        Assert.Equal(code, Assert.Single(byCode).DlaCode);
        Assert.Equal(code, Assert.Single(byProvince).DlaCode);
        Assert.Empty(none);
    }
}
