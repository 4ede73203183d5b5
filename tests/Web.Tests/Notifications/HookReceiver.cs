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

    /// <summary>Bytes of the endless body written before the client went away.</summary>
    public long HugeBytesWritten => Interlocked.Read(ref _hugeBytes);

    private long _hugeBytes;

    public string BaseUrl { get; private set; } = "";

    public int Count(string path) => Calls.Count(c => c.Path == path);

    public static async Task<HookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new HookReceiver(app);
        app.Use(async (context, next) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            receiver.Calls.Enqueue(new Call(context.Request.Path.Value ?? "", body, context.Request.Headers["X-PlanNacc-Signature"].FirstOrDefault()));
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
        app.MapPost("/huge", async (HttpContext context) =>
        {
            // A 1 GB answer, written until the client stops reading.
            context.Response.ContentLength = 1L << 30;
            var chunk = new byte[64 * 1024];
            try
            {
                for (long written = 0; written < 1L << 30; written += chunk.Length)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    Interlocked.Add(ref receiver._hugeBytes, chunk.Length);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
            {
            }
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
