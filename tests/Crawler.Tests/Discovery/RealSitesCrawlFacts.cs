using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PlanNacc.Crawler.Tests.Support;

namespace PlanNacc.Crawler.Tests.Discovery;

/// <summary>
/// The real LAO sites of ../shared/real-lao-sites, served by their own serve.py (as its README says), crawled as a user would:
/// the pages only a script menu or a query router leads to must be reached.
/// </summary>
public sealed class RealSitesCrawlFacts
{
    [SharedDataFact]
    public async Task CrawlAsync_ReachesPopUpMenuPages_OnSaiyoiOldSite()
    {
        await using var site = await ServedSite.StartAsync("saiyoi-phrae-old");
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.MaxPagesPerSite = 150));

        var snapshot = await crawler.CrawlAsync(site.Url("/1/"));

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        var read = snapshot.Pages.Select(p => p.Url.AbsolutePath).ToHashSet();
        // The 13 pages a visitor reaches only through the window.open pop-up menus (labels.json "traps").
        string[] popUpOnly =
        [
            "/1/vision.php", "/1/general_basic.php", "/1/general_economy.php", "/1/general_social.php", "/1/general_service.php",
            "/1/general_other.php", "/1/architech.php", "/1/excustive.php", "/1/member_org.php", "/1/member_klung.php",
            "/1/member_tumbon.php", "/1/member_educate.php", "/1/member_yota.php",
        ];
        Assert.All(popUpOnly, path => Assert.Contains(path, read));
        Assert.All(Labelled(site.Name).Where(u => !u.Contains("/images/", StringComparison.Ordinal)),
            url => Assert.Contains(snapshot.Pages, p => Uri.UnescapeDataString(p.Url.PathAndQuery) == url));
    }

    [SharedDataFact]
    public async Task CrawlAsync_ReachesQueryRoutedPages_OnPoknoiSite()
    {
        await using var site = await ServedSite.StartAsync("poknoi-sakon");
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());

        var snapshot = await crawler.CrawlAsync(site.Url("/"));

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        var pages = snapshot.Pages.Select(p => Uri.UnescapeDataString(p.Url.PathAndQuery)).ToHashSet();
        var documents = snapshot.Documents.Select(d => Uri.UnescapeDataString(d.Url.PathAndQuery)).ToHashSet();
        foreach (var url in Labelled(site.Name).Where(u => u != "#"))
        {
            var asIndex = url.StartsWith("/?", StringComparison.Ordinal) ? "/index.php" + url[1..] : url;
            Assert.True(pages.Contains(url) || pages.Contains(asIndex) || documents.Contains(url), $"{url} not reached");
        }
        // index.php?m=main&p=X and ?m=main&p=X answer the same bytes: one page, recognised by its hash.
        Assert.True(snapshot.Pages.Count(p => p.DuplicateOf is null) >= 7);
    }

    private static IEnumerable<string> Labelled(string site)
    {
        var file = Path.Combine(TestEnvironment.SharedDir!, "real-lao-sites", site, "labels.json");
        using var labels = JsonDocument.Parse(File.ReadAllText(file));
        return labels.RootElement.GetProperty("disclosures").EnumerateArray().Select(d => d.GetProperty("url").GetString()!)
            .Concat(labels.RootElement.GetProperty("empty_item_pages").EnumerateArray().Select(d => d.GetProperty("url").GetString()!))
            .Distinct().ToList();
    }

    /// <summary>One real site served by python3 serve.py on a free loopback port; the process is ended on dispose.</summary>
    private sealed class ServedSite : IAsyncDisposable
    {
        private readonly Process process;

        private ServedSite(string name, int port, Process process)
        {
            Name = name;
            Port = port;
            this.process = process;
        }

        public string Name { get; }
        public int Port { get; }

        public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

        public static async Task<ServedSite> StartAsync(string name)
        {
            var folder = Path.Combine(TestEnvironment.SharedDir!, "real-lao-sites");
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var start = new ProcessStartInfo("python3")
            {
                WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            foreach (var argument in new[] { "serve.py", name, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(argument);
            }
            var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
            var served = new ServedSite(name, port, process);
            using var client = new HttpClient();
            for (var attempt = 0; attempt < 200; attempt++)
            {
                try
                {
                    using var response = await client.GetAsync(served.Url("/robots.txt"));
                    return served;
                }
                catch (HttpRequestException) when (!process.HasExited)
                {
                    await Task.Delay(50);
                }
            }
            await served.DisposeAsync();
            throw new InvalidOperationException($"serve.py {name} did not answer on port {port}");
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
    }
}
