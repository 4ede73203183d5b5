using System.Text.Json;

namespace PlanNacc.Crawler.Evidence;

/// <summary>
/// Keeps evidence bytes in a content-addressed folder: <c>ab/cd/&lt;sha256&gt;</c>, written once through a temporary file and a rename
/// (a crash never leaves a half blob under its final name), with <c>&lt;sha256&gt;.json</c> beside it holding the first URL, time,
/// status and headers it was seen with.
/// </summary>
public sealed class FileSystemEvidenceStore(string root) : IEvidenceStore
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public string Root { get; } = Path.GetFullPath(root);

    public string PathOf(string sha256) => Path.Combine(Root, sha256[..2], sha256[2..4], sha256);

    public bool Contains(string sha256) => File.Exists(PathOf(sha256));

    public async Task PutAsync(EvidenceBlob blob, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (blob.Sha256.Length != 64 || !blob.Sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("SHA-256 must be 64 lower-case hex digits", nameof(blob));
        }
        var path = PathOf(blob.Sha256);
        if (File.Exists(path))
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await WriteOnceAsync(path + ".json", JsonSerializer.SerializeToUtf8Bytes(blob, Json), cancellationToken).ConfigureAwait(false);
        await WriteOnceAsync(path, content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The kept bytes, or null.</summary>
    public async Task<byte[]?> GetAsync(string sha256, CancellationToken cancellationToken) =>
        File.Exists(PathOf(sha256)) ? await File.ReadAllBytesAsync(PathOf(sha256), cancellationToken).ConfigureAwait(false) : null;

    private static async Task WriteOnceAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another writer put the same content first: content addressing makes theirs identical to ours.
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
