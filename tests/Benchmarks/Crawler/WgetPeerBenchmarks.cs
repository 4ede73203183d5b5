using System.Diagnostics;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using PlanNacc.Crawler;
using PlanNacc.SiteFarm;

namespace PlanNacc.Benchmarks.Crawler;

/// <summary>
/// A peer in the same run: Debian's <c>wget --recursive</c> over the same farm sites at the same per-host rate as the crawler, for
/// URLs fetched per second and published items (the farm's ground truth) reached. wget gets each site's host through a Host header
/// (the farm routes by Host and its links are root-relative). Prints both lines.
/// Run: dotnet run -c Release --project tests/Benchmarks -- --filter '*WgetPeer*'
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1, invocationCount: 1)]
public partial class WgetPeerBenchmarks
{
    private const double Rate = 2;
    private const int Sites = 12;
    private IRunningFarm? farm;

    [GlobalSetup]
    public void Setup() => farm = Farm.StartAsync(new FarmOptions { Sites = Sites }).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => farm?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "wget --recursive over the farm")]
    public async Task<int> Wget()
    {
        var sites = farm!.Sites.Where(s => !s.Hostile).ToList();
        var watch = Stopwatch.StartNew();
        var fetched = await Task.WhenAll(sites.Select(RunWgetAsync));
        watch.Stop();
        Report("wget", sites, fetched.Select(f => (IReadOnlySet<string>)f).ToList(), watch.Elapsed);
        return fetched.Sum(f => f.Count);
    }

    [Benchmark(Description = "PlanNacc crawler over the farm")]
    public async Task<int> PlanNacc()
    {
        var options = new CrawlerOptions { AllowLoopback = true, RequestsPerSecondPerHost = Rate, EnableRendering = false,
            MaxConcurrentPerAddress = 16, HonourCrawlDelay = false };
        foreach (var (host, address) in farm!.HostMap)
        {
            options.Resolve[host] = address;
        }
        await using var crawler = new SiteCrawler(options);
        var sites = farm.Sites.Where(s => !s.Hostile).ToList();
        var watch = Stopwatch.StartNew();
        var snapshots = await Task.WhenAll(sites.Select(s => crawler.CrawlAsync(s.Root)));
        watch.Stop();
        var fetched = snapshots.Select(s => (IReadOnlySet<string>)s.Pages.Select(p => p.Url.PathAndQuery)
            .Concat(s.Documents.Select(d => d.Url.PathAndQuery)).ToHashSet()).ToList();
        Report("plannacc", sites, fetched, watch.Elapsed);
        return snapshots.Sum(s => s.RequestsMade);
    }

    private static void Report(string who, IReadOnlyList<FarmSite> sites, IReadOnlyList<IReadOnlySet<string>> fetched, TimeSpan elapsed)
    {
        var urls = fetched.Sum(f => f.Count);
        var truths = sites.SelectMany((s, i) => s.Truth.Where(t => t.Kind != "none" && t.Url.Host == s.Host)
            .Select(t => fetched[i].Contains(t.Url.PathAndQuery))).ToList();
        Console.WriteLine($"// peer {who}: {sites.Count} sites at {Rate} req/s per host: {urls} URLs in {elapsed.TotalSeconds:0.0} s = " +
            $"{urls / elapsed.TotalSeconds:0.0} URLs/s; published items reached {truths.Count(x => x)}/{truths.Count}");
    }

    private async Task<HashSet<string>> RunWgetAsync(FarmSite site)
    {
        var folder = Directory.CreateTempSubdirectory("plannacc-wget-");
        var address = farm!.HostMap[site.Host];
        var start = new ProcessStartInfo("wget")
        {
            WorkingDirectory = folder.FullName,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--recursive", "--level=6", "--no-verbose", "--delete-after", "--no-host-directories", "--tries=1", "--timeout=10",
            $"--wait={1 / Rate:0.###}", "-e", "robots=on", "--user-agent=PlanNacc-peer-wget",
            $"--header=Host: {site.Host}:{site.Root.Port}", $"http://{address}:{site.Root.Port}/",
        })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var log = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
        var fetched = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in FetchedUrl().Matches(await log))
        {
            fetched.Add(new Uri(match.Groups["url"].Value).PathAndQuery);
        }
        folder.Delete(recursive: true);
        return fetched;
    }

    [GeneratedRegex(@"URL:(?<url>http\S+) \[")]
    private static partial Regex FetchedUrl();
}
