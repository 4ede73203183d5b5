using System.Security.Cryptography;
using PlanNacc.Crawler.Evidence;

namespace PlanNacc.Crawler.Tests.Evidence;

public sealed class FileSystemEvidenceStoreFacts : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "plannacc-evidence-" + Guid.NewGuid().ToString("N"));

    private static (EvidenceBlob Blob, byte[] Bytes) Blob(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return (new EvidenceBlob(sha, new Uri("http://abc.go.th/ita"), DateTimeOffset.UnixEpoch, 200, "text/html", bytes.Length, new Dictionary<string, string> { ["Server"] = "x" }), bytes);
    }

    [Fact]
    public async Task PutAsync_StoresUnderShardedPath_WithMetadataBeside()
    {
        var store = new FileSystemEvidenceStore(root);
        var (blob, bytes) = Blob("<html>ITA 2568</html>");

        await store.PutAsync(blob, bytes, CancellationToken.None);

        var expected = Path.Combine(root, blob.Sha256[..2], blob.Sha256[2..4], blob.Sha256);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(expected));
        Assert.Contains("http://abc.go.th/ita", await File.ReadAllTextAsync(expected + ".json"));
        Assert.Empty(Directory.GetFiles(root, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task PutAsync_WritesOnce_WhenSameContentArrivesConcurrently()
    {
        var store = new FileSystemEvidenceStore(root);
        var (blob, bytes) = Blob("<html>same</html>");

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => store.PutAsync(blob, bytes, CancellationToken.None))));
        var written = File.GetLastWriteTimeUtc(store.PathOf(blob.Sha256));
        await store.PutAsync(blob with { Url = new Uri("http://other.go.th/") }, bytes, CancellationToken.None);

        Assert.Equal(bytes, await store.GetAsync(blob.Sha256, CancellationToken.None));
        Assert.Equal(written, File.GetLastWriteTimeUtc(store.PathOf(blob.Sha256)));
        Assert.Equal(2, Directory.GetFiles(root, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task PutAsync_Rejects_WhenKeyIsNotASha256() =>
        await Assert.ThrowsAsync<ArgumentException>(() => new FileSystemEvidenceStore(root).PutAsync(Blob("x").Blob with { Sha256 = "../../etc/passwd" }, new byte[1], CancellationToken.None));

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
