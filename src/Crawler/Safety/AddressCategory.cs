namespace PlanNacc.Crawler.Safety;

/// <summary>The kind of network an IP address belongs to, as far as crawling it is concerned.</summary>
public enum AddressCategory
{
    Public,
    Loopback,
    /// <summary>RFC 1918 IPv4 and unique-local / site-local IPv6.</summary>
    Private,
    LinkLocal,
    /// <summary>Carrier-grade NAT shared space 100.64.0.0/10.</summary>
    Cgnat,
    Multicast,
    /// <summary>0.0.0.0/8 and ::.</summary>
    Unspecified,
    /// <summary>Broadcast, documentation, benchmarking and future-use ranges.</summary>
    Reserved,
}
