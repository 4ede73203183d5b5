using System.Security.Cryptography;
using System.Text;
using PlanNacc.Crawler;
using PlanNacc.Web.Features.Scans.Evidence;

namespace PlanNacc.Web.Tests.Scans;

public sealed class EvidenceStagingFacts : IDisposable
{
    private readonly EvidenceFiles _files = new(Path.Combine(Path.GetTempPath(), "plannacc-evidence-tests", Guid.NewGuid().ToString("N")));

    public void Dispose() => Directory.Delete(_files.Root, recursive: true);

    private static (EvidenceBlob Blob, byte[] Bytes) Blob(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return (new EvidenceBlob(sha, new Uri("http://t1.farm.test/" + sha[..6]), DateTimeOffset.UtcNow, 200, "text/html", bytes.Length, new Dictionary<string, string>()), bytes);
    }

    [Fact]
    public async Task PromoteAsync_KeepsOnlyCitedBlobs_AndDisposeDropsTheRest()
    {
        var cited = Blob("<html>แผนปฏิบัติการป้องกันการทุจริต</html>");
        var uncited = Blob("<html>ข่าวประชาสัมพันธ์</html>");
        IReadOnlyList<Features.Scans.KeptEvidence> kept;
        using (var staging = new ScanEvidenceStaging(_files))
        {
            await staging.PutAsync(cited.Blob, cited.Bytes, CancellationToken.None);
            await staging.PutAsync(uncited.Blob, uncited.Bytes, CancellationToken.None);

            kept = await staging.PromoteAsync([cited.Blob.Sha256.ToUpperInvariant(), null, "0000"], CancellationToken.None);
        }

        var one = Assert.Single(kept);
        Assert.Equal(cited.Blob.Sha256, one.Blob.Sha256);
        Assert.Equal(cited.Bytes, await File.ReadAllBytesAsync(Path.Combine(_files.Root, one.StoragePath)));
        Assert.False(File.Exists(_files.FullPath(uncited.Blob.Sha256)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_files.StagingRoot));
    }

    [Fact]
    public async Task Router_HandsEachBlobToTheScanWhoseFlowFetchedIt()
    {
        var router = new EvidenceRouter();
        var a = Blob("site a");
        var b = Blob("site b");
        using var stagingA = new ScanEvidenceStaging(_files);
        using var stagingB = new ScanEvidenceStaging(_files);

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
        Assert.Single(await stagingA.PromoteAsync([a.Blob.Sha256], CancellationToken.None));
        Assert.Empty(await stagingA.PromoteAsync([b.Blob.Sha256], CancellationToken.None));
    }

    [Fact]
    public void SweepStaleStaging_RemovesOnlyOldFolders()
    {
        var old = Directory.CreateDirectory(Path.Combine(_files.StagingRoot, "crashed"));
        Directory.SetLastWriteTimeUtc(old.FullName, DateTime.UtcNow.AddDays(-2));
        using var live = new ScanEvidenceStaging(_files);

        var removed = _files.SweepStaleStaging(TimeSpan.FromDays(1));

        Assert.Equal(1, removed);
        Assert.False(old.Exists && Directory.Exists(old.FullName));
        Assert.Single(Directory.EnumerateDirectories(_files.StagingRoot));
    }
}
