using System.Buffers;

namespace PlanNacc.Scoring.Thai;

/// <summary>How a year was stated, strongest first.</summary>
public enum YearRole
{
    /// <summary>"ปีงบประมาณ 2568", "ประจำปี 2568", "ปีงบ 68", "FY2568".</summary>
    Fiscal,
    /// <summary>A plan span "2566-2570".</summary>
    Span,
    /// <summary>A bare year or "พ.ศ. 2568".</summary>
    Plain,
    /// <summary>A date "15 ต.ค. 67": the fiscal year of that date.</summary>
    Date,
    /// <summary>"ITA 2568": the assessment the evidence was filed for, not necessarily the period it covers.</summary>
    Assessment,
}

/// <summary>What a text says about fiscal years.</summary>
public sealed record YearFinding
{
    public static readonly YearFinding None = new();

    /// <summary>The single fiscal year (BE) the text speaks of, or null (no year, or only a span).</summary>
    public int? FiscalYear { get; init; }
    /// <summary>[from, to] (BE) when the text names a multi-year span such as a 5-year plan.</summary>
    public int[]? Span { get; init; }
    public YearRole? Role { get; init; }
    /// <summary>The ITA year the text was filed under ("ITA 2568"), when stated.</summary>
    public int? AssessmentYear { get; init; }
    /// <summary>Every fiscal year mentioned (laws' years excluded), for listing pages that carry many dated entries.</summary>
    public IReadOnlyList<int> Mentioned { get; init; } = [];
    public double Confidence { get; init; }

    public bool IsEmpty => FiscalYear is null && Span is null && AssessmentYear is null;
}

/// <summary>
/// Finds the fiscal year a text, URL or file name speaks of: BE and CE four-digit years, two-digit years in context
/// ("ปีงบ 68", "ต.ค.67 - มี.ค.68"), spans ("2566-2570"), Thai month names; a law's year ("พ.ร.บ. … พ.ศ. 2540") is not a
/// fiscal year, and an event date counts only when nothing stronger is said. Input: any text (normalised inside).
/// </summary>
public static class FiscalYearExtractor
{
    private const int MinBe = 2540;
    private const int MaxBe = 2600;

    private static readonly string[] FiscalMarkers = ["ปีงบประมาณ", "ปีงบฯ", "ปีงบ", "ประจำปี", "fy", "ปีการเงิน"];
    private static readonly string[] AssessmentMarkers = ["ita", "oit", "การประเมินคุณธรรม"];
    // document words real file and link names glue a two-digit year to ("เทศบัญญัติ66", "ข้อบัญญัติงบประมาณ67")
    private static readonly string[] DocumentMarkers =
    [
        "บัญญัติ", "งบประมาณ", "แผนดำเนินงาน", "แผนจัดซื้อจัดจ้าง", "แผนการจัดซื้อจัดจ้าง", "แผนพัสดุ", "แผนพัฒนา",
        "แผนพัฒนาท้องถิ่น",
    ];
    // a year after these is a school term or a council session, not a fiscal year ("ภาคเรียนที่ 1/2568")
    private static readonly string[] TermMarkers = ["ภาคเรียน", "ภาคการศึกษา", "ปีการศึกษา"];
    private static readonly string[] LawMarkers =
    [
        "พ.ร.บ", "พรบ", "พระราชบัญญัติ", "พระราชกฤษฎีกา", "พ.ร.ฎ", "กฎกระทรวง", "ระเบียบ", "ประมวลกฎหมาย",
        "รัฐธรรมนูญ", "ประกาศกระทรวง", "ประกาศคณะกรรมการ", "มติคณะรัฐมนตรี", "ฉบับที่", "ว่าด้วย", "พระราชกำหนด",
        "ข้อบังคับ", "คำสั่งหัวหน้า",
    ];
    // Words after which a year is about the document again, not about a law cited earlier in the sentence.
    private static readonly string[] LawBreakers = ["ประจำปี", "ปีงบ", "ita", "oit"];

    private static readonly (string Name, int Month)[] Months =
    [
        ("มกราคม", 1), ("กุมภาพันธ์", 2), ("มีนาคม", 3), ("เมษายน", 4), ("พฤษภาคม", 5), ("มิถุนายน", 6),
        ("กรกฎาคม", 7), ("สิงหาคม", 8), ("กันยายน", 9), ("ตุลาคม", 10), ("พฤศจิกายน", 11), ("ธันวาคม", 12),
        ("ม.ค.", 1), ("ก.พ.", 2), ("มี.ค.", 3), ("เม.ย.", 4), ("พ.ค.", 5), ("มิ.ย.", 6),
        ("ก.ค.", 7), ("ส.ค.", 8), ("ก.ย.", 9), ("ต.ค.", 10), ("พ.ย.", 11), ("ธ.ค.", 12),
        ("ม.ค", 1), ("ก.พ", 2), ("มี.ค", 3), ("เม.ย", 4), ("พ.ค", 5), ("มิ.ย", 6),
        ("ก.ค", 7), ("ส.ค", 8), ("ก.ย", 9), ("ต.ค", 10), ("พ.ย", 11), ("ธ.ค", 12),
        ("มค", 1), ("กพ", 2), ("มีค", 3), ("เมย", 4), ("พค", 5), ("มิย", 6),
        ("กค", 7), ("สค", 8), ("กย", 9), ("ตค", 10), ("พย", 11), ("ธค", 12),
        ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7),
        ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
        ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9),
        ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    ];

    private static readonly SearchValues<string> LawSearch = SearchValues.Create(LawMarkers, StringComparison.Ordinal);

    // month names by their last letter (dots trimmed), so the check before each year costs a lookup, not 80 comparisons
    private static readonly Dictionary<char, (string Name, int Month)[]> MonthsByLastChar = Months
        .GroupBy(m => m.Name.TrimEnd('.')[^1])
        .ToDictionary(g => g.Key, g => g.ToArray());

    private readonly record struct Mention(int Start, int End, int Year, YearRole Role, int SpanTo);

    /// <summary>Extracts from free text (link text, title, PDF text).</summary>
    public static YearFinding Extract(string? text) => ExtractNormalized(ThaiText.Normalize(text), fromUrl: false);

    /// <summary>Extracts from a URL or file name (percent-decoded; path separators read as spaces; ids ignored).</summary>
    public static YearFinding ExtractFromUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return YearFinding.None;
        }
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(url.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            decoded = url;
        }
        // the host never names a year; the scheme and host are dropped
        var schemeEnd = decoded.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            var pathStart = decoded.IndexOf('/', schemeEnd + 3);
            decoded = pathStart < 0 ? "" : decoded[pathStart..];
        }
        var chars = decoded.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is '/' or '_' or '?' or '&' or '=' or '#' or '+')
            {
                chars[i] = ' ';
            }
        }
        return ExtractNormalized(ThaiText.Normalize(new string(chars)), fromUrl: true);
    }

    /// <summary>Extracts from text already passed through <see cref="ThaiText.Normalize"/>.</summary>
    public static YearFinding ExtractNormalized(string s, bool fromUrl = false)
    {
        if (s.Length == 0)
        {
            return YearFinding.None;
        }
        List<Mention>? mentions = null;
        var i = 0;
        while (i < s.Length)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            var end = i;
            if (end - start is 6 or 8 && RunTogetherDate(s, start, end) is { } dated)
            {
                (mentions ??= []).Add(dated);
                continue;
            }
            if (end - start == 3 && LatinZero(s, end))
            {
                // "๒๕๖o": a Latin o typed for the Thai zero
                s = string.Concat(s.AsSpan(0, end), "0", s.AsSpan(end + 1));
                end++;
                i = end;
            }
            var m = Read(s, start, end, fromUrl);
            if (m is { } found)
            {
                (mentions ??= []).Add(found);
                i = Math.Max(i, found.End);
            }
        }
        return mentions is null ? YearFinding.None : Decide(mentions, fromUrl);
    }

    private static Mention? Read(string s, int start, int end, bool fromUrl)
    {
        var len = end - start;
        if (len != 4 && len != 2)
        {
            return null;
        }
        // part of a bigger number: 1,2568 / 3.2568 / 0-2568-… phone or money
        if (start > 1 && s[start - 1] is ',' or '.' or ':' && char.IsAsciiDigit(s[start - 2])) return null;
        if (end + 1 < s.Length && s[end] is ',' or ':' && char.IsAsciiDigit(s[end + 1])) return null;
        if (end + 1 < s.Length && s[end] == '.' && char.IsAsciiDigit(s[end + 1]) && len == 2) return null;
        // Latin letters glued on both sides ("abc2568xyz") are ids
        if (start > 0 && char.IsAsciiLetter(s[start - 1]) && end < s.Length && char.IsAsciiLetter(s[end]) && !fromUrl) return null;

        var value = Parse(s, start, end);
        var before = Before(s, start, 40);
        if (len == 4 && IsIsoDate(s, end)) return new Mention(start, end, 0, YearRole.Plain, -1); // "2025-03-14": a post's date
        if (len == 4 && UploadMonth(s, start, end) is { } upload) return upload; // ".../uploads/2024/10/": when it was posted
        if (NearTerm(s, start)) return new Mention(start, end, 0, YearRole.Plain, -1);
        var month = MonthBefore(before) ?? (len == 4 ? MonthDayBefore(before) : null);
        int year;
        if (len == 4)
        {
            if (value is >= MinBe and <= MaxBe) year = value;
            else if (value is >= MinBe - 543 and <= MaxBe - 543) year = value + 543;
            else return null;
            if (fromUrl && IsIdContext(before)) return null;
        }
        else
        {
            if (value < 40 || value > 99) return null;
            // a two-digit year needs a year word or a month right before it, or a slash date
            if (month is null && !EndsWithAny(before, FiscalMarkers) && !EndsWithAny(before, AssessmentMarkers)
                && !EndsWithAny(before, DocumentMarkers)
                && !before.EndsWith("พ.ศ.", StringComparison.Ordinal) && !before.EndsWith("ปี", StringComparison.Ordinal)
                && !IsSlashDate(s, start))
            {
                return null;
            }
            year = 2500 + value;
        }

        // a span: "2566-2570", "2566 - 2570", "2566 ถึง 2570", "พ.ศ. 2566 - พ.ศ. 2570", "66-70"
        if (month is null && TryReadSpanEnd(s, end, year, len, out var spanTo, out var spanEnd))
        {
            var spanRole = IsLawContext(s, start) ? (YearRole?)null : YearRole.Span;
            return spanRole is null ? new Mention(start, spanEnd, 0, YearRole.Plain, -1)
                : new Mention(start, spanEnd, year, YearRole.Span, spanTo);
        }

        if (month is { } mo || IsSlashDate(s, start) && (mo = SlashMonth(s, start)) > 0)
        {
            return new Mention(start, end, FiscalYears.OfThaiMonth(year, mo), YearRole.Date, 0);
        }
        if (IsLawContext(s, start) || IsCopyright(s, start))
        {
            return new Mention(start, end, 0, YearRole.Plain, -1);
        }
        if (NearAssessment(before))
        {
            return new Mention(start, end, year, YearRole.Assessment, 0);
        }
        if (EndsWithAny(before, FiscalMarkers) || before.EndsWith("ปี", StringComparison.Ordinal)
            || (len == 2 && EndsWithAny(before, DocumentMarkers)))
        {
            return new Mention(start, end, year, YearRole.Fiscal, 0);
        }
        return new Mention(start, end, year, YearRole.Plain, 0);
    }

    private static YearFinding Decide(List<Mention> mentions, bool fromUrl)
    {
        var mentioned = new List<int>(mentions.Count);
        Mention? best = null;
        int? assessment = null;
        foreach (var m in mentions)
        {
            if (m.SpanTo < 0)
            {
                continue; // a law's year
            }
            if (m.Role == YearRole.Assessment)
            {
                assessment ??= m.Year;
            }
            if (m.Role == YearRole.Span)
            {
                for (var y = m.Year; y <= m.SpanTo; y++) if (!mentioned.Contains(y)) mentioned.Add(y);
            }
            else if (!mentioned.Contains(m.Year))
            {
                mentioned.Add(m.Year);
            }
            if (best is null || Rank(m.Role) < Rank(best.Value.Role))
            {
                best = m;
            }
        }
        if (best is not { } b)
        {
            return YearFinding.None;
        }
        var scale = fromUrl ? 0.8 : 1.0;
        return b.Role switch
        {
            YearRole.Span => new YearFinding
            {
                Span = [b.Year, b.SpanTo], Role = YearRole.Span, AssessmentYear = assessment, Mentioned = mentioned,
                Confidence = 0.9 * scale,
            },
            _ => new YearFinding
            {
                FiscalYear = b.Year, Role = b.Role, AssessmentYear = assessment, Mentioned = mentioned,
                Confidence = Confidence(b.Role) * scale,
            },
        };
    }

    private static int Rank(YearRole role) => role switch
    {
        YearRole.Fiscal => 0,
        YearRole.Span => 1,
        YearRole.Plain => 2,
        YearRole.Date => 3,
        _ => 4,
    };

    private static double Confidence(YearRole role) => role switch
    {
        YearRole.Fiscal => 0.95,
        YearRole.Span => 0.9,
        YearRole.Plain => 0.8,
        YearRole.Date => 0.65,
        _ => 0.5,
    };

    private static int Parse(string s, int start, int end)
    {
        var v = 0;
        for (var k = start; k < end; k++) v = v * 10 + (s[k] - '0');
        return v;
    }

    /// <summary>Up to <paramref name="max"/> characters before <paramref name="start"/>, trailing "พ.ศ.", spaces and brackets
    /// removed.</summary>
    private static string Before(string s, int start, int max)
    {
        var from = Math.Max(0, start - max);
        var span = s.AsSpan(from, start - from).TrimEnd(" ([:-");
        if (span.EndsWith("พ.ศ.", StringComparison.Ordinal))
        {
            var trimmed = span[..^4].TrimEnd(" (");
            // "พ.ศ." itself is kept as a marker when nothing else precedes it
            return trimmed.Length == 0 ? "พ.ศ." : trimmed.EndsWith("ปี", StringComparison.Ordinal) || EndsWithMonthOrMarker(trimmed)
                ? trimmed.ToString() : "พ.ศ.";
        }
        return span.ToString();
    }

    private static bool EndsWithMonthOrMarker(ReadOnlySpan<char> s)
    {
        foreach (var (name, _) in Months) if (s.EndsWith(name, StringComparison.Ordinal)) return true;
        foreach (var m in FiscalMarkers) if (s.EndsWith(m, StringComparison.Ordinal)) return true;
        foreach (var m in AssessmentMarkers) if (s.EndsWith(m, StringComparison.Ordinal)) return true;
        return false;
    }

    private static int? MonthBefore(string before)
    {
        var b = before.AsSpan().TrimEnd(" .-/");
        if (b.Length == 0 || !MonthsByLastChar.TryGetValue(b[^1], out var candidates))
        {
            return null;
        }
        // "15 ต.ค." and "ต.ค.67": the month right before the year
        foreach (var (name, month) in candidates)
        {
            var n = name.AsSpan().TrimEnd('.');
            if (b.EndsWith(n, StringComparison.Ordinal))
            {
                var pre = b.Length - n.Length - 1;
                // Latin month abbreviations must be whole words ("mar" in "summary" is not March)
                if (char.IsAsciiLetter(n[0]) && pre >= 0 && char.IsAsciiLetter(b[pre]))
                {
                    continue;
                }
                // a Thai abbreviation without dots must not be the tail of a longer word
                if (!name.Contains('.') && n.Length <= 3 && pre >= 0 && ThaiText.IsThaiLetter(b[pre]) && !char.IsAsciiLetter(n[0]))
                {
                    continue;
                }
                return month;
            }
        }
        return null;
    }

    /// <summary>"November 15, 2012", "มีนาคม 14 2568": a day between the month and the year; a post's date.</summary>
    private static int? MonthDayBefore(string before)
    {
        var b = before.AsSpan().TrimEnd(" ,");
        var k = b.Length;
        while (k > 0 && char.IsAsciiDigit(b[k - 1])) k--;
        if (b.Length - k is not (1 or 2) || k == 0 || b[k - 1] != ' ') return null;
        return MonthBefore(b[..(k - 1)].ToString());
    }

    // YYYY-MM-DD (maybe with a time): how a CMS dates a post, never how a plan states its year
    private static bool IsIsoDate(string s, int end) =>
        end + 5 < s.Length && s[end] == '-' && char.IsAsciiDigit(s[end + 1]) && char.IsAsciiDigit(s[end + 2]) && s[end + 3] == '-'
        && char.IsAsciiDigit(s[end + 4]) && char.IsAsciiDigit(s[end + 5]);

    /// <summary>
    /// A year-and-month folder of a path ("/uploads/2024/10/", "uploads 2024 10" once a URL's separators are spaces): the
    /// month the file was uploaded, which dates the post, so it counts as a date and never outranks a stated year.
    /// </summary>
    private static Mention? UploadMonth(string s, int start, int end)
    {
        var inPath = start > 0 && s[start - 1] == '/' && end < s.Length && s[end] == '/';
        var afterUploads = Before(s, start, 12).EndsWith("uploads", StringComparison.Ordinal)
            && end < s.Length && s[end] is ' ' or '/';
        if (!inPath && !afterUploads) return null;
        var k = end + 1;
        while (k < s.Length && char.IsAsciiDigit(s[k])) k++;
        if (k - end - 1 is not (1 or 2) || (k < s.Length && s[k] is not ('/' or ' '))) return null;
        var month = Parse(s, end + 1, k);
        var value = Parse(s, start, end);
        var year = value is >= MinBe and <= MaxBe ? value : value is >= MinBe - 543 and <= MaxBe - 543 ? value + 543 : 0;
        return month is < 1 or > 12 || year == 0 ? null : new Mention(start, k, FiscalYears.OfThaiMonth(year, month), YearRole.Date, 0);
    }

    private static bool NearTerm(string s, int start)
    {
        var from = Math.Max(0, start - 20);
        var window = s.AsSpan(from, start - from);
        foreach (var t in TermMarkers)
        {
            if (window.Contains(t, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static bool LatinZero(string s, int end) =>
        end < s.Length && s[end] == 'o' && (end + 1 == s.Length || !char.IsAsciiLetter(s[end + 1]))
        && (end < 4 || !char.IsAsciiLetter(s[end - 4]));

    /// <summary>"25670315", "20240115", "256703" in a file name: the year of a date run together; its fiscal year is the date's.</summary>
    private static Mention? RunTogetherDate(string s, int start, int end)
    {
        var head = Parse(s, start, start + 4);
        var year = head is >= MinBe and <= MaxBe ? head : head is >= MinBe - 543 and <= MaxBe - 543 ? head + 543 : 0;
        var month = Parse(s, start + 4, start + 6);
        if (year == 0 || month is < 1 or > 12) return null;
        if (end - start == 8 && Parse(s, start + 6, start + 8) is < 1 or > 31) return null;
        return new Mention(start, end, FiscalYears.OfThaiMonth(year, month), YearRole.Date, 0);
    }

    private static bool IsSlashDate(string s, int start) =>
        start >= 4 && s[start - 1] == '/' && char.IsAsciiDigit(s[start - 2])
            && (s[start - 3] == '/' || (char.IsAsciiDigit(s[start - 3]) && start >= 5 && s[start - 4] == '/'));

    private static int SlashMonth(string s, int start)
    {
        var j = start - 2;
        var end = j + 1;
        while (j >= 0 && char.IsAsciiDigit(s[j])) j--;
        return end - (j + 1) is 1 or 2 ? Math.Clamp(Parse(s, j + 1, end), 0, 12) : 0;
    }

    private static bool TryReadSpanEnd(string s, int end, int fromYear, int fromLen, out int to, out int spanEnd)
    {
        to = 0;
        spanEnd = end;
        var j = end;
        while (j < s.Length && s[j] == ' ') j++;
        if (j < s.Length && s[j] == '-') j++;
        else if (string.CompareOrdinal(s, j, "ถึง", 0, 3) == 0) j += 3;
        else return false;
        while (j < s.Length && s[j] == ' ') j++;
        if (string.CompareOrdinal(s, j, "พ.ศ. ", 0, 5) == 0) j += 5;
        var k = j;
        while (k < s.Length && char.IsAsciiDigit(s[k])) k++;
        var len = k - j;
        if (len is not (2 or 4) || (k < s.Length && char.IsAsciiLetter(s[k])))
        {
            return false;
        }
        var v = Parse(s, j, k);
        to = len == 4 ? (v < MinBe && v >= MinBe - 543 ? v + 543 : v) : fromYear / 100 * 100 + v;
        if (fromLen == 2 && len == 4) return false;
        if (to <= fromYear || to - fromYear > 10)
        {
            return false;
        }
        spanEnd = k;
        return true;
    }

    private static bool IsLawContext(string s, int start)
    {
        var from = Math.Max(0, start - 120);
        var window = s.AsSpan(from, start - from);
        if (window.IndexOfAny(LawSearch) < 0)
        {
            return false;
        }
        var lawAt = -1;
        foreach (var m in LawMarkers)
        {
            var at = window.LastIndexOf(m, StringComparison.Ordinal);
            if (at > lawAt) lawAt = at;
        }
        if (lawAt < 0)
        {
            return false;
        }
        // the first year after a law's name is the law's; a later year, or one the text calls a fiscal year, is not
        var after = window[lawAt..];
        foreach (var b in LawBreakers)
        {
            if (after.Contains(b, StringComparison.Ordinal)) return false;
        }
        var digits = 0;
        foreach (var ch in after)
        {
            digits = char.IsAsciiDigit(ch) ? digits + 1 : 0;
            if (digits == 4) return false;
        }
        return true;
    }

    private static bool IsCopyright(string s, int start)
    {
        var from = Math.Max(0, start - 16);
        var window = s.AsSpan(from, start - from);
        return window.Contains('©') || window.Contains("copyright", StringComparison.Ordinal)
            || window.Contains("(c)", StringComparison.Ordinal);
    }

    private static bool NearAssessment(string before)
    {
        // "ita 2568", "ita ปี 2568", "ita ประจำปี 2568", "oit2568"
        var b = before.AsSpan().TrimEnd(" (");
        foreach (var m in AssessmentMarkers)
        {
            var at = b.LastIndexOf(m, StringComparison.Ordinal);
            if (at >= 0 && IsWordAt(b, at, m.Length))
            {
                var tail = b[(at + m.Length)..].Trim(" ():-");
                if (tail.Length == 0 || tail.SequenceEqual("ปี") || tail.SequenceEqual("ประจำปี") || tail.SequenceEqual("พ.ศ.")
                    || tail.SequenceEqual("ปี พ.ศ."))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool IsWordAt(ReadOnlySpan<char> s, int at, int len)
    {
        if (!char.IsAsciiLetter(s[at])) return true;
        var left = at == 0 || !char.IsAsciiLetter(s[at - 1]);
        var right = at + len >= s.Length || !char.IsAsciiLetter(s[at + len]);
        return left && right;
    }

    private static bool IsIdContext(string before)
    {
        var b = before.AsSpan().TrimEnd(' ');
        return b.EndsWith("id", StringComparison.Ordinal) || b.EndsWith("menu", StringComparison.Ordinal)
            || b.EndsWith("catid", StringComparison.Ordinal) || b.EndsWith("page", StringComparison.Ordinal)
            || b.EndsWith("p", StringComparison.Ordinal) || b.EndsWith("no", StringComparison.Ordinal)
            || b.EndsWith("data", StringComparison.Ordinal) || b.EndsWith("news", StringComparison.Ordinal)
            || b.EndsWith("view", StringComparison.Ordinal) || b.EndsWith("detail", StringComparison.Ordinal);
    }

    private static bool EndsWithAny(string before, string[] markers)
    {
        var b = before.AsSpan().TrimEnd(" (");
        foreach (var m in markers)
        {
            if (b.EndsWith(m, StringComparison.Ordinal) && IsWordAt(b, b.Length - m.Length, m.Length)) return true;
        }
        return false;
    }
}
