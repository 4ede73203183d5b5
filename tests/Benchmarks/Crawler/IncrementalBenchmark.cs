using System.Diagnostics;
using System.Globalization;
using PlanNacc.Crawler;
using PlanNacc.Scoring;
using PlanNacc.SiteFarm;
using PlanNacc.SiteFarm.Serving;

namespace PlanNacc.Benchmarks.Crawler;

/// <summary>
/// Nightly re-scans on the farm: night 0 is a full scan that keeps each site's state; night 1 is scanned incrementally twice from
/// that state, once over unchanged sites and once with a share of pages and PDFs changed, and each is compared with a full scan of
/// the same night (body bytes, requests, wall time, 304s, changes caught, verdicts). Printed, not asserted.
/// Run: dotnet run -c Release --project tests/Benchmarks -- incremental [--sites 30] [--pages 8] [--rate 1] [--changed 0.1]
/// </summary>
public static class IncrementalBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sites = Arg(args, "--sites", 30);
        var pages = Arg(args, "--pages", 8);
        var rate = Arg(args, "--rate", 1.0);
        var share = Arg(args, "--changed", 0.1);
        var port = FreePort();
        var root = Path.Combine(Path.GetTempPath(), "plannacc-incremental-" + Guid.NewGuid().ToString("N"));
        FarmOptions Night(int night) => new()
        {
            Sites = sites, PagesPerSite = pages, Port = port, Night = night, ChangedShare = share, RequestLogCapacity = 0,
        };
        Console.WriteLine(
            $"// incremental re-scans: {sites} farm sites, pages target {pages}, {rate} request/s per host, {share:P0} changed per night");
        try
        {
            var first = await NightAsync(Night(0), rate, Path.Combine(root, "a"), copyFrom: null);
            Copy(Path.Combine(root, "a"), Path.Combine(root, "b"));
            Print("night 0 (full, keeps state)", first, first);

            var unchanged = await NightAsync(Night(0), rate, Path.Combine(root, "a"), copyFrom: null);
            var unchangedFull = await NightAsync(Night(0), rate, stateRoot: null, copyFrom: null);
            Print("night 1, nothing changed (incremental)", unchanged, first);
            Print("night 1, nothing changed (full scan)", unchangedFull, first);
            Console.WriteLine($"//   verdicts equal a full scan's: {SameVerdicts(unchanged, unchangedFull)}");

            var changedNight = Night(1);
            var changed = await NightAsync(changedNight, rate, Path.Combine(root, "b"), copyFrom: null);
            var changedFull = await NightAsync(changedNight, rate, stateRoot: null, copyFrom: null);
            Print($"night 1, {share:P0} changed (incremental)", changed, first);
            Print($"night 1, {share:P0} changed (full scan)", changedFull, first);
            var (due, caught) = Caught(changedNight, changed);
            Console.WriteLine($"//   changes caught: {caught} of {due} changed pages and PDFs the crawl reached");
            Console.WriteLine($"//   verdicts equal a full scan's: {SameVerdicts(changed, changedFull)}");
            return 0;
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private sealed record NightResult(IReadOnlyList<SiteSnapshot> Snapshots, TimeSpan Wall);

    private static async Task<NightResult> NightAsync(FarmOptions options, double rate, string? stateRoot, string? copyFrom)
    {
        _ = copyFrom;
        await using var farm = await Farm.StartAsync(options);
        var crawlerOptions = new CrawlerOptions { AllowLoopback = true, EnableRendering = false, RequestsPerSecondPerHost = rate };
        foreach (var (host, address) in farm.HostMap)
        {
            crawlerOptions.Resolve[host] = address;
        }
        await using var crawler = new SiteCrawler(crawlerOptions);
        var watch = Stopwatch.StartNew();
        var snapshots = await Task.WhenAll(farm.Sites.Where(s => !s.Hostile).Select(s => stateRoot is null
            ? crawler.CrawlAsync(s.Root)
            : crawler.CrawlWithStateAsync(s.Root, Path.Combine(stateRoot, s.Host))));
        return new NightResult(snapshots, watch.Elapsed);
    }

    private static void Print(string label, NightResult night, NightResult first)
    {
        var bytes = night.Snapshots.Sum(s => s.BodyBytes);
        var firstBytes = Math.Max(1, first.Snapshots.Sum(s => s.BodyBytes));
        var requests = night.Snapshots.Sum(s => s.RequestsMade);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// {label}: body bytes {bytes:N0} = {(double)bytes / firstBytes:0.000} of night 0; requests {requests:N0}"
            + $" ({night.Snapshots.Sum(s => s.ConditionalRequests):N0} conditional,"
            + $" {night.Snapshots.Sum(s => s.NotModified):N0} answered 304);"
            + $" pages {night.Snapshots.Sum(s => s.Pages.Count):N0} ({night.Snapshots.Sum(s => s.Pages.Count(p => p.Reused)):N0} reused);"
            + $" wall {night.Wall.TotalSeconds:0.0} s"));
    }

    private static (int Due, int Caught) Caught(FarmOptions tonight, NightResult night)
    {
        int due = 0, caught = 0;
        foreach (var snapshot in night.Snapshots)
        {
            var host = snapshot.Root.Host;
            foreach (var (url, reused) in snapshot.Pages.Select(p => (p.Url, p.Reused))
                .Concat(snapshot.Documents.Where(d => d.ContentType == "application/pdf").Select(d => (d.Url, d.Reused))))
            {
                if (NightlyChanges.Changes(tonight, host, Uri.UnescapeDataString(url.AbsolutePath) + url.Query, tonight.Night))
                {
                    due++;
                    caught += reused ? 0 : 1;
                }
            }
        }
        return (due, caught);
    }

    private static string SameVerdicts(NightResult a, NightResult b)
    {
        var scorer = new SiteScorer();
        var differ = a.Snapshots.Zip(b.Snapshots).Count(pair => Verdicts(scorer, pair.First) != Verdicts(scorer, pair.Second));
        return differ == 0 ? $"yes, all {a.Snapshots.Count} sites" : $"NO: {differ} of {a.Snapshots.Count} sites differ";
    }

    private static string Verdicts(SiteScorer scorer, SiteSnapshot snapshot) => string.Join('\n', scorer.Score(snapshot, 2568).Items
        .Select(i => $"{i.Code} {i.Status} {i.Score} {string.Join(' ', i.Evidence.Select(e => e.Url))}"
            + $" {string.Join('|', i.Reasons.Select(r => r.En))}"));

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static T Arg<T>(string[] args, string name, T fallback) where T : IParsable<T>
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && T.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
