using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlanNacc.Crawler;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Runs.Retention;
using PlanNacc.Web.Features.Evidence;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Tests.Runs;

/// <summary>The evidence clean-up: last N scans per LAO, pins and recent citations keep a blob; everything else goes, row and
/// file.</summary>
public sealed class RetentionFacts(DatabasesFixture databases) : IClassFixture<DatabasesFixture>
{
    private static async Task<KeptEvidence> BlobAsync(EvidenceStore files, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var blob = new EvidenceBlob(sha, new Uri("http://t1.farm.test/" + sha[..8]), DateTimeOffset.UtcNow, 200, "text/html", bytes.Length,
            new Dictionary<string, string>());
        var staged = Path.Combine(files.Root, "src-" + sha);
        Directory.CreateDirectory(files.Root);
        await File.WriteAllBytesAsync(staged, bytes);
        files.Keep(staged, blob);
        File.Delete(staged);
        return new KeptEvidence(blob);
    }

    private static async Task ScanAsync(TestDatabase db, string code, params KeptEvidence[] evidence)
    {
        var runId = await new RunStore(db.Database).CreateAsync("nightly", "all", 2569, 1);
        var items =
            evidence.Select((e, i) => TestData.Item("o" + (i + 1), VerdictStatus.Pass, "ข้อ",
                TestData.Evidence(e.Blob.Url.AbsoluteUri, "ข้อ", e.Blob.Sha256))).ToList();
        Assert.NotNull(await new ScanStore(db.Database).SaveAsync(TestData.Result(runId, code, items, evidence)));
    }

    private static async Task AgeCitationsAsync(TestDatabase db)
    {
        await using var connection = await db.Database.OpenAsync();
        await connection.ExecuteAsync("UPDATE evidence_blobs SET last_cited_at = @old", new { old = DateTime.UtcNow.AddDays(-30) });
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RunAsync_RemovesOnlyBlobsNoKeptScanNorPinCites(string provider)
    {
        var db = await databases.GetAsync(provider);
        var files = new EvidenceStore(Path.Combine(db.Folder, "retention-" + Guid.NewGuid().ToString("N")));
        var code = TestData.NewCode();
        var other = TestData.NewCode();
        await new LaoStore(db.Database).UpsertAsync([TestData.Lao(code), TestData.Lao(other)], "test");
        var oldOnly = await BlobAsync(files, "แผนปี 2566 " + code);
        var pinned = await BlobAsync(files, "แผนที่ถูกอุทธรณ์ " + code);
        var everyScan = await BlobAsync(files, "โครงสร้าง " + code);
        var recent = await BlobAsync(files, "ล่าสุด " + code);
        var otherLao = await BlobAsync(files, "อีกแห่ง " + other);
        await ScanAsync(db, code, oldOnly, pinned, everyScan);
        await ScanAsync(db, other, otherLao);
        await ScanAsync(db, code, everyScan);
        await ScanAsync(db, code, everyScan, recent);
        await AgeCitationsAsync(db);
        await using (var connection = await db.Database.OpenAsync())
        {
            await connection.ExecuteAsync("INSERT INTO evidence_pins (sha256, reason, created_at) VALUES (@sha, 'override 12', @now)",
                new { sha = pinned.Blob.Sha256, now = DateTime.UtcNow });
        }
        var retention = new EvidenceRetention(db.Database, files,
            Options.Create(new RetentionOptions { KeepRuns = 2, Grace = TimeSpan.FromHours(1) }), NullLogger<EvidenceRetention>.Instance);

        var report = await retention.RunAsync(CancellationToken.None);

        Assert.True(report.BlobsRemoved >= 1);
        Assert.False(File.Exists(files.FullPath(oldOnly.Blob.Sha256)));
        Assert.False(File.Exists(files.FullPath(oldOnly.Blob.Sha256) + ".json"));
        foreach (var kept in new[] { pinned, everyScan, recent, otherLao })
        {
            Assert.True(File.Exists(files.FullPath(kept.Blob.Sha256)), kept.Blob.Url.AbsoluteUri);
        }
        await using var check = await db.Database.OpenAsync();
        var rows = (await check.QueryAsync<string>("SELECT sha256 FROM evidence_blobs")).ToHashSet();
        Assert.DoesNotContain(oldOnly.Blob.Sha256, rows);
        Assert.Superset(new[] { pinned, everyScan, recent, otherLao }.Select(k => k.Blob.Sha256).ToHashSet(), rows);
        // The pinned blob stays though only the oldest scan cited it; that scan's verdict stays too, without the old blob.
        Assert.Equal(0,
            await check.ExecuteScalarAsync<int>("SELECT count(*) FROM scan_evidence WHERE sha256 = @sha",
                new { sha = oldOnly.Blob.Sha256 }));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RunAsync_SparesRecentlyCitedBlobs_AndRemovesOldOrphanFiles(string provider)
    {
        var db = await databases.GetAsync(provider);
        var files = new EvidenceStore(Path.Combine(db.Folder, "retention-" + Guid.NewGuid().ToString("N")));
        var code = TestData.NewCode();
        await new LaoStore(db.Database).UpsertAsync([TestData.Lao(code)], "test");
        var citedToday = await BlobAsync(files, "อ้างถึงวันนี้ " + code);
        await ScanAsync(db, code, citedToday);
        await ScanAsync(db, code);
        var orphan = await BlobAsync(files, "ไฟล์ที่ไม่มีแถว " + code);
        var freshOrphan = await BlobAsync(files, "ไฟล์ใหม่ที่ยังไม่มีแถว " + code);
        File.SetLastWriteTimeUtc(files.FullPath(orphan.Blob.Sha256), DateTime.UtcNow.AddDays(-2));
        var retention = new EvidenceRetention(db.Database, files,
            Options.Create(new RetentionOptions { KeepRuns = 1, Grace = TimeSpan.FromHours(1) }), NullLogger<EvidenceRetention>.Instance);

        var report = await retention.RunAsync(CancellationToken.None);

        Assert.True(File.Exists(files.FullPath(citedToday.Blob.Sha256)));
        Assert.False(File.Exists(files.FullPath(orphan.Blob.Sha256)));
        Assert.True(File.Exists(files.FullPath(freshOrphan.Blob.Sha256)));
        Assert.Equal(1, report.OrphanFilesRemoved);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RunAsync_ReducesOldScansToTheirScores_KeepingTheLastNAndEachYearsNewest(string provider)
    {
        var db = await databases.GetAsync(provider);
        var files = new EvidenceStore(Path.Combine(db.Folder, "retention-" + Guid.NewGuid().ToString("N")));
        var code = TestData.NewCode();
        await new LaoStore(db.Database).UpsertAsync([TestData.Lao(code)], "test");
        var blob = await BlobAsync(files, "แผน " + code);
        for (var i = 0; i < 4; i++)
        {
            await ScanAsync(db, code, blob);
        }
        await using var connection = await db.Database.OpenAsync();
        var scans =
            (await connection.QueryAsync<long>("SELECT id FROM site_scans WHERE dla_code = @code ORDER BY id", new { code })).AsList();
        // The oldest was judged under another year's criteria: it is that year's newest and keeps its detail.
        await connection.ExecuteAsync("UPDATE site_scans SET criteria_year = 2567 WHERE id = @id", new { id = scans[0] });
        var retention = new EvidenceRetention(db.Database, files, Options.Create(new RetentionOptions { KeepRuns = 2 }),
            NullLogger<EvidenceRetention>.Instance);

        var report = await retention.RunAsync(CancellationToken.None);

        var detail = (await connection.QueryAsync<(long Id, bool HasVerdict, double? Score, int Items)>(
            """
            SELECT s.id, CASE WHEN s.verdict IS NULL THEN 0 ELSE 1 END, s.oit_score,
                (SELECT count(*) FROM item_results i WHERE i.scan_id = s.id)
            FROM site_scans s WHERE s.dla_code = @code ORDER BY s.id
            """, new { code })).ToList();
        Assert.Equal(1, report.ScansThinned);
        Assert.Equal([true, false, true, true], detail.Select(d => d.HasVerdict));
        Assert.Equal([1, 0, 1, 1], detail.Select(d => d.Items));
        Assert.All(detail, d => Assert.NotNull(d.Score));
        var queries = new PlanNacc.Web.Features.Lao.LaoQueries(db.Database);
        Assert.Equal(4, (await queries.HistoryAsync(code, 10)).Count);
        Assert.Equal(VerdictStatus.Pass, (await queries.ChecklistAsync(code))!.Previous["o1"]);
        Assert.Single((await queries.ChecklistAsync(code, year: 2567))!.Items);
        Assert.Equal(0, (await retention.RunAsync(CancellationToken.None)).ScansThinned);
    }
}
