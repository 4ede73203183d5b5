using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;

namespace PlanNacc.Web.Features.Runs;

/// <summary>The site jobs (<see cref="ScanJobs.ScanSiteAsync"/>) of some runs as Hangfire's storage holds them, on any storage.</summary>
internal static class SiteJobs
{
    private const int PageSize = 500;

    /// <summary>
    /// (run, LAO) of every site job still scheduled, enqueued, fetched or processing. The lists are read twice, each time in the
    /// order a job moves through them, so a job that changes state while they are read is still seen once.
    /// </summary>
    public static HashSet<(long RunId, string DlaCode)> Waiting(JobStorage storage, IReadOnlySet<long> runIds)
    {
        var waiting = new HashSet<(long, string)>();
        for (var pass = 0; pass < 2; pass++)
        {
            var api = storage.GetMonitoringApi();
            // A deleted or failed job stays in its queue's list until a worker drops it, and storages flag it InEnqueuedState
            // all the same: the job's own current state name decides.
            Collect(waiting, runIds, from => api.ScheduledJobs(from, PageSize)
                .Select(p => (p.Key, p.Value is { InScheduledState: true } j ? j.Job : null)));
            foreach (var queue in api.Queues())
            {
                Collect(waiting, runIds, from => api.EnqueuedJobs(queue.Name, from, PageSize)
                    .Select(p => (p.Key, p.Value?.State is "Enqueued" ? p.Value.Job : null)));
                Collect(waiting, runIds, from => api.FetchedJobs(queue.Name, from, PageSize)
                    .Select(p => (p.Key, p.Value?.State is "Enqueued" or "Processing" ? p.Value.Job : null)));
            }
            Collect(waiting, runIds, from => api.ProcessingJobs(from, PageSize)
                .Select(p => (p.Key, p.Value is { InProcessingState: true } j ? j.Job : null)));
        }
        return waiting;
    }

    /// <summary>
    /// Jobs scheduled, enqueued, fetched or processing (an upper bound: a queue's count includes entries of jobs deleted since).
    /// </summary>
    public static long WaitingCount(JobStorage storage)
    {
        var api = storage.GetMonitoringApi();
        return api.ScheduledCount() + api.ProcessingCount() + api.Queues().Sum(q => api.EnqueuedCount(q.Name) + api.FetchedCount(q.Name));
    }

    /// <summary>The newest failure ("Type: message") of each (run, LAO) among Hangfire's failed site jobs.</summary>
    public static Dictionary<(long, string), string> LastErrors(JobStorage storage, IReadOnlySet<long> runIds)
    {
        var api = storage.GetMonitoringApi();
        var newest = new Dictionary<(long, string), (DateTime At, string Error)>();
        foreach (var page in Pages(from => api.FailedJobs(from, PageSize).Select(p => (p.Key, p.Value))))
        {
            foreach (var (_, failed) in page)
            {
                if (failed is not null && Key(failed.Job, runIds) is { } key)
                {
                    var at = failed.FailedAt ?? DateTime.MinValue;
                    if (!newest.TryGetValue(key, out var seen) || at > seen.At)
                    {
                        var message = (failed.ExceptionMessage ?? failed.Reason ?? "").ReplaceLineEndings(" ").Trim();
                        newest[key] = (at, Clip($"{failed.ExceptionType}: {message}", 400));
                    }
                }
            }
        }
        return newest.ToDictionary(p => p.Key, p => p.Value.Error);
    }

    private static void Collect(HashSet<(long, string)> into, IReadOnlySet<long> runIds, Func<int, IEnumerable<(string Id, Job? Job)>> page)
    {
        foreach (var jobs in Pages(page))
        {
            foreach (var (_, job) in jobs)
            {
                if (Key(job, runIds) is { } key)
                {
                    into.Add(key);
                }
            }
        }
    }

    /// <summary>Pages of a monitoring list until a short page, or a page with nothing new (a storage that ignores the offset).</summary>
    private static IEnumerable<List<(string Id, T Value)>> Pages<T>(Func<int, IEnumerable<(string Id, T Value)>> page)
    {
        var seen = new HashSet<string>();
        for (var from = 0; ; from += PageSize)
        {
            var items = page(from).ToList();
            var fresh = items.Where(i => seen.Add(i.Id)).ToList();
            yield return fresh;
            if (items.Count < PageSize || fresh.Count == 0)
            {
                yield break;
            }
        }
    }

    private static (long, string)? Key(Job? job, IReadOnlySet<long> runIds) =>
        job is not null && job.Type == typeof(ScanJobs) && job.Method.Name == nameof(ScanJobs.ScanSiteAsync)
            && job.Args.Count >= 2 && job.Args[0] is long runId && runIds.Contains(runId) && job.Args[1] is string code
            ? (runId, code)
            : null;

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
