using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using PlanNacc.SiteFarm.Generation;

namespace PlanNacc.SiteFarm.Serving;

/// <summary>
/// Serves <see cref="HostingShapes"/> on 127.0.0.1 (Host-header routing, like the main farm): Joomla, shared hosts, site builders,
/// portals and intro pages. <see cref="HostMap"/> maps every host to loopback for the crawler's resolve map; <see cref="Requests"/>
/// is what the farm saw (host, path and query), to assert that a neighbour's pages were never fetched.
/// </summary>
public sealed class HostingFarm : IAsyncDisposable
{
    private readonly WebApplication app;

    private HostingFarm(WebApplication app, int port)
    {
        this.app = app;
        Port = port;
    }

    public int Port { get; }
    public IReadOnlyList<HostedSite> Sites => HostingShapes.Sites;
    public IReadOnlyDictionary<string, IPAddress> HostMap { get; } =
        HostingShapes.Hosts.ToDictionary(h => h, _ => IPAddress.Loopback, StringComparer.OrdinalIgnoreCase);
    public ConcurrentQueue<(string Host, string PathAndQuery)> Requests { get; } = new();

    public Uri Url(HostedSite site) => new($"http://{site.Host}:{Port}{site.Start}");

    public static async Task<HostingFarm> StartAsync(CancellationToken ct = default)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "PlanNacc.SiteFarm.Hosting" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, port);
        });
        var web = builder.Build();
        var farm = new HostingFarm(web, port);
        web.Run(ctx => farm.HandleAsync(ctx));
        await web.StartAsync(ct).ConfigureAwait(false);
        return farm;
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var host = ctx.Request.Host.Host;
        var path = ctx.Request.Path.Value ?? "/";
        var query = ctx.Request.QueryString.Value ?? "";
        Requests.Enqueue((host, path + query));
        var answer = HostingShapes.Answer(host, path, query)
            ?? new HostedAnswer(404, "text/plain; charset=utf-8", "unknown host: " + host);
        ctx.Response.StatusCode = answer.Status;
        if (answer.Location is not null)
        {
            ctx.Response.Headers.Location = answer.Location;
        }
        var body = HostingShapes.Bytes(answer);
        ctx.Response.ContentType = answer.ContentType;
        ctx.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(ctx.Request.Method))
        {
            await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
