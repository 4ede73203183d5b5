namespace PlanNacc.Crawler.Documents;

/// <summary>Which links are documents (checked and kept, not parsed as pages), by extension or by the type the server sends.</summary>
public static class DocumentTypes
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp", ".rtf", ".csv",
        ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".tif", ".tiff", ".zip", ".rar", ".7z",
    };

    public static bool LooksLikeDocument(Uri url) => Extensions.Contains(Path.GetExtension(url.AbsolutePath));

    public static bool IsHtml(string? contentType) =>
        contentType is null || contentType.Equals("text/html", StringComparison.OrdinalIgnoreCase)
        || contentType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase);

    public static bool IsPdf(string? contentType, Uri url, ReadOnlySpan<byte> body) =>
        string.Equals(contentType, "application/pdf", StringComparison.OrdinalIgnoreCase)
        || body.StartsWith("%PDF-"u8)
        || url.AbsolutePath.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) && body.IndexOf("%PDF-"u8) is >= 0 and < 1024;
}
