using Microsoft.Extensions.Options;
using PlanNacc.Crawler;
using PlanNacc.Crawler.Evidence;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Scans.Evidence;

/// <summary>
/// The kept evidence under the data folder, in the crawler's content-addressed layout (<see cref="FileSystemEvidenceStore"/>),
/// plus the staging area where a scan's fetched bytes wait until its verdict says which of them to keep.
/// </summary>
public sealed class EvidenceFiles(string root)
{
    private readonly FileSystemEvidenceStore _store = new(root);

    public EvidenceFiles(IOptions<StorageOptions> options) : this(options.Value.EvidenceDir)
    {
    }

    public string Root => _store.Root;

    public string StagingRoot => Path.Combine(Root, ".staging");

    public string FullPath(string sha256) => _store.PathOf(sha256);

    /// <summary>True when the exception says the disk (or its quota) is full.</summary>
    public static bool IsDiskFull(IOException e) =>
        (e.HResult & 0xFFFF) is 28 or 122 || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("quota", StringComparison.OrdinalIgnoreCase);

    /// <summary>Keeps the staged bytes under their content address (written once, atomically) and returns that path relative to <see cref="Root"/>.</summary>
    public async Task<string> PromoteAsync(string stagedFile, EvidenceBlob blob, CancellationToken cancellationToken)
    {
        if (!_store.Contains(blob.Sha256))
        {
            await _store.PutAsync(blob, await File.ReadAllBytesAsync(stagedFile, cancellationToken), cancellationToken);
        }
        return Path.GetRelativePath(Root, _store.PathOf(blob.Sha256));
    }

    /// <summary>Removes staging folders a crashed process left behind (older than <paramref name="age"/>, so live scans keep theirs).</summary>
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
}
