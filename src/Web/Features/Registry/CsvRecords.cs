using System.Text;

namespace PlanNacc.Web.Features.Registry;

/// <summary>A CSV record with the line it starts on (1-based, the header is line 1), or the reason it is malformed.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Malformed);

/// <summary>
/// A small RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF) that keeps each
/// record's line number, so an importer can say which line of the file was wrong.
/// </summary>
public static class CsvRecords
{
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var quotedField = false;
        string? malformed = null;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0 && !quotedField:
                    inQuotes = quotedField = true;
                    break;
                case '"':
                    malformed ??= "stray quote inside a field";
                    field.Append(ch);
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    quotedField = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    yield return new CsvRecord(recordLine, fields.ToArray(), malformed);
                    fields.Clear();
                    field.Clear();
                    quotedField = false;
                    malformed = null;
                    line++;
                    recordLine = line;
                    break;
                default:
                    if (quotedField)
                    {
                        malformed ??= "text after a closing quote";
                    }
                    field.Append(ch);
                    break;
            }
        }
        if (inQuotes)
        {
            malformed = "unterminated quote";
        }
        if (field.Length > 0 || fields.Count > 0 || quotedField)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordLine, fields.ToArray(), malformed);
        }
    }
}
