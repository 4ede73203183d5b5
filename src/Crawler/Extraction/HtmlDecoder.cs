using System.Text;
using System.Text.RegularExpressions;

namespace PlanNacc.Crawler.Extraction;

/// <summary>
/// Bytes → text the way Thai sites need it: a BOM first, then the HTTP charset, then a &lt;meta&gt; charset in the first 1024 bytes;
/// an undeclared page is strict UTF-8 or, when that fails, windows-874 (the superset of TIS-620 that Thai sites really send).
/// </summary>
public static partial class HtmlDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static HtmlDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Makes TIS-620 / windows-874 / iso-8859-11 available (idempotent).</summary>
    public static void RegisterCodePages() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static DecodedHtml Decode(ReadOnlySpan<byte> bytes, string? headerCharset)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new DecodedHtml(Encoding.UTF8.GetString(bytes[3..]), "utf-8", "bom");
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return new DecodedHtml(Encoding.Unicode.GetString(bytes[2..]), "utf-16le", "bom");
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new DecodedHtml(Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be", "bom");
        }
        if (Lookup(headerCharset) is { } fromHeader)
        {
            return new DecodedHtml(fromHeader.GetString(bytes), fromHeader.WebName, "http");
        }
        if (Lookup(SniffMeta(bytes)) is { } fromMeta)
        {
            return new DecodedHtml(fromMeta.GetString(bytes), fromMeta.WebName, "meta");
        }
        try
        {
            return new DecodedHtml(StrictUtf8.GetString(bytes), "utf-8", "sniffed");
        }
        catch (DecoderFallbackException)
        {
            return new DecodedHtml(Encoding.GetEncoding(874).GetString(bytes), "windows-874", "fallback");
        }
    }

    /// <summary>The encoding for a declared charset label; Thai labels all map to windows-874; unknown labels give null.</summary>
    public static Encoding? Lookup(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }
        var name = label.Trim().Trim('"', '\'').ToLowerInvariant();
        switch (name)
        {
            case "tis-620" or "tis620" or "tis_620" or "iso-8859-11" or "iso8859-11" or "iso_8859-11" or "windows-874" or "x-windows-874"
                or "cp874" or "dos-874":
                return Encoding.GetEncoding(874);
            case "utf8" or "utf-8" or "unicode-1-1-utf-8":
                return new UTF8Encoding(false);
            // Per the WHATWG encoding standard, a page labelled latin-1 is decoded as windows-1252.
            case "iso-8859-1" or "latin1" or "us-ascii" or "ascii":
                return Encoding.GetEncoding(1252);
        }
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    internal static string? SniffMeta(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 1024)]);
        var match = MetaCharset().Match(head);
        return match.Success ? match.Groups["cs"].Value : null;
    }

    [GeneratedRegex("""<meta[^>]*?charset\s*=\s*["']?\s*(?<cs>[A-Za-z0-9_:.\-]+)""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();
}

/// <summary>Decoded page text and how its charset was decided (bom, http, meta, sniffed, fallback).</summary>
public sealed record DecodedHtml(string Text, string Charset, string Source);
