using System.Collections.Concurrent;
using PlanNacc.Crawler;

namespace PlanNacc.Web.Features.Evidence;

/// <summary>
/// Holds what one scan's crawl fetched until the verdict is known; then only the blobs the verdict cites are kept
/// (<see cref="Promote"/>) and the rest is deleted with the staging folder. So nothing unreferenced reaches the store.
/// </summary>
public sealed class ScanEvidenceStaging : IEvidenceStore, IDisposable
{
    private readonly ConcurrentDictionary<string, EvidenceBlob> _blobs = new(StringComparer.OrdinalIgnoreCase);
    private readonly EvidenceStore _store;
    private readonly string _folder;

    public ScanEvidenceStaging(EvidenceStore store)
    {
        _store = store;
        _folder = Path.Combine(store.StagingRoot, Guid.NewGuid().ToString("N"));
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

    /// <summary>
    /// Keeps the cited blobs in the store (a rename: the bytes were written once, here) and returns them for the scan's rows.
    /// Called again after the rows are committed, it puts back a blob that retention removed in between (its staged copy
    /// is still here: a blob the store already held is not moved).
    /// </summary>
    public IReadOnlyList<KeptEvidence> Promote(IEnumerable<string?> citedHashes)
    {
        var kept = new List<KeptEvidence>();
        foreach (var sha in citedHashes.OfType<string>().Select(h => h.ToLowerInvariant()).Distinct())
        {
            var staged = Path.Combine(_folder, sha);
            if (_blobs.TryGetValue(sha, out var blob))
            {
                var keptBlob = blob with { Sha256 = sha };
                if (File.Exists(staged))
                {
                    _store.Keep(staged, keptBlob);
                    kept.Add(new KeptEvidence(keptBlob));
                }
                else if (_store.Contains(sha))
                {
                    kept.Add(new KeptEvidence(keptBlob));
                }
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
