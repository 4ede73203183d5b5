using System.IO.Compression;
using System.Text;
using System.Xml;

namespace PlanNacc.Crawler.Documents;

/// <summary>What an Office Open XML document (docx, xlsx, pptx) says: its title and the start of its text.</summary>
public sealed record OfficeText(string? Title, string Text);

/// <summary>
/// Reads the text of Word, Excel and PowerPoint files in the Office Open XML format (a zip of XML parts), without a
/// library: the paragraphs of word/document.xml, the shared strings of a workbook, the text runs of the slides, and the
/// title in docProps/core.xml. The file is crawled, untrusted input: the parts read are capped in number and in
/// decompressed bytes (a zip bomb stops at the cap), and XML is read without DTDs or external entities.
/// Legacy binary .doc/.xls are not read (their format is not XML).
/// </summary>
public static class OfficeTextReader
{
    /// <summary>Decompressed bytes read from all parts together.</summary>
    private const long MaxXmlBytes = 8 * 1024 * 1024;

    private const int MaxSlides = 30;

    public static bool LooksLikeOfficeXml(string? contentType, Uri url, ReadOnlySpan<byte> body) =>
        body.StartsWith("PK\u0003\u0004"u8)
        && ((contentType?.StartsWith("application/vnd.openxmlformats-officedocument.", StringComparison.OrdinalIgnoreCase) ?? false)
            || Path.GetExtension(url.AbsolutePath).ToLowerInvariant() is ".docx" or ".xlsx" or ".pptx");

    /// <summary>The text, or null when the file is not a readable Office Open XML document or holds no text.</summary>
    public static OfficeText? Read(byte[] bytes, int maxChars = 20_000)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var budget = new Budget(MaxXmlBytes);
            var text = new StringBuilder();
            if (zip.GetEntry("word/document.xml") is { } document)
            {
                ReadText(document, budget, text, "p", maxChars, "t");
            }
            else if (zip.GetEntry("xl/sharedStrings.xml") is { } strings)
            {
                ReadText(strings, budget, text, "si", maxChars, "t");
            }
            else
            {
                foreach (var slide in zip.Entries
                    .Where(e => e.FullName.StartsWith("ppt/slides/slide", StringComparison.Ordinal) && e.FullName.EndsWith(".xml",
                        StringComparison.Ordinal))
                    .OrderBy(e => e.FullName.Length).ThenBy(e => e.FullName, StringComparer.Ordinal)
                    .Take(MaxSlides))
                {
                    ReadText(slide, budget, text, "p", maxChars, "t");
                }
            }
            // Blocks (paragraphs, cells, slide lines) are lines until folding makes the text one run, as a PDF's is.
            var raw = text.ToString();
            var folded = Extraction.TextFolding.Fold(raw, maxChars);
            var coreTitle = zip.GetEntry("docProps/core.xml") is { } core ? CoreTitle(core, budget) : null;
            var firstLine = raw.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
            var title = Extraction.TextFolding.Fold(string.IsNullOrWhiteSpace(coreTitle) ? firstLine : coreTitle, 500);
            return folded.Length == 0 && title.Length == 0 ? null : new OfficeText(title.Length > 0 ? title : null, folded);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The text of every <paramref name="textElement"/> element, with a line break after each <paramref
    /// name="blockElement"/>.</summary>
    private static void ReadText(ZipArchiveEntry entry, Budget budget, StringBuilder text, string blockElement, int maxChars,
        string textElement)
    {
        using var reader = Open(entry, budget);
        try
        {
            ReadRuns(reader, text, blockElement, maxChars, textElement);
        }
        catch (InvalidDataException)
        {
            // The decompressed-bytes cap: what was read so far stands.
        }
    }

    private static void ReadRuns(XmlReader reader, StringBuilder text, string blockElement, int maxChars, string textElement)
    {
        while (text.Length < maxChars && reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == textElement && !reader.IsEmptyElement)
            {
                text.Append(reader.ReadElementContentAsString());
                // ReadElementContentAsString moved past the end tag: look at where it landed before reading on.
                if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == blockElement)
                {
                    text.Append('\n');
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == blockElement)
            {
                text.Append('\n');
            }
        }
    }

    private static string? CoreTitle(ZipArchiveEntry entry, Budget budget)
    {
        using var reader = Open(entry, budget);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "title" && !reader.IsEmptyElement)
            {
                return reader.ReadElementContentAsString();
            }
        }
        return null;
    }

    private static XmlReader Open(ZipArchiveEntry entry, Budget budget) =>
        XmlReader.Create(new CappedStream(entry.Open(), budget), new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        });

    private sealed class Budget(long bytes)
    {
        public long Left { get; set; } = bytes;
    }

    /// <summary>Reads until the shared budget of decompressed bytes is spent, then fails (the document is not read further).</summary>
    private sealed class CappedStream(Stream inner, Budget budget) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (budget.Left <= 0)
            {
                throw new InvalidDataException($"more than {MaxXmlBytes} bytes of XML once decompressed");
            }
            var read = inner.Read(buffer, offset, (int)Math.Min(count, budget.Left));
            budget.Left -= read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
