using BenchmarkDotNet.Attributes;
using PlanNacc.Crawler;
using PlanNacc.Scoring;
using PlanNacc.Scoring.Classification;
using PlanNacc.SiteFarm;

namespace PlanNacc.Benchmarks.Scoring;

/// <summary>
/// Time to score one site's snapshot of 100 pages (crawled for real from the site farm in setup), against a plain
/// string.Contains loop of every link text on every page over the same phrases. Target: under 20 ms.
/// Run: dotnet run -c Release --project tests/Benchmarks -- --filter '*SiteScoring*' --job short
/// </summary>
[MemoryDiagnoser]
public class SiteScoringBenchmarks
{
    private SiteSnapshot _snapshot = null!;
    private string[] _phrases = [];
    private SiteScorer _scorer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = CrawlFarmSite().GetAwaiter().GetResult();
        if (_snapshot.Pages.Count < 90)
        {
            throw new InvalidOperationException($"the farm crawl gave only {_snapshot.Pages.Count} pages");
        }
        _phrases = KindRules.Phrases().Select(p => p.ToLowerInvariant()).ToArray();
        _scorer = new SiteScorer();
        _scorer.Score(_snapshot, 2568);
        Console.WriteLine($"// snapshot: {_snapshot.Pages.Count} pages, {_snapshot.Pages.Sum(p => p.Links.Count)} links, " +
            $"{_snapshot.Documents.Count} documents");
    }

    private static async Task<SiteSnapshot> CrawlFarmSite()
    {
        await using var farm = await Farm.StartAsync(new FarmOptions { Sites = 1, Seed = 2568, PagesPerSite = 160 });
        var options = new CrawlerOptions
        {
            MaxPagesPerSite = 100, MaxDocumentsPerSite = 40, AllowLoopback = true, EnableRendering = false,
            RequestsPerSecondPerHost = 500, MaxConcurrentPerAddress = 4, HonourCrawlDelay = false,
        };
        foreach (var (host, address) in farm.HostMap) options.Resolve[host] = address;
        await using var crawler = new SiteCrawler(options);
        return await crawler.CrawlAsync(farm.Sites[0].Root);
    }

    [Benchmark(Baseline = true, Description = "string.Contains over every link on every page")]
    public int ContainsLoop()
    {
        var hits = 0;
        foreach (var page in _snapshot.Pages)
        {
            foreach (var link in page.Links)
            {
                var lower = link.Text.ToLowerInvariant();
                foreach (var p in _phrases)
                {
                    if (lower.Contains(p, StringComparison.Ordinal)) hits++;
                }
            }
        }
        return hits;
    }

    [Benchmark(Description = "SiteScorer.Score (100 pages, ITA 2568)")]
    public int Score() => _scorer.Score(_snapshot, 2568).Items.Count;
}
