using System.Text;
using PlanNacc.Crawler.Extraction;
using PlanNacc.Crawler.Tests.Support;

namespace PlanNacc.Crawler.Tests.Extraction;

public sealed class HtmlDecoderFacts
{
    private const string Thai = "องค์การบริหารส่วนตำบล ประจำปีงบประมาณ ๒๕๖๘";

    public static TheoryData<string, byte[], string?, string, string> Cases()
    {
        var utf8 = Encoding.UTF8.GetBytes($"<html><body>{Thai}</body></html>");
        var tis = ThaiBytes.Tis($"<html><body>{Thai}</body></html>");
        var tisWithMeta = ThaiBytes.Tis($"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; " +
            $"charset=tis-620\"></head><body>{Thai}</body></html>");
        var tisWithMeta5 = ThaiBytes.Tis($"<html><head><meta charset='windows-874'></head><body>{Thai}</body></html>");
        var bom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(utf8).ToArray();
        return new()
        {
            { "undeclared UTF-8 is read as UTF-8", utf8, null, "utf-8", "sniffed" },
            { "undeclared TIS-620 falls back to windows-874", tis, null, "windows-874", "fallback" },
            { "HTTP charset tis-620", tis, "tis-620", "windows-874", "http" },
            { "HTTP charset iso-8859-11", tis, "ISO-8859-11", "windows-874", "http" },
            { "meta http-equiv tis-620", tisWithMeta, null, "windows-874", "meta" },
            { "meta charset windows-874", tisWithMeta5, null, "windows-874", "meta" },
            { "BOM beats a wrong HTTP charset", bom, "tis-620", "utf-8", "bom" },
            { "HTTP beats meta", tisWithMeta, "windows-874", "windows-874", "http" },
            { "unknown HTTP label falls through to sniffing", utf8, "x-no-such", "utf-8", "sniffed" },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decode_ProducesThai_ForEachDeclaration(string because, byte[] bytes, string? header, string charset, string source)
    {
        var decoded = HtmlDecoder.Decode(bytes, header);

        Assert.True(decoded.Text.Contains(Thai, StringComparison.Ordinal), because);
        Assert.Equal((charset, source), (decoded.Charset, decoded.Source));
    }

    [Fact]
    public void Extract_DecodesNumericEntities_InThaiText()
    {
        var page = PageExtractor.Extract("<html><head><title>&#3650;&#3588;&#3619;&#3591;&#3626;&#3619;&#3657;&#3634;&#3591;</title></head>"
            + "<body><a href='/x'>&#x0E42;&#x0E04;&#x0E23;&#x0E07;&#x0E2A;&#x0E23;&#x0E49;&#x0E32;&#x0E07;</a></body></html>",
                new Uri("http://a.go.th/"));

        Assert.Equal("โครงสร้าง", page.Title);
        Assert.Equal("โครงสร้าง", page.Links.Single().Text);
    }
}
