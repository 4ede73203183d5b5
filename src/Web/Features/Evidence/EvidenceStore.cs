using System.Text.Json;
using Microsoft.Extensions.Options;
using PlanNacc.Crawler;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Evidence;

/// <summary>
/// The kept evidence, in one place: content-addressed files <c>ab/cd/&lt;sha256&gt;</c> under the evidence folder, each
/// with <c>&lt;sha256&gt;.json</c> beside it (the first URL, time, status and headers it was seen with), and the staging
/// area where a scan's fetched bytes wait until its verdict says which of them to keep. A body is written once, into
/// staging (<see cref="ScanEvidenceStaging"/>); keeping it is a rename on the same disk, never a second write.
/// </summary>
public sealed class EvidenceStore(string root)
{
    private static readonly JsonSerializerOptions Metadata = new() { WriteIndented = false };

    public EvidenceStore(IOptions<StorageOptions> options) : this(options.Value.EvidenceDir)
    {
    }

    public string Root { get; } = Path.GetFullPath(root);

    public string StagingRoot => Path.Combine(Root, ".staging");

    /// <summary>Where the bytes of <paramref name="sha256"/> are kept (64 lower-case hex digits, or this throws).</summary>
    public string FullPath(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("SHA-256 must be 64 lower-case hex digits", nameof(sha256));
        }
        return Path.Combine(Root, sha256[..2], sha256[2..4], sha256);
    }

    public bool Contains(string sha256) => File.Exists(FullPath(sha256));

    /// <summary>The kept bytes, or null.</summary>
    public async Task<byte[]?> GetAsync(string sha256, CancellationToken cancellationToken) =>
        Contains(sha256) ? await File.ReadAllBytesAsync(FullPath(sha256), cancellationToken) : null;

    /// <summary>True when the exception says the disk (or its quota) is full.</summary>
    public static bool IsDiskFull(IOException e) =>
        (e.HResult & 0xFFFF) is 28 or 122
        || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("quota", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Keeps a staged file under its content address (<see cref="FullPath"/>) by renaming it. When the address already
    /// holds the content (another scan kept it first) the staged file stays where it is.
    /// </summary>
    public void Keep(string stagedFile, EvidenceBlob blob)
    {
        var path = FullPath(blob.Sha256);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            WriteOnce(path + ".json", JsonSerializer.SerializeToUtf8Bytes(blob, Metadata));
            try
            {
                // Same disk as the staging folder: atomic, so a crash never leaves a half blob under its final name.
                File.Move(stagedFile, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another writer kept the same content first: content addressing makes theirs identical to ours.
            }
        }
    }

    /// <summary>
    /// Removes staging folders a crashed process left behind (older than <paramref name="age"/>, so live scans keep theirs).
    /// </summary>
    public int SweepStaleStaging(TimeSpan age)
    {
        if (!Directory.Exists(StagingRoot))
        {
            return 0;
        }
        var removed = 0;
        foreach (var folder in new DirectoryInfo(StagingRoot).EnumerateDirectories())
        {
            if (folder.LastWriteTimeUtc < DateTime.UtcNow - age)
            {
                try
                {
                    folder.Delete(recursive: true);
                    removed++;
                }
                catch (IOException)
                {
                }
            }
        }
        return removed;
    }

    private static void WriteOnce(string path, byte[] content)
    {
        if (File.Exists(path))
        {
            return;
        }
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllBytes(temp, content);
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
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
