using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using PlanNacc.SiteFarm.Generation;

namespace PlanNacc.SiteFarm.Serving;

/// <summary>One Kestrel server for every site: routes by Host header, renders pages on request from the site model.</summary>
internal sealed class FarmServer : IRunningFarm
{
    private readonly WebApplication _app;
    private readonly FarmState _state;

    private FarmServer(WebApplication app, FarmState state)
    {
        _app = app;
        _state = state;
    }

    public int Port => _state.Options.Port;
    public IReadOnlyList<FarmSite> Sites => _state.Sites;
    public IReadOnlyDictionary<string, IPAddress> HostMap => _state.HostMap;
    public string RegistryCsv() => Registry.Csv(_state.Sites, _state.Options.FiscalYear);
    public FarmTraffic Traffic() => _state.Traffic.Snapshot();
    public void ResetTraffic() => _state.Traffic.Reset();

    public static async Task<FarmServer> StartAsync(FarmOptions options, CancellationToken ct)
    {
        var explicitPort = options.Port != 0;
        for (var attempt = 0; ; attempt++)
        {
            var port = explicitPort ? options.Port : FreePort();
            var state = new FarmState(options with { Port = port }, SharedHostingAvailable());
            var app = CreateApp(state);
            try
            {
                await app.StartAsync(ct).ConfigureAwait(false);
                return new FarmServer(app, state);
            }
            catch (IOException) when (!explicitPort && attempt < 5)
            {
                // Another process took the port between probing and binding; try another.
                await app.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Linux routes all of 127.0.0.0/8 to lo; elsewhere only 127.0.0.1 may exist, and every site then maps there.</summary>
    private static bool SharedHostingAvailable()
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Parse("127.0.1.1"), 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static WebApplication CreateApp(FarmState state)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "PlanNacc.SiteFarm" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxConcurrentConnections = null;
            k.Limits.MinResponseDataRate = null;
            k.Listen(IPAddress.Loopback, state.Options.Port);
            foreach (var address in state.Addresses)
            {
                k.Listen(address, state.Options.Port);
            }
        });
        var app = builder.Build();
        var handler = new SiteHandler(state);
        app.Run(ctx => ctx.Request.Path.StartsWithSegments("/_farm") && !state.HostIndex.ContainsKey(ctx.Request.Host.Host)
            ? handler.HandleAsync(ctx)
            : state.Traffic.TrackAsync(ctx, handler.HandleAsync));
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>The farm's sites, the host index and a small cache of rebuilt site models.</summary>
internal sealed class FarmState
{
    private readonly CacheEntry?[] _cache = new CacheEntry?[128];

    public FarmState(FarmOptions options, bool sharedHosting = true)
    {
        Options = options;
        Identities = Generation.Identities.Create(options);
        if (!sharedHosting)
        {
            Identities = Identities.Select(i => i with { Address = IPAddress.Loopback }).ToList();
        }
        Sites = Identities.Select(id => Farm.Describe(id, options)).ToList();
        Traffic = new Traffic(options.RequestLogCapacity);
        // Every site also answers on www.host (same address); sites listed that way redirect it to their own host.
        HostIndex = Identities.SelectMany(i => new[] { (i.Host, i.Index), ("www." + i.Host, i.Index) })
            .ToDictionary(h => h.Item1, h => h.Item2, StringComparer.OrdinalIgnoreCase);
        HostMap = Identities.SelectMany(i => new[] { (i.Host, i.Address), ("www." + i.Host, i.Address) })
            .ToDictionary(h => h.Item1, h => h.Item2, StringComparer.OrdinalIgnoreCase);
        Addresses = sharedHosting ? Enumerable.Range(1, options.HostingAddresses).Select(k => IPAddress.Parse($"127.0.1.{k}")).ToList()
            : [];
    }

    public FarmOptions Options { get; }
    public List<SiteIdentity> Identities { get; }
    public IReadOnlyList<FarmSite> Sites { get; }
    public Dictionary<string, int> HostIndex { get; }
    public Traffic Traffic { get; }
    public IReadOnlyDictionary<string, IPAddress> HostMap { get; }
    public List<IPAddress> Addresses { get; }

    /// <summary>Models are rebuilt on demand (microseconds) and kept in a direct-mapped cache, so memory stays flat at 7,000
    /// sites.</summary>
    public SiteModel Model(int index)
    {
        var slot = index % _cache.Length;
        if (_cache[slot] is { } cached && cached.Index == index)
        {
            return cached.Model;
        }
        var model = Farm.Build(Identities[index], Options);
        _cache[slot] = new CacheEntry(index, model);
        return model;
    }

    /// <summary>A class, so a slot is swapped atomically under concurrent requests.</summary>
    private sealed record CacheEntry(int Index, SiteModel Model);
}
