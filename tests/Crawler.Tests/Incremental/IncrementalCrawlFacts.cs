using System.Text;
using PlanNacc.Crawler.Incremental;
using PlanNacc.Crawler.Tests.Support;
using PlanNacc.SiteFarm;
using PlanNacc.SiteFarm.Serving;

namespace PlanNacc.Crawler.Tests.Incremental;

/// <summary>Nightly re-scans that download only what changed, and judge exactly what a full scan would.</summary>
public sealed class IncrementalCrawlFacts : IDisposable
{
    private readonly string stateRoot = Path.Combine(Path.GetTempPath(), "plannacc-state-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(stateRoot))
        {
            Directory.Delete(stateRoot, recursive: true);
        }
    }

    private static SiteCrawler FarmCrawler(IRunningFarm farm) => new(Crawlers.FastLoopback(o =>
    {
        foreach (var (host, address) in farm.HostMap)
        {
            o.Resolve[host] = address;
        }
        o.MaxPagesPerSite = 60;
    }));

    private static FarmOptions Night(int port, int night, double changed) =>
        new() { Sites = 14, PagesPerSite = 8, Port = port, Night = night, ChangedShare = changed, RequestLogCapacity = 0 };

    private static TestResponse WithHeader(TestResponse response, string name, string value)
    {
        response.Headers[name] = value;
        return response;
    }

    /// <summary>The path and query as the farm's server sees them (the path decoded, the query as sent).</summary>
    private static string AsServed(Uri url) => Uri.UnescapeDataString(url.AbsolutePath) + url.Query;

    private static TestServer TwoPages() =>
        TestServer.Start(r => r.Path == "/" ? TestResponse.Html("<a href='/a'>ก</a>") : TestResponse.Html("<p>ก</p>"));

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>What a judge reads from a snapshot: every page's and document's content, by URL (not when or how it was fetched).</summary>
    private static List<string> Content(SiteSnapshot s) =>
        s.Pages.Select(p =>
                $"{p.Url} {p.ContentHash} {p.Title} {p.Text?.Length} {p.Links.Count} {p.ScriptLinks.Count} {string.Join('>', p.ClickPath)}")
            .Concat(s.Documents.Select(d => $"{d.Url} {d.ContentHash} {d.Title} {d.Text?.Length} {string.Join('>', d.ClickPath)}"))
            .Order(StringComparer.Ordinal).ToList();

    private async Task<List<SiteSnapshot>> ScanAllAsync(IRunningFarm farm, bool withState)
    {
        await using var crawler = FarmCrawler(farm);
        var results = new List<SiteSnapshot>();
        foreach (var site in farm.Sites)
        {
            results.Add(withState
                ? await crawler.CrawlWithStateAsync(site.Root, Path.Combine(stateRoot, site.Host))
                : await crawler.CrawlAsync(site.Root));
        }
        return results;
    }

    [Fact]
    public async Task CrawlWithState_DownloadsLittle_AndReadsWhatAFullScanReads_WhenNothingChanged()
    {
        var port = FreePort();
        List<SiteSnapshot> first, second, full;
        await using (var farm = await Farm.StartAsync(Night(port, 0, 0.1)))
        {
            first = await ScanAllAsync(farm, withState: true);
        }
        await using (var farm = await Farm.StartAsync(Night(port, 0, 0.1)))
        {
            second = await ScanAllAsync(farm, withState: true);
            full = await ScanAllAsync(farm, withState: false);
        }

        Assert.All(first, s => Assert.False(s.Incremental));
        Assert.All(second, s => Assert.True(s.Incremental, string.Join("; ", s.IncrementalNotes)));
        var firstBytes = first.Sum(s => s.BodyBytes);
        var secondBytes = second.Sum(s => s.BodyBytes);
        Assert.True(secondBytes <= firstBytes / 5, $"second night {secondBytes} of {firstBytes} body bytes");
        Assert.True(second.Sum(s => s.NotModified) > 0);
        Assert.Equal(full.Select(Content), second.Select(Content));
        Assert.Equal(full.Select(s => s.Status), second.Select(s => s.Status));
    }

    [Fact]
    public async Task CrawlWithState_CatchesEveryChange_WhenATenthOfPagesChanged()
    {
        var port = FreePort();
        List<SiteSnapshot> first, second, full;
        await using (var farm = await Farm.StartAsync(Night(port, 0, 0.1)))
        {
            first = await ScanAllAsync(farm, withState: true);
        }
        var tonight = Night(port, 1, 0.1);
        await using (var farm = await Farm.StartAsync(tonight))
        {
            second = await ScanAllAsync(farm, withState: true);
            full = await ScanAllAsync(farm, withState: false);
        }

        var changed = 0;
        foreach (var (last, now) in first.Zip(second))
        {
            var host = now.Root.Host;
            foreach (var page in now.Pages.Where(p => NightlyChanges.Changes(tonight, host, AsServed(p.Url), 1)))
            {
                changed++;
                Assert.False(page.Reused, $"{page.Url} changed but was reused");
                Assert.NotEqual(last.Pages.FirstOrDefault(p => p.Url == page.Url)?.ContentHash, page.ContentHash);
            }
            foreach (var document in now.Documents.Where(d => d.ContentType == "application/pdf"
                && NightlyChanges.Changes(tonight, host, AsServed(d.Url), 1)))
            {
                changed++;
                Assert.False(document.Reused, $"{document.Url} changed but was reused");
            }
        }
        Assert.True(changed > 0);
        Assert.Equal(full.Select(Content), second.Select(Content));
        var ratio = (double)second.Sum(s => s.BodyBytes) / first.Sum(s => s.BodyBytes);
        Assert.True(ratio < 0.35, $"ratio {ratio:0.000}");
    }

    [Fact]
    public async Task CrawlWithState_DistrustsA304_ToARequestWithoutValidators()
    {
        await using var server = TestServer.Start(r => r.Path switch
        {
            "/" => TestResponse.Html("<html><body><a href='/a'>ก</a><a href='/b'>ข</a></body></html>"),
            "/a" => TestResponse.WithStatus(304),
            "/b" => TestResponse.Html("<p>ข</p>"),
            _ => TestResponse.WithStatus(404),
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());

        var snapshot = await crawler.CrawlWithStateAsync(server.Url(), Path.Combine(stateRoot, "bogus"));

        Assert.DoesNotContain(snapshot.Pages, p => p.Url.AbsolutePath == "/a");
        Assert.Contains(snapshot.Errors, e => e.Url.AbsolutePath == "/a");
        Assert.Contains(snapshot.IncrementalNotes, n => n.StartsWith("304 to a request without validators", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CrawlWithState_StopsSendingETags_WhenTheyChangeOnEveryRequest()
    {
        var counter = 0;
        await using var server = TestServer.Start(r => r.Path switch
        {
            "/" => WithHeader(
                TestResponse.Html("<html><body><a href='/a'>ก</a></body></html>"), "ETag", $"\"{Interlocked.Increment(ref counter)}\""),
            "/a" => TestResponse.Html("<p>ก</p>"),
            _ => TestResponse.WithStatus(404),
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());
        var folder = Path.Combine(stateRoot, "etag");

        await crawler.CrawlWithStateAsync(server.Url(), folder);
        var second = await crawler.CrawlWithStateAsync(server.Url(), folder);
        server.Requests.Clear();
        var third = await crawler.CrawlWithStateAsync(server.Url(), folder);

        Assert.Contains(second.IncrementalNotes, n => n.StartsWith("unstable ETag: 127.0.0.1", StringComparison.Ordinal));
        Assert.True(second.Pages.Single(p => p.Url.AbsolutePath == "/").Reused);
        Assert.DoesNotContain(server.Requests, r => r.Headers.ContainsKey("If-None-Match"));
        Assert.Equal(2, third.Pages.Count);
    }

    [Fact]
    public async Task CrawlWithState_IgnoresLastModifiedInTheFuture()
    {
        var future = DateTimeOffset.UtcNow.AddYears(1).ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        await using var server = TestServer.Start(r => r.Path == "/"
            ? WithHeader(TestResponse.Html("<html><body><p>หน้าเดียว</p><a href='/a'>ก</a></body></html>"), "Last-Modified", future)
            : TestResponse.Html("<p>ก</p>"));
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());
        var folder = Path.Combine(stateRoot, "future");

        var first = await crawler.CrawlWithStateAsync(server.Url(), folder);
        server.Requests.Clear();
        await crawler.CrawlWithStateAsync(server.Url(), folder);

        Assert.Null(first.Pages.Single(p => p.Url.AbsolutePath == "/").LastModified);
        Assert.Contains(first.IncrementalNotes, n => n.StartsWith("Last-Modified in the future", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Requests, r => r.Path == "/" && r.Headers.ContainsKey("If-Modified-Since"));
    }

    [Theory]
    [InlineData(null, "state missing: full scan")]
    [InlineData("{ not json", "state unreadable")]
    [InlineData("{\"version\":0,\"root\":\"http://x/\"}", "state of another version (0): full scan")]
    [InlineData("{\"version\":1,\"root\":\"http://x/\",\"pages\":[null]}", "state corrupt: full scan")]
    [InlineData("{\"version\":1}", "state unreadable")]
    public async Task CrawlWithState_ScansInFull_AndSaysWhy_WhenStateIsMissingCorruptOrOld(string? content, string note)
    {
        await using var server = TwoPages();
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());
        var folder = Path.Combine(stateRoot, "bad-" + Guid.NewGuid().ToString("N"));
        if (content is not null)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, CrawlStateFolder.FileName), content, Encoding.UTF8);
        }

        var snapshot = await crawler.CrawlWithStateAsync(server.Url(), folder);

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        Assert.False(snapshot.Incremental);
        Assert.Contains(snapshot.IncrementalNotes, n => n.StartsWith(note, StringComparison.Ordinal));
        Assert.Equal(0, snapshot.ConditionalRequests);
        Assert.Equal(CrawlState.CurrentVersion, CrawlStateFolder.Load(folder, server.Url()).State?.Version);
    }

    [Fact]
    public async Task CrawlAsync_ScansInFull_WhenTheLastFullScanIsOlderThanTheSetting()
    {
        await using var server = TwoPages();
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());
        var folder = Path.Combine(stateRoot, "weekly");
        await crawler.CrawlWithStateAsync(server.Url(), folder);
        var kept = CrawlStateFolder.Load(folder, server.Url()).State!;

        var weekOld = await crawler.CrawlAsync(server.Url(), [], kept with { LastFullScanAt = DateTimeOffset.UtcNow.AddDays(-8) }, null);
        var dayOld = await crawler.CrawlAsync(server.Url(), [], kept with { LastFullScanAt = DateTimeOffset.UtcNow.AddDays(-1) }, null);

        Assert.False(weekOld.Incremental);
        Assert.Contains(weekOld.IncrementalNotes,
            n => n.StartsWith("full re-scan: the last full scan was 8 day(s) ago", StringComparison.Ordinal));
        Assert.True(dayOld.Incremental);
        Assert.True(dayOld.ConditionalRequests == 0 || dayOld.NotModified == 0 || dayOld.Pages.All(p => p.Reused));
    }
}
