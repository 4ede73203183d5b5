using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace PlanNacc.SiteFarm.Serving;

/// <summary>
/// /_farm/ on 127.0.0.1 (any host that is not a site): sites.json (sites and truth), sites/{host}.json, hostmap.json,
/// registry.csv, health. A process that runs the farm as a child imports it from here.
/// </summary>
internal sealed class ControlEndpoint(FarmState state)
{
    public async Task HandleAsync(HttpContext ctx, string rest)
    {
        var ct = ctx.RequestAborted;
        switch (rest)
        {
            case "" or "/":
                await SiteHandler.Text(ctx, 200, "text/plain; charset=utf-8",
                    "PlanNacc site farm\n/_farm/sites.json\n/_farm/sites/{host}.json\n/_farm/hostmap.json\n/_farm/registry.csv\n"
                    + "/_farm/traffic.json[?host=H]\n/_farm/health\n").ConfigureAwait(false);
                return;
            case "/health":
                await SiteHandler.Text(ctx, 200, "application/json",
                    $"{{\"ok\":true,\"sites\":{state.Sites.Count},\"port\":{state.Options.Port}}}").ConfigureAwait(false);
                return;
            case "/registry.csv":
                await SiteHandler.Text(ctx, 200, "text/csv; charset=utf-8", Registry.Csv(state.Sites, state.Options.FiscalYear))
                    .ConfigureAwait(false);
                return;
            case "/hostmap.json":
                ctx.Response.ContentType = "application/json";
                await JsonSerializer.SerializeAsync(ctx.Response.Body, state.HostMap.ToDictionary(kv => kv.Key, kv => kv.Value.ToString()),
                    FarmJson.Options, ct).ConfigureAwait(false);
                return;
            case "/traffic.json":
                var traffic = state.Traffic.Snapshot();
                var only = ctx.Request.Query["host"].ToString();
                ctx.Response.ContentType = "application/json; charset=utf-8";
                await JsonSerializer.SerializeAsync(ctx.Response.Body, new
                {
                    hosts = traffic.Requests.GroupBy(r => r.Host).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new
                    {
                        host = g.Key,
                        requests = g.Count(),
                        bytesSent = g.Sum(r => r.BytesSent),
                        peakInFlight = traffic.PeakInFlightByHost.GetValueOrDefault(g.Key),
                    }),
                    peakInFlightByAddress = traffic.PeakInFlightByAddress.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value),
                    requests = only.Length > 0 ? traffic.For(only) : null,
                    traffic.Dropped,
                }, FarmJson.Options, ct).ConfigureAwait(false);
                return;
            case "/sites.json":
                ctx.Response.ContentType = "application/json; charset=utf-8";
                await JsonSerializer.SerializeAsync(ctx.Response.Body, state.Sites, FarmJson.Options, ct).ConfigureAwait(false);
                return;
        }
        if (rest.StartsWith("/sites/", StringComparison.Ordinal) && rest.EndsWith(".json", StringComparison.Ordinal))
        {
            var host = rest["/sites/".Length..^".json".Length];
            if (state.HostIndex.TryGetValue(host, out var index))
            {
                ctx.Response.ContentType = "application/json; charset=utf-8";
                await JsonSerializer.SerializeAsync(ctx.Response.Body, state.Sites[index], FarmJson.Options, ct).ConfigureAwait(false);
                return;
            }
        }
        await SiteHandler.Text(ctx, 404, "text/plain", "not found").ConfigureAwait(false);
    }
}

