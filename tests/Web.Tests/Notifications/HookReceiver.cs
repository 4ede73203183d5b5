using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PlanNacc.Web.Tests.Notifications;

/// <summary>A real HTTP server (Kestrel) on loopback that answers webhooks well or badly, and records what reached it.</summary>
public sealed class HookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HookReceiver(WebApplication app) => _app = app;

    public sealed record Call(string Path, string Body, string? Signature);

    public ConcurrentQueue<Call> Calls { get; } = new();

    public string BaseUrl { get; private set; } = "";

    private readonly ConcurrentDictionary<string, int> _arrivals = new(StringComparer.Ordinal);

    /// <summary>
    /// Requests that reached <paramref name="path"/>, counted on arrival, before the body is read: a sender that gives up on a
    /// hanging answer may abort while the body is still being read on a loaded machine, and that attempt reached us all the same.
    /// </summary>
    public int Count(string path) => _arrivals.TryGetValue(path, out var n) ? n : 0;

    public static async Task<HookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new HookReceiver(app);
        app.Use(async (context, next) =>
        {
            receiver._arrivals.AddOrUpdate(context.Request.Path.Value ?? "", 1, (_, n) => n + 1);
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var signature = context.Request.Headers["X-PlanNacc-Signature"].FirstOrDefault();
            receiver.Calls.Enqueue(new Call(context.Request.Path.Value ?? "", body, signature));
            await next(context);
        });
        app.MapPost("/ok", () => Results.Ok(new { received = true }));
        app.MapPost("/fail", () => Results.StatusCode(StatusCodes.Status500InternalServerError));
        app.MapPost("/hang", async (HttpContext context) =>
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        app.MapPost("/redirect", (HttpContext context) =>
            Results.Redirect($"http://{context.Request.Host}/private-target", permanent: false, preserveMethod: true));
        app.MapPost("/private-target", () => Results.Ok());
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return receiver;
    }

    /// <summary>
    /// A raw socket server answering every request with 200 and a 1 GB body, written with blocking sends, so the count is what
    /// the client's socket took (Kestrel would count writes it silently drops after the client left).
    /// </summary>
    public static (string Url, Func<long> BytesTaken, Func<bool> Cut, IDisposable Stop) StartHugeAnswer()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        long taken = 0;
        var cut = 0;
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var socket = await listener.AcceptSocketAsync();
                    var request = new List<byte>();
                    var buffer = new byte[8192];
                    while (!System.Text.Encoding.ASCII.GetString(request.ToArray()).Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var n = socket.Receive(buffer);
                        if (n == 0)
                        {
                            break;
                        }
                        request.AddRange(buffer.AsSpan(0, n).ToArray());
                    }
                    socket.Send(System.Text.Encoding.ASCII.GetBytes(
                        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1073741824\r\n\r\n"));
                    var chunk = new byte[64 * 1024];
                    try
                    {
                        for (long written = 0; written < 1L << 30; written += chunk.Length)
                        {
                            Interlocked.Add(ref taken, socket.Send(chunk));
                        }
                    }
                    catch (System.Net.Sockets.SocketException)
                    {
                        // The client closed the connection before the end of the body.
                        Volatile.Write(ref cut, 1);
                    }
                }
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or ObjectDisposedException)
            {
            }
        });
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        return ($"http://127.0.0.1:{port}/huge", () => Interlocked.Read(ref taken), () => Volatile.Read(ref cut) == 1,
            new Stopper(listener));
    }

    private sealed class Stopper(System.Net.Sockets.TcpListener listener) : IDisposable
    {
        public void Dispose() => listener.Stop();
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
