using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace PlanNacc.Crawler.Tests.Support;

/// <summary>PDFs written in the test with PdfPig, so every byte the crawler reads is known.</summary>
public static class Pdfs
{
    public const string ThaiFontPath = "/usr/share/fonts/truetype/tlwg/Garuda.ttf";

    public static byte[] Latin(params string[] lines)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var y = 800.0;
        foreach (var line in lines)
        {
            page.AddText(line, 12, new PdfPoint(40, y), font);
            y -= 20;
        }
        return builder.Build();
    }

    /// <summary>A PDF in a Thai TrueType font (fonts-thai-tlwg); null when the font is not installed.</summary>
    public static byte[]? Thai(params string[] lines)
    {
        if (!File.Exists(ThaiFontPath))
        {
            return null;
        }
        var builder = new PdfDocumentBuilder();
        var font = builder.AddTrueTypeFont(File.ReadAllBytes(ThaiFontPath));
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var y = 800.0;
        foreach (var line in lines)
        {
            page.AddText(line, 14, new PdfPoint(40, y), font);
            y -= 24;
        }
        return builder.Build();
    }
}

/// <summary>A fact that writes a PDF in a Thai font; skipped outside CI when fonts-thai-tlwg is missing, failed in CI.</summary>
public sealed class ThaiFontFactAttribute : FactAttribute
{
    public ThaiFontFactAttribute()
    {
        if (!File.Exists(Pdfs.ThaiFontPath) && !TestEnvironment.IsCi)
        {
            Skip = "fonts-thai-tlwg is not installed; scripts install it with apt-get install fonts-thai-tlwg";
        }
    }
}
