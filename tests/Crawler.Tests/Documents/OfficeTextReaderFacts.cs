using System.IO.Compression;
using System.Text;
using PlanNacc.Crawler.Documents;
using PlanNacc.Crawler.Tests.Support;

namespace PlanNacc.Crawler.Tests.Documents;

public sealed class OfficeTextReaderFacts
{
    private const string WordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// <summary>An Office Open XML package with the given parts (name → XML), as Word, Excel or PowerPoint write them.</summary>
    internal static byte[] Package(params (string Name, string Xml)[] parts)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, xml) in parts)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(Encoding.UTF8.GetBytes(xml));
            }
        }
        return ms.ToArray();
    }

    internal static byte[] Docx(string? title, params string[] paragraphs) => Package(
        [
            ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            ("word/document.xml", $"<w:document xmlns:w=\"{WordNs}\"><w:body>"
                + string.Concat(paragraphs.Select(p =>
                    $"<w:p><w:r><w:t>{System.Security.SecurityElement.Escape(p[..(p.Length / 2)])}</w:t></w:r>"
                    + $"<w:r><w:t xml:space=\"preserve\">{System.Security.SecurityElement.Escape(p[(p.Length / 2)..])}</w:t></w:r></w:p>"))
                + "</w:body></w:document>"),
            .. title is null ? Array.Empty<(string,
                string)>() : [("docProps/core.xml",
                    $"<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" " +
                        $"xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{title}</dc:title></cp:coreProperties>")],
        ]);

    [Fact]
    public void Read_GivesParagraphsAndTheCoreTitle_OfAWordFile()
    {
        var bytes = Docx("แผนปฏิบัติการป้องกันการทุจริต", "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2568",
            "องค์การบริหารส่วนตำบลโรงช้าง");

        var text = OfficeTextReader.Read(bytes);

        Assert.NotNull(text);
        Assert.Equal("แผนปฏิบัติการป้องกันการทุจริต", text.Title);
        // One run of text, as a PDF's: the blocks separated by a space, not glued together.
        Assert.Equal("แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2568 องค์การบริหารส่วนตำบลโรงช้าง", text.Text);
    }

    [Fact]
    public void Read_GivesSharedStringsOfAWorkbook_AndSlidesInOrder()
    {
        var workbook = Package(("xl/workbook.xml", "<workbook/>"),
            ("xl/sharedStrings.xml",
                "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>สรุปผลการจัดซื้อจัดจ้าง</t></si>"
                + "<si><r><t>ประจำเดือน</t></r><r><t> ตุลาคม 2567</t></r></si></sst>"));
        var slides = Package(
            ("ppt/slides/slide10.xml", "<p:sld xmlns:p=\"p\" xmlns:a=\"a\"><a:p><a:r><a:t>สิบ</a:t></a:r></a:p></p:sld>"),
            ("ppt/slides/slide2.xml", "<p:sld xmlns:p=\"p\" xmlns:a=\"a\"><a:p><a:r><a:t>สอง</a:t></a:r></a:p></p:sld>"),
            ("ppt/slides/slide1.xml", "<p:sld xmlns:p=\"p\" xmlns:a=\"a\"><a:p><a:r><a:t>หนึ่ง</a:t></a:r></a:p></p:sld>"));

        var book = OfficeTextReader.Read(workbook)!;
        Assert.Equal(("สรุปผลการจัดซื้อจัดจ้าง", "สรุปผลการจัดซื้อจัดจ้าง ประจำเดือน ตุลาคม 2567"), (book.Title, book.Text));
        Assert.Equal("หนึ่ง สอง สิบ", OfficeTextReader.Read(slides)!.Text);
    }

    [Fact]
    public void Read_StopsAtTheCaps_WhenADocumentInflatesFarBeyondItsSize()
    {
        // About 30 MB of XML in a zip of a few dozen KB: reading ends at the decompressed-bytes cap and the text cap.
        var paragraph = $"<w:p><w:r><w:t>{new string('ก', 100)}</w:t></w:r></w:p>";
        var bomb = Package(("word/document.xml",
            $"<w:document xmlns:w=\"{WordNs}\"><w:body>" + string.Concat(Enumerable.Repeat(paragraph,
                250_000)) + "</w:body></w:document>"));
        Assert.True(bomb.Length < 1_000_000, $"{bomb.Length} bytes");

        var text = OfficeTextReader.Read(bomb, maxChars: 5_000);

        Assert.NotNull(text);
        Assert.InRange(text.Text.Length, 1_000, 5_000);
    }

    [Theory]
    [InlineData("not a zip at all")]
    [InlineData("dtd")]
    [InlineData("no-text")]
    public void Read_GivesNothing_WhenTheFileIsNotReadableOfficeXml(string kind)
    {
        var bytes = kind switch
        {
            "dtd" => Package(("word/document.xml",
                "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><w:document xmlns:w=\"" + WordNs
                    + "\"><w:p><w:t>&x;</w:t></w:p></w:document>")),
            "no-text" => Package(("word/document.xml", "<doc><title>ชื่อเท่านั้น</title></doc>")),
            _ => Encoding.UTF8.GetBytes(kind),
        };

        Assert.Null(OfficeTextReader.Read(bytes));
    }

    [Fact]
    public async Task CrawlAsync_ReadsTheTextOfALinkedWordFile()
    {
        var docx = Docx(null, "รายงานผลการดำเนินงานตามแผนป้องกันการทุจริต รอบ 6 เดือน", "ปีงบประมาณ พ.ศ. 2568");
        await using var server = TestServer.Start(r => r.Path switch
        {
            "/robots.txt" => TestResponse.WithStatus(404),
            "/" => TestResponse.Html("<html><body><a href='/files/report.docx'>รายงานรอบ 6 เดือน</a></body></html>"),
            "/files/report.docx" => TestResponse.Bytes(docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            _ => TestResponse.WithStatus(404),
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());

        var snapshot = await crawler.CrawlAsync(server.Url("/"));

        var document = Assert.Single(snapshot.Documents);
        Assert.Equal("รายงานผลการดำเนินงานตามแผนป้องกันการทุจริต รอบ 6 เดือน", document.Title);
        Assert.Contains("ปีงบประมาณ พ.ศ. 2568", document.Text);
        Assert.False(document.Unreadable);
    }
}
