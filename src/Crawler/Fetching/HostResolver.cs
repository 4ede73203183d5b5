using System.Collections.Concurrent;
using System.Net;
using PlanNacc.Crawler.Safety;

namespace PlanNacc.Crawler.Fetching;

/// <summary>
/// Host name → checked addresses: the <see cref="CrawlerOptions.Resolve"/> map first (like curl --resolve), then IP literals in any
/// spelling, then DNS. Every address is checked against the <see cref="AddressPolicy"/> before it is returned, so nothing connects to
/// a refused address, whether the URL named it, a redirect led to it, or DNS answered with it. With
/// <see cref="CrawlerOptions.TrustResolveMap"/>, the map's own entries are the operator's word and skip the check.
/// </summary>
internal sealed class HostResolver(IReadOnlyDictionary<string, IPAddress> overrides, AddressPolicy policy, TimeProvider clock,
    bool trustOverrides = false)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (IPAddress[] Addresses, DateTimeOffset At)> cache = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (trustOverrides && overrides.TryGetValue(host.TrimEnd('.'), out var trusted))
        {
            return [trusted];
        }
        var addresses = await LookUpAsync(host.TrimEnd('.'), cancellationToken).ConfigureAwait(false);
        // Any refused address refuses the host: a name that answers with both a public and a private address is a rebinding trap.
        foreach (var address in addresses)
        {
            policy.Check(host, address);
        }
        return addresses;
    }

    private async Task<IPAddress[]> LookUpAsync(string host, CancellationToken cancellationToken)
    {
        if (overrides.TryGetValue(host, out var mapped))
        {
            return [mapped];
        }
        if (HostLiteral.TryParse(host, out var literal))
        {
            return [literal];
        }
        if (cache.TryGetValue(host, out var hit) && clock.GetUtcNow() - hit.At < CacheFor)
        {
            return hit.Addresses;
        }
        IPAddress[] found;
        try
        {
            found = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            // TryAgain is a server failure or timeout of the resolver itself; the rest (HostNotFound, NoData) say the name is gone.
            throw new DnsFailureException(host, e.SocketErrorCode.ToString())
            {
                Temporary = e.SocketErrorCode == System.Net.Sockets.SocketError.TryAgain,
            };
        }
        if (found.Length == 0)
        {
            throw new DnsFailureException(host, "no address");
        }
        cache[host] = (found, clock.GetUtcNow());
        return found;
    }
}

/// <summary>The host name did not resolve.</summary>
public sealed class DnsFailureException(string host, string detail) : Exception($"dns: {host}: {detail}")
{
    public string Host { get; } = host;
    /// <summary>The resolver failed for now (SERVFAIL, timeout) rather than saying the name does not exist.</summary>
    public bool Temporary { get; init; }
}
