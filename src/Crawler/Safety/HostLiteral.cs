using System.Globalization;
using System.Net;

namespace PlanNacc.Crawler.Safety;

/// <summary>
/// Reads a URL host as an IP address in every spelling browsers and inet_aton accept
/// (<c>127.1</c>, <c>2130706433</c>, <c>0x7f.1</c>, <c>0177.0.0.1</c>, <c>[::ffff:127.0.0.1]</c>), so none slips past the address check.
/// </summary>
public static class HostLiteral
{
    public static bool TryParse(string host, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrEmpty(host))
        {
            return false;
        }
        if (host[0] == '[' && host[^1] == ']')
        {
            host = host[1..^1];
        }
        if (host.Contains(':'))
        {
            var zone = host.IndexOf('%');
            var bare = zone >= 0 ? host[..zone] : host;
            if (IPAddress.TryParse(bare, out var v6))
            {
                address = v6;
                return true;
            }
            return false;
        }
        return TryParseIPv4(host, out address);
    }

    private static bool TryParseIPv4(string host, out IPAddress address)
    {
        address = IPAddress.None;
        var parts = host.TrimEnd('.').Split('.');
        if (parts.Length is 0 or > 4)
        {
            return false;
        }
        var numbers = new ulong[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryParseNumber(parts[i], out numbers[i]))
            {
                return false;
            }
        }
        for (var i = 0; i < numbers.Length - 1; i++)
        {
            if (numbers[i] > 255)
            {
                return false;
            }
        }
        var last = numbers[^1];
        if (last >= 1UL << (8 * (5 - numbers.Length)))
        {
            return false;
        }
        ulong value = last;
        for (var i = 0; i < numbers.Length - 1; i++)
        {
            value |= numbers[i] << (8 * (3 - i));
        }
        address = new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
        return true;
    }

    private static bool TryParseNumber(string part, out ulong value)
    {
        value = 0;
        if (part.Length == 0)
        {
            return false;
        }
        if (part.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return part.Length == 2 || ulong.TryParse(part.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture,
                out value);
        }
        if (part.Length > 1 && part[0] == '0')
        {
            foreach (var c in part)
            {
                if (c is < '0' or > '7')
                {
                    return false;
                }
                value = value * 8 + (ulong)(c - '0');
                if (value > uint.MaxValue)
                {
                    return false;
                }
            }
            return true;
        }
        foreach (var c in part)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return ulong.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= uint.MaxValue;
    }
}
