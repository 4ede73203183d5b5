using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Features.Evidence;
using PlanNacc.Web.Features.Lao;
using PlanNacc.Web.Features.Overrides;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Runs;
using PlanNacc.Web.Features.Runs.Retention;

namespace PlanNacc.Web.Tests.Overrides;

/// <summary>
/// Kept crawls (issue 14.5): each LAO keeps its latest crawl plus any an attestation relies on; newer crawls and the
/// evidence clean-up replace or remove only the unpinned ones.
/// </summary>
public sealed class PinnedCrawlFacts(DatabasesFixture databases) : IClassFixture<DatabasesFixture>
{
    private static async Task<long> ScanAsync(TestDatabase db, string code, byte marker)
    {
        var runId = await new RunStore(db.Database).CreateAsync("nightly", "all", 2569, 1);
        var result = TestData.Result(runId, code, [TestData.Item("o1", VerdictStatus.Review)]);
        result = result with
        {
            FinishedAt = result.FinishedAt.AddHours(marker),
            // The store keeps the bytes as given: one marker byte tells the crawls apart.
            KeptCrawl = ([marker], 1),
        };
        return (await new ScanStore(db.Database).SaveAsync(result))!.Value;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheCrawlAnAttestationReliesOn_OutlivesNewerCrawls_AndTheCleanUp(string provider)
    {
        var db = await databases.GetAsync(provider);
        var code = TestData.NewCode();
        await new LaoStore(db.Database).UpsertAsync([TestData.Lao(code)], "test");
        var first = await ScanAsync(db, code, 1);
        var attested = await ScanAsync(db, code, 2);
        var checklist = (await new LaoQueries(db.Database).ChecklistAsync(code))!;
        Assert.Equal(attested, checklist.Scan!.Id);
        await new OverrideStore(db.Database, TimeProvider.System)
            .SubmitAsync(checklist, "o1", "https://www.example.go.th/exec.pdf", "ประกาศอยู่ที่หน้านี้", "lao-user");

        var third = await ScanAsync(db, code, 3);
        var latest = await ScanAsync(db, code, 4);
        var files = new EvidenceStore(Path.Combine(db.Folder, "pinned-" + Guid.NewGuid().ToString("N")));
        var retention = new EvidenceRetention(
            db.Database, files, Options.Create(new RetentionOptions { KeepRuns = 2 }), NullLogger<EvidenceRetention>.Instance);
        await retention.RunAsync(CancellationToken.None);

        await using var connection = await db.Database.OpenAsync();
        var kept = (await connection.QueryAsync<(long ScanId, int Pinned, byte[] Snapshot)>(
            "SELECT scan_id, pinned, snapshot FROM crawl_snapshots WHERE dla_code = @code ORDER BY scan_id", new { code })).ToList();
        // The attested scan's crawl (pinned) and the latest; the first and third were replaced by newer crawls.
        Assert.Equal([(attested, 1), (latest, 0)], kept.Select(k => (k.ScanId, k.Pinned)));
        Assert.Equal([2, 4], kept.Select(k => (int)k.Snapshot.Single()));
        Assert.DoesNotContain(first, kept.Select(k => k.ScanId));
        Assert.DoesNotContain(third, kept.Select(k => k.ScanId));
    }
}
