using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using PlanNacc.Crawler;
using PlanNacc.SiteFarm;

namespace PlanNacc.Benchmarks.Crawler;

/// <summary>
/// Crawl efficiency on the site farm: C sites in parallel at R requests/s per host; requests/s achieved against the ideal C × R,
/// and the process's peak working set (farm included, it runs in-process). One long invocation per case; the figures are printed.
/// Run: dotnet run -c Release --project tests/Benchmarks -- --filter '*FarmCrawl*'
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1, invocationCount: 1)]
public class FarmCrawlBenchmarks
{
    private IRunningFarm? farm;

    [Params(16, 64)]
    public int Sites { get; set; }

    [Params(2.0)]
    public double Rate { get; set; }

    [GlobalSetup]
    public void Setup() => farm = Farm.StartAsync(new FarmOptions { Sites = Sites }).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => farm?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "static crawl of the farm, 25 pages per site")]
    public async Task<int> CrawlFarm()
    {
        var options = Options(rendering: false);
        options.MaxPagesPerSite = 25;
        options.MaxDocumentsPerSite = 0;
        await using var crawler = new SiteCrawler(options);
        var sites = farm!.Sites.Where(s => !s.Hostile).ToList();
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        var watch = Stopwatch.StartNew();
        var snapshots = await Task.WhenAll(sites.Select(s => crawler.CrawlAsync(s.Root)));
        watch.Stop();
        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds / watch.Elapsed.TotalSeconds;
        var requests = snapshots.Sum(s => s.RequestsMade);
        var pages = snapshots.Sum(s => s.Pages.Count);
        var ideal = sites.Count * Rate;
        var achieved = requests / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"// farm crawl: {sites.Count} sites x {Rate} req/s: {requests} requests ({pages} pages) in " +
            $"{watch.Elapsed.TotalSeconds:0.0} s = {achieved:0.0} req/s; ideal {ideal:0.0}; ratio {achieved / ideal:0.00}; process CPU " +
                $"{cpu:0.00} cores of {Environment.ProcessorCount} (farm in-process), machine load {load} at start; peak working set " +
                    $"{self.PeakWorkingSet64 / 1048576} MB; managed heap {GC.GetTotalMemory(false) / 1048576} MB");
        return requests;
    }

    [Benchmark(Description = "rendered pages against pages that need rendering (Chromium)")]
    public async Task<int> RenderRatio()
    {
        if (PlanNacc.Crawler.Rendering.ChromiumRendererProbe.Executable is null)
        {
            Console.WriteLine("// render ratio: Chromium not installed, skipped");
            return 0;
        }
        var options = Options(rendering: true);
        options.MaxPagesPerSite = 25;
        options.MaxDocumentsPerSite = 0;
        await using var crawler = new SiteCrawler(options);
        var sites = farm!.Sites.Where(s => !s.Hostile).ToList();
        var snapshots = await Task.WhenAll(sites.Select(s => crawler.CrawlAsync(s.Root)));
        var pairs = sites.Zip(snapshots).ToList();
        var needed = pairs.Where(p => p.First.NeedsRendering).Sum(p => p.Second.Pages.Count);
        var rendered = pairs.Sum(p => p.Second.Pages.Count(page => page.Rendered));
        var wasted = pairs.Where(p => !p.First.NeedsRendering).Sum(p => p.Second.Pages.Count(page => page.Rendered));
        Console.WriteLine($"// render ratio: {rendered} pages rendered, {needed} fetched pages need it (script-menu sites), {wasted} " +
            $"rendered on static sites; ratio {(needed == 0 ? double.NaN : (double)rendered / needed):0.00}");
        return rendered;
    }

    private CrawlerOptions Options(bool rendering)
    {
        var options = new CrawlerOptions
        {
            AllowLoopback = true,
            RequestsPerSecondPerHost = Rate,
            MaxConcurrentPerAddress = 16,
            EnableRendering = rendering,
            SiteTimeBudget = TimeSpan.FromMinutes(5),
            // The farm gives one site in five a Crawl-delay of 1-2 s, which the crawler honours; the C x R ideal assumes R per host.
            HonourCrawlDelay = false,
        };
        foreach (var (host, address) in farm!.HostMap)
        {
            options.Resolve[host] = address;
        }
        return options;
    }
}
