using System.Security.Cryptography;
using System.Text;
using PlanNacc.Crawler;
using PlanNacc.Web.Features.Evidence;

namespace PlanNacc.Web.Tests.Evidence;

/// <summary>The kept evidence: staged once per scan, kept by content address, never written twice.</summary>
public sealed class EvidenceStoreFacts : IDisposable
{
    private readonly EvidenceStore _store = new(Path.Combine(Path.GetTempPath(), "plannacc-evidence-tests", Guid.NewGuid().ToString("N")));

    public void Dispose()
    {
        if (Directory.Exists(_store.Root))
        {
            Directory.Delete(_store.Root, recursive: true);
        }
    }

    private static (EvidenceBlob Blob, byte[] Bytes) Blob(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var blob = new EvidenceBlob(
            sha, new Uri("http://t1.farm.test/" + sha[..6]), DateTimeOffset.UtcNow, 200, "text/html", bytes.Length,
            new Dictionary<string, string> { ["Server"] = "x" });
        return (blob, bytes);
    }

    [Fact]
    public async Task Promote_KeepsOnlyCitedBlobs_AndDisposeDropsTheRest()
    {
        var cited = Blob("<html>แผนปฏิบัติการป้องกันการทุจริต</html>");
        var uncited = Blob("<html>ข่าวประชาสัมพันธ์</html>");
        IReadOnlyList<KeptEvidence> kept;
        using (var staging = new ScanEvidenceStaging(_store))
        {
            await staging.PutAsync(cited.Blob, cited.Bytes, CancellationToken.None);
            await staging.PutAsync(uncited.Blob, uncited.Bytes, CancellationToken.None);

            kept = staging.Promote([cited.Blob.Sha256.ToUpperInvariant(), null, "0000"]);
        }

        var one = Assert.Single(kept);
        Assert.Equal(cited.Blob.Sha256, one.Blob.Sha256);
        Assert.Equal(cited.Bytes, await File.ReadAllBytesAsync(_store.FullPath(one.Blob.Sha256)));
        Assert.False(File.Exists(_store.FullPath(uncited.Blob.Sha256)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_store.StagingRoot));
    }

    [Fact]
    public async Task Promote_KeepsUnderShardedAddress_ByMovingTheStagedBytes_WithMetadataBeside()
    {
        var (blob, bytes) = Blob("<html>ITA 2568</html>");
        using var staging = new ScanEvidenceStaging(_store);
        await staging.PutAsync(blob, bytes, CancellationToken.None);
        var stagedFile = Assert.Single(Directory.GetFiles(_store.StagingRoot, "*", SearchOption.AllDirectories));
        var stagedAt = File.GetLastWriteTimeUtc(stagedFile);

        var kept = Assert.Single(staging.Promote([blob.Sha256]));

        var expected = Path.Combine(_store.Root, blob.Sha256[..2], blob.Sha256[2..4], blob.Sha256);
        Assert.Equal(expected, _store.FullPath(kept.Blob.Sha256));
        Assert.Equal(bytes, await _store.GetAsync(blob.Sha256, CancellationToken.None));
        // Moved, not copied: the staged file is gone and the kept one is the same write.
        Assert.False(File.Exists(stagedFile));
        Assert.Equal(stagedAt, File.GetLastWriteTimeUtc(expected));
        Assert.Contains("http://t1.farm.test/", await File.ReadAllTextAsync(expected + ".json"));
        Assert.Empty(Directory.GetFiles(_store.Root, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Promote_LeavesKeptCopyAlone_WhenStoreHoldsTheContent_AndPutsItBackAfterRetentionRemovedIt()
    {
        var (blob, bytes) = Blob("<html>same content, two LAOs</html>");
        using (var first = new ScanEvidenceStaging(_store))
        {
            await first.PutAsync(blob, bytes, CancellationToken.None);
            first.Promote([blob.Sha256]);
        }
        var keptAt = File.GetLastWriteTimeUtc(_store.FullPath(blob.Sha256));
        using var second = new ScanEvidenceStaging(_store);
        await second.PutAsync(blob with { Url = new Uri("http://t2.farm.test/") }, bytes, CancellationToken.None);

        Assert.Single(second.Promote([blob.Sha256]));
        Assert.Equal(keptAt, File.GetLastWriteTimeUtc(_store.FullPath(blob.Sha256)));
        Assert.Contains("http://t1.farm.test/", await File.ReadAllTextAsync(_store.FullPath(blob.Sha256) + ".json"));

        File.Delete(_store.FullPath(blob.Sha256));
        File.Delete(_store.FullPath(blob.Sha256) + ".json");
        Assert.Single(second.Promote([blob.Sha256]));

        Assert.Equal(bytes, await _store.GetAsync(blob.Sha256, CancellationToken.None));
    }

    [Fact]
    public void FullPath_Refuses_WhenKeyIsNotASha256() =>
        Assert.Throws<ArgumentException>(() => _store.FullPath("../../etc/passwd"));

    [Fact]
    public async Task Router_HandsEachBlobToTheScanWhoseFlowFetchedIt()
    {
        var router = new EvidenceRouter();
        var a = Blob("site a");
        var b = Blob("site b");
        using var stagingA = new ScanEvidenceStaging(_store);
        using var stagingB = new ScanEvidenceStaging(_store);

        async Task CrawlAsync(ScanEvidenceStaging staging, EvidenceBlob blob, byte[] bytes)
        {
            using (router.Begin(staging))
            {
                await Task.Yield();
                await router.PutAsync(blob, bytes, CancellationToken.None);
            }
        }
        await Task.WhenAll(CrawlAsync(stagingA, a.Blob, a.Bytes), CrawlAsync(stagingB, b.Blob, b.Bytes));
        await router.PutAsync(Blob("no scan").Blob, Blob("no scan").Bytes, CancellationToken.None);

        Assert.Equal((1, 1, 1L), (stagingA.Staged, stagingB.Staged, router.Unrouted));
        Assert.Single(stagingA.Promote([a.Blob.Sha256]));
        Assert.Empty(stagingA.Promote([b.Blob.Sha256]));
    }

    [Fact]
    public void SweepStaleStaging_RemovesOnlyOldFolders()
    {
        var old = Directory.CreateDirectory(Path.Combine(_store.StagingRoot, "crashed"));
        Directory.SetLastWriteTimeUtc(old.FullName, DateTime.UtcNow.AddDays(-2));
        using var live = new ScanEvidenceStaging(_store);

        var removed = _store.SweepStaleStaging(TimeSpan.FromDays(1));

        Assert.Equal(1, removed);
        Assert.False(old.Exists && Directory.Exists(old.FullName));
        Assert.Single(Directory.EnumerateDirectories(_store.StagingRoot));
    }
}
