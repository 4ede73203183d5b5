using System.Buffers;
using System.Net;
using System.Text;

namespace PlanNacc.Scoring.Thai;

/// <summary>
/// Thai text normalisation for matching: one pass that folds what LAO sites vary on without changing the meaning.
/// </summary>
public static class ThaiText
{
    // Typos and spelling variants seen on LAO sites (disclosure-kinds.md), replaced after the character pass.
    // Order matters: longer forms first so a shorter one does not eat part of a longer one.
    private static readonly (string From, string To)[] Typos =
    [
        ("แผ่นปฏิบัติการ", "แผนปฏิบัติการ"),
        ("แผ่นพัฒนา", "แผนพัฒนา"),
        ("แผ่นการ", "แผนการ"),
        ("คอร์รัปชั่น", "คอร์รัปชัน"),
        ("คอรัปชั่น", "คอร์รัปชัน"),
        ("คอรัปชัน", "คอร์รัปชัน"),
        ("คอรับชั่น", "คอร์รัปชัน"),
        ("ปฎิบัติ", "ปฏิบัติ"),
        ("ประพฤตมิชอบ", "ประพฤติมิชอบ"),
        ("ทุจจริต", "ทุจริต"),
        ("งบประมานณ", "งบประมาณ"),
        ("งบประมาน", "งบประมาณ"),
        ("อิเล็คทรอนิกส์", "อิเล็กทรอนิกส์"),
        ("อิเลคทรอนิกส์", "อิเล็กทรอนิกส์"),
        ("ผู้บริหาญ", "ผู้บริหาร"),
        ("ร้องทุก์", "ร้องทุกข์"),
        ("ดุลพินิจ", "ดุลยพินิจ"),
    ];

    private static readonly SearchValues<string> TypoSearch = SearchValues.Create(Typos.Select(t => t.From).ToArray(),
        StringComparison.Ordinal);

    /// <summary>
    /// Decodes HTML entities, maps Thai digits to ASCII, drops zero-width characters, folds odd spaces, fixes split
    /// vowels (ํา → ำ, เเ → แ), normalises "พ.ศ." spacing, lower-cases Latin letters and repairs known typos.
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var s = text.Contains('&') ? WebUtility.HtmlDecode(text) : text;
        char[]? rented = null;
        var buf = s.Length <= 512 ? stackalloc char[s.Length] : (rented = ArrayPool<char>.Shared.Rent(s.Length));
        var n = 0;
        var lastSpace = true;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case >= '\u0E50' and <= '\u0E59':
                    c = (char)('0' + (c - '\u0E50'));
                    break;
                case '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD':
                    continue;
                case '\u0E4D' when i + 1 < s.Length && s[i + 1] == '\u0E32':
                    // nikhahit + sara aa, as PDFs and old keyboards write sara am
                    c = '\u0E33';
                    i++;
                    break;
                case '\u0E40' when i + 1 < s.Length && s[i + 1] == '\u0E40':
                    // two sara e typed for sara ae
                    c = '\u0E41';
                    i++;
                    break;
                case '–' or '—' or '‒' or '―' or '−':
                    c = '-';
                    break;
                case '“' or '”' or '«' or '»':
                    c = '"';
                    break;
                case '‘' or '’':
                    c = '\'';
                    break;
            }
            if (c < 128)
            {
                if (c <= ' ' || c == '\u007F')
                {
                    if (!lastSpace)
                    {
                        buf[n++] = ' ';
                        lastSpace = true;
                    }
                    continue;
                }
                buf[n++] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
            }
            else if (c is >= '\u0E01' and <= '\u0E5B')
            {
                buf[n++] = c;
            }
            else if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!lastSpace)
                {
                    buf[n++] = ' ';
                    lastSpace = true;
                }
                continue;
            }
            else
            {
                buf[n++] = char.ToLowerInvariant(c);
            }
            lastSpace = false;
        }
        if (n > 0 && buf[n - 1] == ' ')
        {
            n--;
        }
        var result = new string(buf[..n]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
        if (result.Contains("พ.", StringComparison.Ordinal) || result.Contains("พ ", StringComparison.Ordinal))
        {
            result = NormalizeBuddhistEra(result);
        }
        if (result.AsSpan().IndexOfAny(TypoSearch) >= 0)
        {
            foreach (var (from, to) in Typos)
            {
                if (result.Contains(from, StringComparison.Ordinal))
                {
                    result = result.Replace(from, to, StringComparison.Ordinal);
                }
            }
        }
        return result;
    }

    /// <summary>"พ.ศ", "พ. ศ.", "พ.ศ.2568" → "พ.ศ. 2568": one spelling so later steps need not care.</summary>
    private static string NormalizeBuddhistEra(string s)
    {
        var idx = s.IndexOf('พ', StringComparison.Ordinal);
        if (idx < 0)
        {
            return s;
        }
        StringBuilder? sb = null;
        var copied = 0;
        for (var i = idx; i < s.Length; i++)
        {
            if (s[i] != 'พ')
            {
                continue;
            }
            var j = i + 1;
            if (j < s.Length && s[j] == '.') j++;
            else continue;
            while (j < s.Length && s[j] == ' ') j++;
            if (j < s.Length && s[j] == 'ศ') j++;
            else continue;
            if (j < s.Length && s[j] == '.') j++;
            // a Thai letter right after "ศ" means a word, not the era mark
            if (j < s.Length && s[j] is >= '\u0E01' and <= '\u0E4E') continue;
            while (j < s.Length && s[j] == ' ') j++;
            sb ??= new StringBuilder(s.Length + 8);
            sb.Append(s, copied, i - copied).Append("พ.ศ. ");
            copied = j;
            i = j - 1;
        }
        if (sb is null)
        {
            return s;
        }
        sb.Append(s, copied, s.Length - copied);
        return sb.ToString().TrimEnd();
    }

    /// <summary>Thai digits ๐-๙ to ASCII only (no other change).</summary>
    public static string AsciiDigits(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is >= '\u0E50' and <= '\u0E59')
            {
                chars[i] = (char)('0' + (chars[i] - '\u0E50'));
            }
        }
        return new string(chars);
    }

    /// <summary>True for Thai letters, vowels and tone marks (not digits or symbols).</summary>
    public static bool IsThaiLetter(char c) => c is >= '\u0E01' and <= '\u0E4E';
}
