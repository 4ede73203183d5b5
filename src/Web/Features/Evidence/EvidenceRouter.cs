using PlanNacc.Crawler;

namespace PlanNacc.Web.Features.Evidence;

/// <summary>
/// The one evidence store the process-wide crawler writes to. It hands each blob to the staging area of the scan
/// whose crawl fetched it (the scan's async flow), so many sites can crawl at once through one crawler.
/// </summary>
public sealed class EvidenceRouter : IEvidenceStore
{
    private static readonly AsyncLocal<ScanEvidenceStaging?> Current = new();

    public long Unrouted => Interlocked.Read(ref _unrouted);

    private long _unrouted;

    public IDisposable Begin(ScanEvidenceStaging staging)
    {
        var previous = Current.Value;
        Current.Value = staging;
        return new Restore(previous);
    }

    public Task PutAsync(EvidenceBlob blob, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (Current.Value is { } staging)
        {
            return staging.PutAsync(blob, content, cancellationToken);
        }
        Interlocked.Increment(ref _unrouted);
        return Task.CompletedTask;
    }

    private sealed class Restore(ScanEvidenceStaging? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
