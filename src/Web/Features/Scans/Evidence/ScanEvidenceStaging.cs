using System.Collections.Concurrent;
using PlanNacc.Crawler;

namespace PlanNacc.Web.Features.Scans.Evidence;

/// <summary>
/// Holds what one scan's crawl fetched until the verdict is known; then only the blobs the verdict cites are kept
/// (<see cref="PromoteAsync"/>) and the rest is deleted with the staging folder. So nothing unreferenced reaches the store.
/// </summary>
public sealed class ScanEvidenceStaging : IEvidenceStore, IDisposable
{
    private readonly ConcurrentDictionary<string, EvidenceBlob> _blobs = new(StringComparer.OrdinalIgnoreCase);
    private readonly EvidenceFiles _files;
    private readonly string _folder;

    public ScanEvidenceStaging(EvidenceFiles files)
    {
        _files = files;
        _folder = Path.Combine(files.StagingRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    public int Staged => _blobs.Count;

    /// <summary>The first write that failed (a full or read-only evidence disk), or null: the scan's evidence is then incomplete.</summary>
    public IOException? WriteFailure { get; private set; }

    public async Task PutAsync(EvidenceBlob blob, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var sha = blob.Sha256.ToLowerInvariant();
        if (!_blobs.TryAdd(sha, blob))
        {
            return;
        }
        var path = Path.Combine(_folder, sha);
        try
        {
            await File.WriteAllBytesAsync(path, content, cancellationToken);
        }
        catch (IOException e)
        {
            // A half-written file must never be promoted as evidence.
            _blobs.TryRemove(sha, out _);
            TryDelete(path);
            WriteFailure ??= e;
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Moves the cited blobs to the store and returns them for the scan's database rows.</summary>
    public async Task<IReadOnlyList<KeptEvidence>> PromoteAsync(IEnumerable<string?> citedHashes, CancellationToken cancellationToken)
    {
        var kept = new List<KeptEvidence>();
        foreach (var sha in citedHashes.OfType<string>().Select(h => h.ToLowerInvariant()).Distinct())
        {
            if (_blobs.TryGetValue(sha, out var blob) && File.Exists(Path.Combine(_folder, sha)))
            {
                var keptBlob = blob with { Sha256 = sha };
                kept.Add(new KeptEvidence(keptBlob, await _files.PromoteAsync(Path.Combine(_folder, sha), keptBlob, cancellationToken)));
            }
        }
        return kept;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
