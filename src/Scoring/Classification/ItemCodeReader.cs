namespace PlanNacc.Scoring.Classification;

/// <summary>
/// Reads an OIT item code from normalised text: "o36", "O 36", "OIT36", "oit 3", "036" / "01 โครงสร้าง" (zero for O),
/// "ข้อ 36", "ข้อ_020", "30การประเมิน…" (a number glued to the title). The number alone means nothing without the year.
/// </summary>
internal static class ItemCodeReader
{
    public static int? Read(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == 'o' && (i == 0 || !char.IsAsciiLetter(s[i - 1])))
            {
                var j = i + 1;
                if (j + 1 < s.Length && s[j] == 'i' && s[j + 1] == 't') j += 2;
                while (j < s.Length && s[j] is ' ' or '.' or '-' or ':' or '_') j++;
                if (ReadNumber(s, j, out var n, out var end) && n is >= 1 and <= 60 && !(end < s.Length && char.IsAsciiLetter(s[end])))
                {
                    return n;
                }
            }
            else if (c == 'ข' && string.CompareOrdinal(s, i, "ข้อ", 0, 3) == 0)
            {
                var j = i + 3;
                while (j < s.Length && s[j] is ' ' or '.' or '_' or '-') j++;
                if (ReadNumber(s, j, out var n, out _) && n is >= 1 and <= 60)
                {
                    return n;
                }
            }
        }
        // a leading number: "036 …", "01 โครงสร้าง", "30การประเมิน…"
        if (s.Length >= 2 && char.IsAsciiDigit(s[0]) && ReadNumber(s, 0, out var lead, out var leadEnd) && lead is >= 1 and <= 60)
        {
            var zeroLed = s[0] == '0';
            var glued = leadEnd < s.Length && Thai.ThaiText.IsThaiLetter(s[leadEnd]);
            var spacedThai = leadEnd + 1 < s.Length && s[leadEnd] == ' ' && Thai.ThaiText.IsThaiLetter(s[leadEnd + 1]);
            var aloneZeroLed = zeroLed && leadEnd == 3 && (leadEnd == s.Length || !char.IsAsciiLetterOrDigit(s[leadEnd]));
            if ((glued || (zeroLed && spacedThai) || aloneZeroLed) && !StartsWithMonthOrUnit(s, leadEnd))
            {
                return lead;
            }
        }
        return null;
    }

    private static bool ReadNumber(string s, int j, out int n, out int end)
    {
        n = 0;
        end = j;
        while (end < s.Length && char.IsAsciiDigit(s[end]) && end - j < 3)
        {
            n = n * 10 + (s[end] - '0');
            end++;
        }
        // "1.2 xx" is a numbered heading, "42.1" a sub-item of 42: both keep the integer part
        return end > j && !(end < s.Length && char.IsAsciiDigit(s[end]));
    }

    private static bool StartsWithMonthOrUnit(string s, int at)
    {
        var rest = s.AsSpan(at).TrimStart(' ');
        ReadOnlySpan<string> words = ["ปี", "เดือน", "วัน", "ต.ค", "พ.ย", "ธ.ค", "ม.ค", "ก.พ", "มี.ค", "เม.ย", "พ.ค", "มิ.ย", "ก.ค", "ส.ค",
            "ก.ย", "หมู่", "คน", "ราย", "บาท", "ชั่วโมง", "ครั้ง"];
        foreach (var w in words)
        {
            if (rest.StartsWith(w, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
