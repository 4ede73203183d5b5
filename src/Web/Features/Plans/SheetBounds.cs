using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace PlanNacc.Web.Features.Plans;

/// <summary>
/// Checks an uploaded workbook's size before a spreadsheet reader sees it. A reader makes every row as wide as the widest
/// cell (or the declared dimension): one cell at column XFD made each row 16,384 cells, and a 1.8 KB file kept a core busy
/// for minutes. So the declared dimension and every cell reference of every worksheet are read first, streaming, with the
/// uncompressed bytes counted; a sheet beyond the limits is refused with the cell that broke them.
/// </summary>
public static class SheetBounds
{
    /// <summary>Columns a plan sheet may use (it has 13-15).</summary>
    public const int MaxColumns = 40;

    /// <summary>Rows a plan sheet may use, the header included.</summary>
    public const int MaxRows = 2_001;

    /// <summary>Uncompressed bytes of all the workbook's parts together.</summary>
    public const long MaxUncompressedBytes = 40L * 1024 * 1024;

    /// <summary>Null when the workbook is within the limits; else what is wrong, in Thai, naming the cell.</summary>
    public static string? Problem(Stream xlsx, CancellationToken cancellationToken)
    {
        var start = xlsx.Position;
        try
        {
            using var zip = new ZipArchive(xlsx, ZipArchiveMode.Read, leaveOpen: true);
            long declared = 0;
            foreach (var entry in zip.Entries)
            {
                declared += entry.Length;
            }
            if (declared > MaxUncompressedBytes)
            {
                return $"ไฟล์ขยายแล้วใหญ่เกิน {MaxUncompressedBytes / 1024 / 1024} MB";
            }
            var budget = new long[] { MaxUncompressedBytes };
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase)
                && e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
            {
                using var part = new CountingStream(entry.Open(), budget, cancellationToken);
                if (SheetProblem(part) is { } problem)
                {
                    return problem;
                }
            }
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or NotSupportedException)
        {
            return e is TooLargeException
                ? $"ไฟล์ขยายแล้วใหญ่เกิน {MaxUncompressedBytes / 1024 / 1024} MB"
                : "ไฟล์ไม่ใช่ Excel (.xlsx) ที่อ่านได้";
        }
        finally
        {
            xlsx.Position = start;
        }
    }

    private static string? SheetProblem(Stream part)
    {
        using var reader = XmlReader.Create(part, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var cellsInRow = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            switch (reader.LocalName)
            {
                case "dimension" when reader.GetAttribute("ref") is { } range:
                    if (OutOfBounds(range.Split(':')[^1]) is { } wide)
                    {
                        return wide;
                    }
                    break;
                case "row":
                    cellsInRow = 0;
                    if (reader.GetAttribute("r") is { } r && (!int.TryParse(r, CultureInfo.InvariantCulture, out var row) || row > MaxRows))
                    {
                        return $"แผ่นงานยาวเกินไป: มีแถวที่ {r} (รับได้ไม่เกิน {MaxRows - 1:N0} โครงการ)";
                    }
                    break;
                case "c":
                    if (++cellsInRow > MaxColumns)
                    {
                        return $"แผ่นงานกว้างเกินไป: แถวหนึ่งมีเกิน {MaxColumns} เซลล์";
                    }
                    if (reader.GetAttribute("r") is { } cell && OutOfBounds(cell) is { } outside)
                    {
                        return outside;
                    }
                    break;
            }
        }
        return null;
    }

    /// <summary>A cell reference such as "XFD1048576" outside the limits, told in Thai; null when inside.</summary>
    private static string? OutOfBounds(string reference)
    {
        var letters = reference.TakeWhile(char.IsAsciiLetter).Count();
        if (letters == 0 || letters > 3 || !int.TryParse(reference[letters..], CultureInfo.InvariantCulture, out var row))
        {
            return $"อ้างอิงเซลล์ไม่ถูกต้อง: {reference}";
        }
        var column = reference[..letters].ToUpperInvariant().Aggregate(0, (n, c) => n * 26 + (c - 'A' + 1));
        if (column > MaxColumns)
        {
            return $"แผ่นงานกว้างเกินไป: มีเซลล์ที่ {reference} (รับได้ไม่เกิน {MaxColumns} คอลัมน์)";
        }
        return row > MaxRows ? $"แผ่นงานยาวเกินไป: มีเซลล์ที่ {reference} (รับได้ไม่เกิน {MaxRows - 1:N0} โครงการ)" : null;
    }

    private sealed class TooLargeException() : IOException("uncompressed workbook over the limit");

    /// <summary>Reads through, counting bytes against a budget shared by the workbook's parts, and stops with the request.</summary>
    private sealed class CountingStream(Stream inner, long[] budget, CancellationToken cancellationToken) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = inner.Read(buffer, offset, count);
            budget[0] -= read;
            return budget[0] < 0 ? throw new TooLargeException() : read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
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
