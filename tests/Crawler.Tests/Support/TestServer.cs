using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PlanNacc.Crawler.Tests.Support;

/// <summary>A request as the test server saw it, with the server's own clock reading.</summary>
public sealed record SeenRequest(string Method, string Path, string Host, string? UserAgent, string? AcceptEncoding, TimeSpan At)
{
    /// <summary>Every request header (conditional requests are asserted on If-None-Match and If-Modified-Since).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

/// <summary>What the test server answers; <see cref="Write"/> takes over the raw socket for hostile behaviour.</summary>
public sealed record TestResponse(int Status = 200, byte[]? Body = null, string? ContentType = "text/html; charset=utf-8")
{
    public Dictionary<string, string> Headers { get; init; } = [];
    public Func<Stream, CancellationToken, Task>? Write { get; init; }
    /// <summary>Close the connection with a TCP reset instead of answering.</summary>
    public bool Reset { get; init; }

    public static TestResponse Html(string html, string charset = "utf-8") => new(200, Encoding.UTF8.GetBytes(html),
        $"text/html; charset={charset}");
    public static TestResponse Bytes(byte[] body, string? contentType) => new(200, body, contentType);
    public static TestResponse WithStatus(int status) => new(status, Encoding.UTF8.GetBytes($"status {status}"), "text/plain");
    public static TestResponse Redirect(string location, int status = 302) => new(status, [],
        null) { Headers = { ["Location"] = location } };
}

/// <summary>A small HTTP/1.1 server on 127.0.0.1 (one request per connection), with full control of the bytes it sends.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Func<SeenRequest, TestResponse> handler;
    private readonly CancellationTokenSource stop = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Task loop;

    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2? certificate;

    private TestServer(Func<SeenRequest, TestResponse> handler,
        System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        this.handler = handler;
        this.certificate = certificate;
        listener.Start();
        loop = Task.Run(AcceptLoopAsync);
    }

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();
    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public static TestServer Start(Func<SeenRequest, TestResponse> handler) => new(handler);

    /// <summary>An HTTPS server presenting <paramref name="certificate"/> (self-signed in tests, so validation fails).</summary>
    public static TestServer StartTls(Func<SeenRequest, TestResponse> handler,
        System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) => new(handler, certificate);

    /// <summary>Serves a fixed map of path (with query) → response; anything else is 404.</summary>
    public static TestServer Start(IReadOnlyDictionary<string, TestResponse> routes) =>
        new(request => routes.TryGetValue(request.Path, out var response) ? response : TestResponse.WithStatus(404));

    public Uri Url(string path = "/", string host = "127.0.0.1") => new($"http://{host}:{Port}{path}");

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        await using var network = new NetworkStream(socket, ownsSocket: false);
        Stream stream = network;
        try
        {
            if (certificate is not null)
            {
                var ssl = new System.Net.Security.SslStream(network, leaveInnerStreamOpen: true);
                await ssl.AuthenticateAsServerAsync(certificate);
                stream = ssl;
            }
            var head = await ReadHeadAsync(stream);
            if (head is null)
            {
                return;
            }
            var lines = head.Split("\r\n");
            var parts = lines[0].Split(' ');
            var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
                .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.OrdinalIgnoreCase);
            var request = new SeenRequest(parts[0], parts.Length > 1 ? parts[1] : "/", headers.GetValueOrDefault("Host") ?? "",
                headers.GetValueOrDefault("User-Agent"),
                headers.GetValueOrDefault("Accept-Encoding"), clock.Elapsed) { Headers = headers };
            Requests.Enqueue(request);
            var response = handler(request);
            if (response.Reset)
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
                return;
            }
            if (response.Write is not null)
            {
                await response.Write(stream, stop.Token);
                return;
            }
            var body = response.Body ?? [];
            var text = new StringBuilder($"HTTP/1.1 {response.Status} X\r\nConnection: close\r\nContent-Length: {body.Length}\r\n");
            if (response.ContentType is not null)
            {
                text.Append($"Content-Type: {response.ContentType}\r\n");
            }
            foreach (var (name, value) in response.Headers)
            {
                text.Append($"{name}: {value}\r\n");
            }
            text.Append("\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()), stop.Token);
            if (request.Method != "HEAD")
            {
                await stream.WriteAsync(body, stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException
            or System.Security.Authentication.AuthenticationException)
        {
            // The client gave up (timeouts, caps): that is the point of most hostile responses.
        }
    }

    private static async Task<string?> ReadHeadAsync(Stream stream)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length));
            if (read == 0)
            {
                return null;
            }
            length += read;
            var text = Encoding.Latin1.GetString(buffer, 0, length);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                return text[..end];
            }
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Stop();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
        }
        stop.Dispose();
    }
}
