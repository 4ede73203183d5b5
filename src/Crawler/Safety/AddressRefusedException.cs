using System.Net;

namespace PlanNacc.Crawler.Safety;

/// <summary>Thrown before any connection is made to an address the options do not allow (loopback, private, …).</summary>
public sealed class AddressRefusedException(string host, IPAddress address, AddressCategory category)
    : Exception($"refused: {host} is {category.ToString().ToLowerInvariant()} ({address})")
{
    public string Host { get; } = host;
    public IPAddress Address { get; } = address;
    public AddressCategory Category { get; } = category;

    /// <summary>The short reason a snapshot carries, e.g. "refused: loopback 127.0.0.1".</summary>
    public string Reason => $"refused: {Category.ToString().ToLowerInvariant()} {Address}";
}
