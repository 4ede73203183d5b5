using System.Text;
using MiniExcelLibs;

namespace PlanNacc.Web.Features.Shared;

/// <summary>
/// A table to hand out as CSV or XLSX: a header row and rows of text or numbers, and a note that must travel with it
/// (which criteria judged it): the CSV's last line, the XLSX's second sheet, so the rows stay one per item.
/// </summary>
public sealed record ExportTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows, string? Note = null);

/// <summary>
/// CSV (UTF-8 with BOM so Excel reads Thai, RFC 4180 quoting) and XLSX (MiniExcel). Crawled text that starts like a
/// formula (= + - @, tab, CR) gets a leading apostrophe, so a hostile link text cannot run as a formula in a spreadsheet.
/// </summary>
public static class Tables
{
    public static byte[] Csv(ExportTable table)
    {
        var text = new StringBuilder();
        AppendRow(text, table.Headers.Cast<object?>().ToList());
        foreach (var row in table.Rows)
        {
            AppendRow(text, row);
        }
        if (table.Note is { } note)
        {
            AppendRow(text, ["หมายเหตุ", note]);
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static async Task<byte[]> XlsxAsync(ExportTable table, string sheetName, CancellationToken cancellationToken)
    {
        var rows = table.Rows.Select(row =>
        {
            var record = new Dictionary<string, object?>();
            for (var i = 0; i < table.Headers.Count; i++)
            {
                var value = i < row.Count ? row[i] : null;
                record[table.Headers[i]] = value is string s ? Defuse(s) : value;
            }
            return record;
        }).ToList();
        using var stream = new MemoryStream();
        if (table.Note is { } note)
        {
            var sheets = new Dictionary<string, object>
            {
                [sheetName] = rows,
                ["หมายเหตุ"] = new[] { new Dictionary<string, object?> { ["หมายเหตุ"] = note } },
            };
            await stream.SaveAsAsync(sheets, printHeader: true, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
        }
        else
        {
            await stream.SaveAsAsync(rows, printHeader: true, sheetName: sheetName, excelType: ExcelType.XLSX,
                cancellationToken: cancellationToken);
        }
        return stream.ToArray();
    }

    public static string Defuse(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static void AppendRow(StringBuilder text, IReadOnlyList<object?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }
            var value = cells[i] switch
            {
                null => "",
                string s => Defuse(s),
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                var other => other.ToString() ?? "",
            };
            if (value.IndexOfAny([',', '"', '\n', '\r']) >= 0)
            {
                text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                text.Append(value);
            }
        }
        text.Append("\r\n");
    }
}
