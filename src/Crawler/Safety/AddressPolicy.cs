using System.Net;
using System.Net.Sockets;

namespace PlanNacc.Crawler.Safety;

/// <summary>Decides whether an address may be crawled: public addresses always; loopback and private ranges only when allowed.</summary>
public sealed class AddressPolicy(bool allowLoopback, bool allowPrivateNetwork)
{
    public static AddressCategory Classify(IPAddress address)
    {
        var v4 = EmbeddedIPv4(address);
        if (v4 is not null)
        {
            return ClassifyV4(v4.GetAddressBytes());
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return AddressCategory.Reserved;
        }
        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return AddressCategory.Loopback;
        }
        if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any))
        {
            return AddressCategory.Unspecified;
        }
        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0xff => AddressCategory.Multicast,
            0xfc or 0xfd => AddressCategory.Private,
            0xfe when (b[1] & 0xc0) == 0x80 => AddressCategory.LinkLocal,
            0xfe when (b[1] & 0xc0) == 0xc0 => AddressCategory.Private, // deprecated site-local
            0x20 when b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8 => AddressCategory.Reserved, // documentation
            _ when (b[0] & 0xe0) != 0x20 => AddressCategory.Reserved, // outside global unicast 2000::/3
            _ => AddressCategory.Public,
        };
    }

    public bool IsAllowed(AddressCategory category) => category switch
    {
        AddressCategory.Public => true,
        AddressCategory.Loopback => allowLoopback,
        AddressCategory.Private or AddressCategory.LinkLocal or AddressCategory.Cgnat => allowPrivateNetwork,
        _ => false,
    };

    /// <summary>Throws <see cref="AddressRefusedException"/> when <paramref name="address"/> is not allowed.</summary>
    public void Check(string host, IPAddress address)
    {
        var category = Classify(address);
        if (!IsAllowed(category))
        {
            throw new AddressRefusedException(host, address, category);
        }
    }

    /// <summary>The IPv4 address inside an IPv4 address, an IPv4-mapped or -compatible IPv6 address, 6to4 or NAT64; else null.</summary>
    internal static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return address;
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        var b = address.GetAddressBytes();
        // IPv4-compatible ::a.b.c.d (deprecated, but a spelling of the same host); :: and ::1 are not.
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] <= 1))
        {
            return new IPAddress(b.AsSpan(12, 4));
        }
        if (b[0] == 0x20 && b[1] == 0x02) // 6to4 2002:aabb:ccdd::/48
        {
            return new IPAddress(b.AsSpan(2, 4));
        }
        // NAT64 64:ff9b::/96
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return new IPAddress(b.AsSpan(12, 4));
        }
        return null;
    }

    private static AddressCategory ClassifyV4(byte[] b) => b switch
    {
        [0, ..] => AddressCategory.Unspecified,
        [127, ..] => AddressCategory.Loopback,
        [10, ..] => AddressCategory.Private,
        [172, >= 16 and <= 31, ..] => AddressCategory.Private,
        [192, 168, ..] => AddressCategory.Private,
        [169, 254, ..] => AddressCategory.LinkLocal,
        [100, >= 64 and <= 127, ..] => AddressCategory.Cgnat,
        [>= 224 and <= 239, ..] => AddressCategory.Multicast,
        [>= 240, ..] => AddressCategory.Reserved,
        [192, 0, 0 or 2, _] => AddressCategory.Reserved,
        [198, 18 or 19, ..] => AddressCategory.Reserved,
        [198, 51, 100, _] or [203, 0, 113, _] => AddressCategory.Reserved,
        _ => AddressCategory.Public,
    };
}
