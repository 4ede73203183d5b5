using System.IO.Compression;
using System.Text;
using PlanNacc.Crawler.Tests.Support;

namespace PlanNacc.Crawler.Tests.Fetching;

public sealed class HostileResponseFacts
{
    private static TestServer Serve(Func<SeenRequest, TestResponse?> page) =>
        TestServer.Start(r => r.Path == "/robots.txt" ? TestResponse.WithStatus(404) : page(r) ?? TestResponse.WithStatus(404));

    private static string Links(params string[] paths) => "<html><body>" + string.Concat(paths.Select(p => $"<a href='{p}'>{p}</a>"))
        + "</body></html>";

    [Fact]
    public async Task CrawlAsync_EndsWithRedirectLoop_WhenRedirectsCircle()
    {
        await using var server = Serve(r => r.Path switch
        {
            "/" => TestResponse.Html(Links("/a")),
            "/a" => TestResponse.Redirect("/b"),
            "/b" => TestResponse.Redirect("/a"),
            _ => null,
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        Assert.Contains(new CrawlError(server.Url("/a"), "redirect-loop"), snapshot.Errors);
        Assert.True(server.Requests.Count(r => r.Path is "/a" or "/b") <= 3);
    }

    [Fact]
    public async Task CrawlAsync_ReportsUnreachableHome_WhenHomeRedirectsForever()
    {
        var hop = 0;
        await using var server = Serve(_ => TestResponse.Redirect($"/hop{Interlocked.Increment(ref hop)}"));
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.MaxRedirects = 4));

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal((SiteStatus.Unreachable, "too-many-redirects"), (snapshot.Status, snapshot.StatusReason));
        Assert.Equal(5, server.Requests.Count(r => r.Path != "/robots.txt"));
    }

    [Fact]
    public async Task CrawlAsync_StopsReading_WhenBodyExceedsByteCap()
    {
        await using var server = Serve(r => r.Path switch
        {
            "/" => TestResponse.Html(Links("/declared", "/endless")),
            "/declared" => new TestResponse { Write = (s,
                ct) => s.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " +
                    "1073741824\r\n\r\n<html>"), ct).AsTask() },
            "/endless" => new TestResponse { Write = EndlessChunkedAsync },
            _ => null,
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.MaxBytesPerResponse = 256 * 1024));

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Contains(new CrawlError(server.Url("/declared"), "too-large"), snapshot.Errors);
        Assert.Contains(new CrawlError(server.Url("/endless"), "too-large"), snapshot.Errors);
        Assert.True(snapshot.BytesFetched < 2 * 1024 * 1024, $"{snapshot.BytesFetched} bytes read");
    }

    [Fact]
    public async Task CrawlAsync_AbandonsBody_WhenGzipRatioLooksLikeABomb()
    {
        var bomb = Gzip(new byte[64 * 1024 * 1024]);
        await using var server = Serve(r => r.Path switch
        {
            "/" => TestResponse.Html(Links("/bomb", "/fine")),
            "/bomb" => new(200, bomb, "text/html") { Headers = { ["Content-Encoding"] = "gzip" } },
            "/fine" => new(200, Gzip(Encoding.UTF8.GetBytes("<html><title>ปกติ</title><body>" + new string('ก', 5000) + "</body></html>")),
                "text/html; charset=utf-8") { Headers = { ["Content-Encoding"] = "gzip" } },
            _ => null,
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Contains(new CrawlError(server.Url("/bomb"), "decompression-bomb"), snapshot.Errors);
        Assert.Equal("ปกติ", snapshot.Pages.Single(p => p.Url.AbsolutePath == "/fine").Title);
        Assert.Contains("gzip", server.Requests.First().AcceptEncoding);
    }

    [Fact]
    public async Task CrawlAsync_DecodesBrotli_WhenServerSendsBr()
    {
        var html = Encoding.UTF8.GetBytes("<html><head><title>บรอตลี</title></head><body>x</body></html>");
        using var compressed = new MemoryStream();
        await using (var brotli = new BrotliStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            brotli.Write(html);
        }
        await using var server = Serve(r => r.Path == "/" ? new(200, compressed.ToArray(),
            "text/html; charset=utf-8") { Headers = { ["Content-Encoding"] = "br" } } : null);
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal("บรอตลี", snapshot.Pages.Single().Title);
    }

    [Fact]
    public async Task CrawlAsync_TimesOut_WhenBodyTricklesForever()
    {
        await using var server = Serve(r => r.Path switch
        {
            "/" => TestResponse.Html(Links("/slow", "/ok")),
            "/slow" => new TestResponse { Write = TrickleAsync },
            "/ok" => TestResponse.Html("<p>ok</p>"),
            _ => null,
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.RequestTimeout = TimeSpan.FromSeconds(1)));

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Contains(new CrawlError(server.Url("/slow"), "timeout"), snapshot.Errors);
        Assert.Contains(snapshot.Pages, p => p.Url.AbsolutePath == "/ok");
        Assert.Single(server.Requests, r => r.Path == "/slow");
    }

    [Fact]
    public async Task CrawlAsync_RetriesWithBackoff_OnlyForTransientFailures()
    {
        var flaky = 0;
        await using var server = Serve(r => r.Path switch
        {
            "/" => TestResponse.Html(Links("/flaky", "/missing", "/reset")),
            "/flaky" => Interlocked.Increment(ref flaky) < 3 ? TestResponse.WithStatus(503) : TestResponse.Html("<title>ในที่สุด</title>"),
            "/reset" => new TestResponse { Reset = true },
            _ => null,
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.MaxRetries = 2));

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal("ในที่สุด", snapshot.Pages.Single(p => p.Url.AbsolutePath == "/flaky").Title);
        Assert.Equal(3, server.Requests.Count(r => r.Path == "/flaky"));
        Assert.Single(server.Requests, r => r.Path == "/missing");
        Assert.Contains(new CrawlError(server.Url("/missing"), "http 404"), snapshot.Errors);
        Assert.Equal(3, server.Requests.Count(r => r.Path == "/reset"));
        Assert.Contains(snapshot.Errors, e => e.Url.AbsolutePath == "/reset" && e.Error == "connection-reset");
    }

    [Fact]
    public async Task CrawlAsync_ReportsUnreachable_WhenNothingListens()
    {
        int port;
        await using (var closed = TestServer.Start(_ => TestResponse.WithStatus(404)))
        {
            port = closed.Port;
        }
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.MaxRetries = 0));

        var snapshot = await crawler.CrawlAsync(new Uri($"http://127.0.0.1:{port}/"));

        Assert.Equal(SiteStatus.Unreachable, snapshot.Status);
        Assert.Equal("robots-unavailable: robots.txt unreachable (unreachable: connectionrefused)", snapshot.StatusReason);
    }

    [Fact]
    public async Task CrawlAsync_StopsAtSiteTimeBudget_AndKeepsWhatItRead()
    {
        var links = Links(Enumerable.Range(1, 50).Select(i => $"/p{i}").ToArray());
        await using var server = Serve(r => r.Path == "/" ? TestResponse.Html(links) : TestResponse.Html("<p>x</p>"));
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o
            => { o.RequestsPerSecondPerHost = 10; o.SiteTimeBudget = TimeSpan.FromSeconds(1); }));

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        Assert.Contains(snapshot.Findings, f => f.StartsWith("time-budget-exhausted", StringComparison.Ordinal));
        Assert.InRange(snapshot.Pages.Count, 1, 15);
    }

    [Fact]
    public async Task CrawlAsync_RespectsPageBudget()
    {
        var links = Links(Enumerable.Range(1, 40).Select(i => $"/p{i}").ToArray());
        await using var server = Serve(r => r.Path == "/" ? TestResponse.Html(links) : TestResponse.Html(links));
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.MaxPagesPerSite = 10));

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal(10, snapshot.Pages.Count);
        Assert.Contains("page-budget-reached: 10", snapshot.Findings);
        Assert.Equal(10, server.Requests.Count(r => r.Path.StartsWith("/p", StringComparison.Ordinal) || r.Path == "/"));
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(data);
        }
        return output.ToArray();
    }

    private static async Task EndlessChunkedAsync(Stream stream, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"), cancellationToken);
        var chunk = Encoding.ASCII.GetBytes("4000\r\n" + new string('x', 0x4000) + "\r\n");
        while (!cancellationToken.IsCancellationRequested)
        {
            await stream.WriteAsync(chunk, cancellationToken);
        }
    }

    private static async Task TrickleAsync(Stream stream, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"),
            cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            await stream.WriteAsync("<"u8.ToArray(), cancellationToken);
            await Task.Delay(200, cancellationToken);
        }
    }
}
