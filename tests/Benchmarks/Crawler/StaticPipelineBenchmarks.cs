using System.Net;
using System.Security.Cryptography;
using AngleSharp.Html.Parser;
using BenchmarkDotNet.Attributes;
using PlanNacc.Crawler;
using PlanNacc.Crawler.Extraction;
using PlanNacc.Crawler.Fetching;
using PlanNacc.Crawler.Politeness;
using PlanNacc.Crawler.Safety;

namespace PlanNacc.Benchmarks.Crawler;

/// <summary>
/// Cost of one page through the crawler's static pipeline (fetch from loopback through the polite fetcher, charset decode, parse,
/// extract, hash) against a bare AngleSharp parse of the same bytes. Target: ratio under 1.5.
/// Run: dotnet run -c Release --project tests/Benchmarks -- --filter '*StaticPipeline*'
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class StaticPipelineBenchmarks
{
    private byte[] page = [];
    private HttpListener? listener;
    private CancellationTokenSource? stop;
    private HttpFetcher? http;
    private PoliteFetcher? fetcher;
    private Uri url = new("http://127.0.0.1/");

    [GlobalSetup]
    public void Setup()
    {
        (page, var source) = SamplePages.LaoHomePage();
        Console.WriteLine($"// page: {source}, {page.Length} bytes");
        var port = FreePort();
        listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        stop = new CancellationTokenSource();
        _ = Task.Run(ServeAsync);
        url = new Uri($"http://127.0.0.1:{port}/index.php");

        HtmlDecoder.RegisterCodePages();
        var options = new CrawlerOptions { AllowLoopback = true, RequestsPerSecondPerHost = 1_000_000, MaxConcurrentPerAddress = 4 };
        var resolver = new HostResolver(options.Resolve, new AddressPolicy(true, false), TimeProvider.System);
        http = new HttpFetcher(options, resolver, TimeProvider.System);
        fetcher = new PoliteFetcher(options, http, resolver, new HostRateLimiter(TimeProvider.System), new AddressGate(4), TimeProvider.System);
    }

    [Benchmark(Baseline = true, Description = "AngleSharp parse of the same bytes")]
    public int BareParse()
    {
        using var document = new HtmlParser().ParseDocument(new MemoryStream(page));
        return document.All.Length;
    }

    [Benchmark(Description = "crawler static pipeline (fetch, decode, parse, extract, hash)")]
    public async Task<int> StaticPipeline()
    {
        var result = await fetcher!.ExchangeAsync(url, new FetchPlan(20 * 1024 * 1024, new SiteBudget(long.MaxValue)) { CheckRobots = false }, CancellationToken.None);
        var decoded = HtmlDecoder.Decode(result.Body, result.HeaderCharset);
        var extracted = PageExtractor.Extract(decoded.Text, result.FinalUrl);
        var hash = SHA256.HashData(result.Body);
        return extracted.Links.Count + hash[0];
    }

    [Benchmark(Description = "decode, parse and extract only (no fetch)")]
    public int ParseAndExtract()
    {
        var decoded = HtmlDecoder.Decode(page, null);
        return PageExtractor.Extract(decoded.Text, url).Links.Count;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        stop?.Cancel();
        listener?.Stop();
        listener?.Close();
        http?.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stop!.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener!.GetContextAsync();
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            context.Response.ContentType = "text/html";
            context.Response.ContentLength64 = page.Length;
            await context.Response.OutputStream.WriteAsync(page);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
