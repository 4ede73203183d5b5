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
    private System.Net.Sockets.TcpListener? listener;
    private byte[] response = [];
    private CancellationTokenSource? stop;
    private HttpFetcher? http;
    private PoliteFetcher? fetcher;
    private Uri url = new("http://127.0.0.1/");

    [GlobalSetup]
    public void Setup()
    {
        (page, var source) = SamplePages.LaoHomePage();
        Console.WriteLine($"// page: {source}, {page.Length} bytes");
        // A keep-alive server that writes one prebuilt response: the figure is the crawler's cost, not a web server's.
        response = [.. System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " +
            $"{page.Length}\r\n\r\n"), .. page];
        listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        stop = new CancellationTokenSource();
        _ = Task.Run(AcceptAsync);
        url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/index.php");

        HtmlDecoder.RegisterCodePages();
        var options = new CrawlerOptions { AllowLoopback = true, RequestsPerSecondPerHost = 1_000_000, MaxConcurrentPerAddress = 4 };
        var resolver = new HostResolver(options.Resolve, new AddressPolicy(true, false), TimeProvider.System);
        http = new HttpFetcher(options, resolver, TimeProvider.System);
        fetcher = new PoliteFetcher(options, http, resolver, new HostRateLimiter(TimeProvider.System), new AddressGate(4),
            TimeProvider.System);
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
        var result = await fetcher!.ExchangeAsync(url,
            new FetchPlan(20 * 1024 * 1024, new SiteBudget(long.MaxValue)) { CheckRobots = false }, CancellationToken.None);
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
        http?.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop!.IsCancellationRequested)
        {
            System.Net.Sockets.Socket socket;
            try
            {
                socket = await listener!.AcceptSocketAsync(stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(System.Net.Sockets.Socket socket)
    {
        using var _ = socket;
        var buffer = new byte[16 * 1024];
        var seen = 0;
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(seen), stop!.Token);
                if (read == 0)
                {
                    return;
                }
                seen += read;
                if (buffer.AsSpan(0, seen).IndexOf("\r\n\r\n"u8) >= 0)
                {
                    seen = 0;
                    await socket.SendAsync(response, stop.Token);
                }
            }
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or OperationCanceledException)
        {
        }
    }
}
