using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace PlanNacc.SiteFarm.Generation;

/// <summary>Small, real document bytes: deterministic (no timestamps), written by hand so no font or library is needed.</summary>
internal static class Documents
{
    public static (byte[] Bytes, string ContentType) For(SiteModel m, Page page) => page.Format switch
    {
        DocFormat.Xlsx => (Zip("xl/workbook.xml", page.Title), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        DocFormat.Docx => (Zip("word/document.xml", page.Title), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        DocFormat.Doc => (OleStub(page.Title), "application/msword"),
        DocFormat.Png => (Png.Value, "image/png"),
        _ => (Pdf(m, page), "application/pdf"),
    };

    public static readonly Lazy<byte[]> Png = new(() => MakePng(8, 8));

    /// <summary>
    /// A PDF whose text is written with a Type0 font where each CID is the Unicode code point and a ToUnicode CMap maps it
    /// back, so extraction (PdfPig) yields the Thai text exactly. Scanned = an image and no text; broken glyphs = Thai
    /// marks mapped to private-use code points, as badly embedded Thai fonts produce.
    /// </summary>
    private static byte[] Pdf(SiteModel m, Page page)
    {
        var lines = new List<string> { page.Title, m.FullName, "อำเภอ" + m.Id.District + " จังหวัด" + m.Id.Province.Name };
        if (page.FiscalYear is int y)
        {
            lines.Add("ประจำปีงบประมาณ พ.ศ. " + y.ToString(CultureInfo.InvariantCulture));
        }
        if (page.Span is { } span)
        {
            lines.Add($"ระยะเวลา พ.ศ. {span[0]} - {span[1]}");
        }
        lines.Add("เอกสารนี้เผยแพร่เพื่อให้ประชาชนได้รับทราบข้อมูลข่าวสารของทางราชการ");
        if (page.Flavor == PdfFlavor.BrokenGlyphs)
        {
            lines = (Hash.Of(page.Href) & 1) == 0 ? lines.Select(Break).ToList() : lines.Select(Split).ToList();
        }
        var content = new StringBuilder();
        if (page.Flavor == PdfFlavor.Scanned)
        {
            content.Append("q 500 0 0 700 48 70 cm /Im1 Do Q");
        }
        else
        {
            content.Append("BT /F1 14 Tf 50 790 Td 18 TL\n");
            foreach (var line in lines)
            {
                content.Append('<').Append(Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(line))).Append("> Tj T*\n");
            }
            content.Append("ET");
        }
        var w = new PdfWriter();
        w.Obj("<< /Type /Catalog /Pages 2 0 R >>");
        w.Obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        w.Obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 9 "
            + "0 R >> >> >>");
        w.Stream("", Encoding.ASCII.GetBytes(content.ToString()));
        w.Obj("<< /Type /Font /Subtype /Type0 /BaseFont /THSarabunNew /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 8 0 R >>");
        w.Obj("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /THSarabunNew /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
            + "/Supplement 0 >> /FontDescriptor 7 0 R /DW 500 /CIDToGIDMap /Identity >>");
        w.Obj("<< /Type /FontDescriptor /FontName /THSarabunNew /Flags 4 /FontBBox [0 -300 1000 900] /ItalicAngle 0 /Ascent 900 /Descent "
            + "-300 /CapHeight 700 /StemV 80 >>");
        w.Stream("", Encoding.ASCII.GetBytes(ToUnicodeCMap));
        var gray = Enumerable.Repeat((byte)0xC0, 16).ToArray();
        w.Stream("/Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray /BitsPerComponent 8", gray);
        var title = page.Flavor == PdfFlavor.Scanned ? ""
            : $"/Title <FEFF{Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(page.Title))}> ";
        w.Obj($"<< {title}/Producer (PlanNacc SiteFarm) >>");
        return w.Finish(infoObject: 10);
    }

    /// <summary>What a Thai font without proper cmap does to text: tone marks and upper vowels become private-use glyphs, สระอำ
    /// splits.</summary>
    private static string Break(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            switch (c)
            {
                case >= '\u0E48' and <= '\u0E4B':
                    sb.Append((char)(0xF70A + (c - 0x0E48)));
                    break;
                case '\u0E31':
                    sb.Append('\uF710');
                    break;
                case >= '\u0E34' and <= '\u0E37':
                    sb.Append((char)(0xF701 + (c - 0x0E34)));
                    break;
                case '\u0E33':
                    sb.Append('\u0E4D').Append('\u0E32');
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>The other common breakage: marks come out as separate glyphs (a space before each) and สระอำ is lost.</summary>
    private static string Split(string s)
    {
        var sb = new StringBuilder(s.Length * 2);
        foreach (var c in s)
        {
            if (c == '\u0E33')
            {
                sb.Append('\u0E32');
            }
            else if (c is '\u0E31' or (>= '\u0E34' and <= '\u0E3A') or (>= '\u0E47' and <= '\u0E4E'))
            {
                sb.Append(' ').Append(c);
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    private const string ToUnicodeCMap =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" +
        "4 beginbfrange\n<0000> <00FF> <0000>\n<0E00> <0EFF> <0E00>\n<2000> <20FF> <2000>\n<F700> <F7FF> <F700>\nendbfrange\n" +
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend";

    private sealed class PdfWriter
    {
        private readonly MemoryStream _ms = new();
        private readonly List<long> _offsets = [];

        public PdfWriter() => Raw("%PDF-1.4\n%\u00E2\u00E3\u00CF\u00D3\n");

        private void Raw(string s)
        {
            var bytes = Encoding.Latin1.GetBytes(s);
            _ms.Write(bytes);
        }

        public void Obj(string body)
        {
            _offsets.Add(_ms.Position);
            Raw($"{_offsets.Count} 0 obj\n{body}\nendobj\n");
        }

        public void Stream(string dict, byte[] data)
        {
            _offsets.Add(_ms.Position);
            Raw($"{_offsets.Count} 0 obj\n<< {dict} /Length {data.Length} >>\nstream\n");
            _ms.Write(data);
            Raw("\nendstream\nendobj\n");
        }

        public byte[] Finish(int infoObject)
        {
            var xref = _ms.Position;
            var sb = new StringBuilder();
            sb.Append("xref\n0 ").Append(_offsets.Count + 1).Append("\n0000000000 65535 f \n");
            foreach (var offset in _offsets)
            {
                sb.Append(offset.ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n \n");
            }
            sb.Append("trailer\n<< /Size ").Append(_offsets.Count + 1).Append(" /Root 1 0 R /Info ").Append(infoObject)
                .Append(" 0 R >>\nstartxref\n").Append(xref).Append("\n%%EOF\n");
            Raw(sb.ToString());
            return _ms.ToArray();
        }
    }

    private static byte[] Zip(string entryName, string title)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in new[]
            {
                ("[Content_Types].xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
                    + "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
                (entryName, $"<?xml version=\"1.0\" "
                    + $"encoding=\"UTF-8\"?><doc><title>{System.Security.SecurityElement.Escape(title)}</title></doc>"),
            })
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var s = entry.Open();
                s.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return ms.ToArray();
    }

    /// <summary>The OLE2 signature of a legacy .doc, then the title: enough for type sniffing, not a real Word file.</summary>
    private static byte[] OleStub(string title) =>
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504], .. Encoding.Unicode.GetBytes(title)];

    private static byte[] MakePng(int width, int height)
    {
        var raw = new byte[(width + 1) * height];
        for (var i = 0; i < raw.Length; i++)
        {
            raw[i] = i % (width + 1) == 0 ? (byte)0 : (byte)(0x80 + i % 64);
        }
        using var z = new MemoryStream();
        using (var zl = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true))
        {
            zl.Write(raw);
        }
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", [.. BigEndian(width), .. BigEndian(height), 8, 0, 0, 0, 0]);
        Chunk(png, "IDAT", z.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static byte[] BigEndian(int v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    private static void Chunk(Stream s, string type, byte[] data)
    {
        s.Write(BigEndian(data.Length));
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(typed);
        s.Write(BigEndian((int)Crc32(typed)));
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
