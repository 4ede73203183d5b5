using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Tests.Shared;
using PlanNacc.Web.Features.Evidence;
using PlanNacc.Web.Features.Lao;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Features.Runs.Retention;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Tests.Storage;

/// <summary>
/// 0031 (compact evidence rows): a store at the schema before it, with kept evidence, migrates with its rows and still
/// serves that evidence from the path its hash gives (the column that stored the path is gone).
/// </summary>
public sealed class EvidenceMigrationFacts
{
    private const string PreviousSchema = "0030_exact_amounts.sql";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_KeepsEvidenceRows_AndServesThemFromTheHash(string provider)
    {
        await using var store = await ThrowawayStore.CreateAsync(provider, prefix: "web-tests");
        var database = new Database(store.Options);
        var migrator = new Migrator(database);
        var earlier = await migrator.MigrateThroughAsync(PreviousSchema);
        Assert.Equal(PreviousSchema, earlier[^1]);
        var files = new EvidenceStore(Path.Combine(store.Folder, "evidence"));
        var code = TestData.NewCode();
        await new LaoStore(database).UpsertAsync([TestData.Lao(code)], "test");
        var runId = await new RunStore(database).CreateAsync("nightly", "all", 2569, 1);
        var (sha, bytes) = await KeepAsync(files, "แผนปฏิบัติการป้องกันการทุจริต " + code);
        var url = "http://t1.farm.test/plan-" + sha[..8];
        var scanId = await new ScanStore(database).SaveAsync(TestData.Result(runId, code,
            [TestData.Item("o1", VerdictStatus.Pass, "แผน", TestData.Evidence(url, "แผน", sha))]));
        Assert.NotNull(scanId);
        await using (var connection = await database.OpenAsync())
        {
            // What ScanStore wrote before 0031: the path beside the hash.
            await connection.ExecuteAsync(
                """
                INSERT INTO evidence_blobs
                    (sha256, url, fetched_at, status_code, content_type, length, headers_json, storage_path, last_cited_at)
                VALUES (@sha, @url, @at, 200, 'text/html', @length, @headers, @path, @at)
                """,
                new
                {
                    sha, url, at = DateTime.UtcNow, length = bytes.Length, headers = """{"content-type":"text/html"}""",
                    path = Path.Combine(sha[..2], sha[2..4], sha),
                });
            await connection.ExecuteAsync("INSERT INTO scan_evidence (scan_id, sha256) VALUES (@scanId, @sha)", new { scanId, sha });
        }

        var ran = await migrator.MigrateAsync();

        Assert.Contains("0031_evidence_rows_compact.sql", ran);
        var kept = Assert.Single(await new ScanStore(database).StoredEvidenceAsync([sha], CancellationToken.None));
        Assert.Equal(url, kept.Blob.Url.AbsoluteUri);
        Assert.Equal("text/html", kept.Blob.Headers["content-type"]);
        Assert.Equal(bytes.Length, kept.Blob.Length);
        var row = await new LaoQueries(database).EvidenceBlobAsync(sha);
        Assert.NotNull(row);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(files.FullPath(sha)));
        await using (var connection = await database.OpenAsync())
        {
            Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM scan_evidence WHERE scan_id = @scanId AND sha256 = @sha", new { scanId, sha }));
            if (provider == "sqlite")
            {
                foreach (var table in new[] { "evidence_blobs", "scan_evidence" })
                {
                    var sql = await connection.ExecuteScalarAsync<string>(
                        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = @table", new { table });
                    Assert.Contains("WITHOUT ROWID", sql, StringComparison.Ordinal);
                    Assert.DoesNotContain("storage_path", sql, StringComparison.Ordinal);
                }
            }
        }
        // Retention finds the kept file from the hash: the scan is the LAO's latest, so the blob and its file stay.
        var retention = new EvidenceRetention(database, files,
            Options.Create(new RetentionOptions { KeepRuns = 1, Grace = TimeSpan.Zero }), NullLogger<EvidenceRetention>.Instance);
        var report = await retention.RunAsync(CancellationToken.None);
        Assert.Equal((0, 0), (report.BlobsRemoved, report.OrphanFilesRemoved));
        Assert.True(File.Exists(files.FullPath(sha)));
        // A scan after the migration cites the same copy through the new rows.
        var runAfter = await new RunStore(database).CreateAsync("nightly", "all", 2569, 1);
        Assert.NotNull(await new ScanStore(database).SaveAsync(TestData.Result(runAfter, code,
            [TestData.Item("o1", VerdictStatus.Pass, "แผน", TestData.Evidence(url, "แผน", sha))], [kept])));
        await using (var connection = await database.OpenAsync())
        {
            Assert.Equal(2, await connection.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM scan_evidence WHERE sha256 = @sha", new { sha }));
        }
    }

    private static async Task<(string Sha, byte[] Bytes)> KeepAsync(EvidenceStore files, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var staged = Path.Combine(files.Root, "staged-" + sha);
        Directory.CreateDirectory(files.Root);
        await File.WriteAllBytesAsync(staged, bytes);
        files.Keep(staged, new PlanNacc.Crawler.EvidenceBlob(sha, new Uri("http://t1.farm.test/"), DateTimeOffset.UtcNow, 200,
            "text/html", bytes.Length, new Dictionary<string, string>()));
        return (sha, bytes);
    }
}
