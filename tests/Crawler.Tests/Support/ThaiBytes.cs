using System.Text;

namespace PlanNacc.Crawler.Tests.Support;

/// <summary>Thai text as TIS-620 / windows-874 bytes, the way old LAO sites send it.</summary>
public static class ThaiBytes
{
    private static readonly Encoding Tis620 = Create();

    public static byte[] Tis(string text) => Tis620.GetBytes(text);

    private static Encoding Create()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(874, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }
}
