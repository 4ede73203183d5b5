using PlanNacc.Crawler.Documents;
using PlanNacc.Crawler.Tests.Support;

namespace PlanNacc.Crawler.Tests.Documents;

public sealed class ThaiGlyphCheckFacts
{
    private const string Sound = "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2568 องค์การบริหารส่วนตำบลทดสอบ อำเภอเมือง " +
        "จังหวัดน่าน";

    [Fact]
    public void Diagnose_AcceptsSoundThai() => Assert.Null(ThaiGlyphCheck.Diagnose(Sound));

    [Fact]
    public void Diagnose_AcceptsLatinText() => Assert.Null(ThaiGlyphCheck.Diagnose("Annual report of the municipality, fiscal year 2025, " +
        "page 1 of 40."));

    // Each line: how a broken Thai PDF text layer looks in practice, and the start of the reason given.
    [Theory]
    [InlineData("แผนปฏิบ\uF70Fติการป\uF70Aองก\uF70Fนการท\uF718จริต ประจําป\uF70Fงบประมาณ", "broken-thai-glyphs: 5 private-use")]
    [InlineData("แผนปฏิบ ั ติการป ้ องก ั นการท ุ จริต ประจ ำ ป ี งบประมาณ พ.ศ. ๒๕๖๘ องค ์ การบริหารส ่ วนต ำ บล",
        "broken-thai-glyphs: 7 tone marks")]
    [InlineData("แผนปฏิบัติการ ประจํา ปี องค์การบริหารส่วนตํา บล ท่านนายกตํา แหน่ง", "broken-thai-glyphs: 3 decomposed sara am")]
    [InlineData("¢éÍºÑ­­ÑµÔ§º»ÃÐÁÒ³ÃÒÂ¨èÒÂ»ÃÐ¨Ó»Õ §º»ÃÐÁÒ³ ¾.È. òõöø ÍÔ¹·ÃìºØÃÕ", "thai-as-latin1")]
    [InlineData("แผน\uFFFD\uFFFDการ\uFFFD ประจำปี", "broken-glyphs: 3 replacement")]
    public void Diagnose_FlagsBrokenGlyphMaps(string text, string reason) => Assert.StartsWith(reason, ThaiGlyphCheck.Diagnose(text));

    [ThaiFontFact]
    public void Read_ExtractsThaiTitleAndText_FromPdfWrittenWithThaiFont()
    {
        var pdf = Pdfs.Thai("แผนปฏิบัติการป้องกันการทุจริต", "ประจำปีงบประมาณ พ.ศ. 2568", "องค์การบริหารส่วนตำบลทดสอบ");

        var read = PdfTextReader.Read(pdf!);

        Assert.Null(read.UnreadableReason);
        Assert.Contains("2568", read.Text);
        Assert.Contains("ป้องกันการทุจริต", read.Text.Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(1, read.Pages);
    }

    [ThaiFontFact]
    public void Read_MarksUnreadable_WhenPdfTextHasDecomposedSaraAm()
    {
        var pdf = Pdfs.Thai("แผนปฏิบัติการ ประจ\u0E4D\u0E32ปี", "องค์การบริหารส่วนต\u0E4D\u0E32บล", "ท\u0E4D\u0E32เนียบ");

        var read = PdfTextReader.Read(pdf!);

        Assert.StartsWith("broken-thai-glyphs", read.UnreadableReason);
    }

    [Fact]
    public void Read_MarksUnreadable_WhenPdfHasNoTextLayer()
    {
        var read = PdfTextReader.Read(Pdfs.Latin());

        Assert.StartsWith("no-text-layer", read.UnreadableReason);
    }

    [Fact]
    public void Read_MarksUnreadable_WhenBytesAreNotAPdf()
    {
        var read = PdfTextReader.Read("<html>not a pdf</html>"u8.ToArray());

        Assert.StartsWith("pdf-unreadable", read.UnreadableReason);
    }
}
