using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace PlanNacc.Crawler.Documents;

/// <summary>What the first pages of a PDF say.</summary>
public sealed record PdfText(string? Title, string Text, int Pages, string? UnreadableReason);

/// <summary>Reads the title and the first pages' text of a PDF with PdfPig, and says when that text cannot be trusted.</summary>
public static class PdfTextReader
{
    public static PdfText Read(byte[] bytes, int maxPages = 3, int maxChars = 20_000)
    {
        try
        {
            using var document = PdfDocument.Open(bytes);
            var texts = new List<string>();
            var pages = Math.Min(maxPages, document.NumberOfPages);
            for (var number = 1; number <= pages; number++)
            {
                texts.Add(ContentOrderTextExtractor.GetText(document.GetPage(number)));
            }
            var text = Extraction.TextFolding.Fold(string.Join("\n", texts), maxChars);
            var metadataTitle = Extraction.TextFolding.Fold(document.Information.Title, 500);
            var firstLine = texts.Select(t => t.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0))
                .FirstOrDefault(l => l is not null);
            var title = metadataTitle.Length > 0 ? metadataTitle : Extraction.TextFolding.Fold(firstLine, 500);
            string? reason = null;
            if (text.Length < 20)
            {
                reason = "no-text-layer: the first pages carry no text (scanned?)";
            }
            else if (ThaiGlyphCheck.Diagnose(text) is { } broken)
            {
                reason = broken;
            }
            else if (metadataTitle.Length > 0 && ThaiGlyphCheck.Diagnose(metadataTitle) is { } brokenTitle)
            {
                reason = brokenTitle;
            }
            return new PdfText(title.Length > 0 ? title : null, text, document.NumberOfPages, reason);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PdfPig throws a variety of types on damaged files; any of them means the same thing to an assessor.
            return new PdfText(null, string.Empty, 0, "pdf-unreadable: " + e.GetType().Name);
        }
    }
}
