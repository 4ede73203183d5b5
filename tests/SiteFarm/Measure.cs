using System.Diagnostics;
using System.Text.Json;

namespace PlanNacc.SiteFarm;

/// <summary>
/// --measure N [--seconds S] [--concurrency C]: start time and memory of an N-site farm, then requests/s it serves to an
/// in-process client (which shares the CPU, so the figure is a floor) over home pages and truth URLs of random sites.
/// </summary>
internal static class Measure
{
    /// <summary>Reads every site's truth and measures the heap while all of it is held (it is normally held weakly).</summary>
    private static int MaterialiseTruth(IRunningFarm farm, out double heapMb, long before)
    {
        var held = farm.Sites.Select(s => s.Truth.ToList()).ToList();
        heapMb = (GC.GetTotalMemory(true) - before) / 1048576.0;
        return held.Sum(t => t.Count);
    }

    public static async Task<int> RunAsync(int sites, int seconds, int concurrency, TextWriter output)
    {
        var before = GC.GetTotalMemory(true);
        var sw = Stopwatch.StartNew();
        await using var farm = await Farm.StartAsync(new FarmOptions { Sites = sites }).ConfigureAwait(false);
        var startMs = sw.ElapsedMilliseconds;
        var heapMb = (GC.GetTotalMemory(true) - before) / 1048576.0;
        var wsStartMb = Environment.WorkingSet / 1048576.0;
        sw.Restart();
        var truth = MaterialiseTruth(farm, out var heapWithTruthMb, before);
        var truthMs = sw.ElapsedMilliseconds;

        // A sample of 1,000 sites spread over the farm keeps the client's own memory out of the server's figures.
        var step = Math.Max(1, farm.Sites.Count / 1000);
        var urls = farm.Sites.Where((s, i) => !s.Hostile && i % step == 0)
            .SelectMany(s => s.Truth.Where(t => t.Url.Host == s.Host).Select(t => t.Url.AbsoluteUri).Prepend(s.Root.AbsoluteUri)).ToArray();
        using var http = FarmHttp.CreateClient(farm);
        long requests = 0, bytes = 0, errors = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        sw.Restart();
        var workers = Enumerable.Range(0, concurrency).Select(async w =>
        {
            var rng = new Random(w);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await http.GetAsync(urls[rng.Next(urls.Length)], stop.Token).ConfigureAwait(false);
                    var body = await response.Content.ReadAsByteArrayAsync(stop.Token).ConfigureAwait(false);
                    Interlocked.Increment(ref requests);
                    Interlocked.Add(ref bytes, body.Length);
                    if ((int)response.StatusCode is not (200 or 301))
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = sw.Elapsed.TotalSeconds;
        var figures = new
        {
            sites,
            truthEntries = truth,
            pages = farm.Sites.Sum(s => s.PageCount),
            truthMs,
            heapWithAllTruthMb = Math.Round(heapWithTruthMb, 1),
            startMs,
            retainedHeapMb = Math.Round(heapMb, 1),
            workingSetAtStartMb = Math.Round(wsStartMb, 1),
            workingSetAfterLoadMb = Math.Round(Environment.WorkingSet / 1048576.0, 1),
            liveHeapAfterLoadMb = Math.Round((GC.GetTotalMemory(true) - before) / 1048576.0, 1),
            concurrency,
            requestsPerSecond = Math.Round(requests / elapsed),
            mbPerSecond = Math.Round(bytes / elapsed / 1048576.0, 1),
            errors,
        };
        output.WriteLine(JsonSerializer.Serialize(figures, FarmJson.Options));
        return errors == 0 ? 0 : 1;
    }
}
