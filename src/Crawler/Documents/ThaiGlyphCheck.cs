namespace PlanNacc.Crawler.Documents;

/// <summary>
/// Spots Thai text extracted from a PDF whose font has a broken glyph map, so it is marked unreadable instead of trusted:
/// private-use glyphs (U+F700-U+F8FF, the legacy Thai presentation forms), replacement characters, tone marks and upper/lower
/// vowels detached from their consonant (split off by a space or leading a word), a decomposed สระอำ (nikhahit + sara aa), and
/// Thai shown as Latin-1 bytes (a TIS-620 font without a ToUnicode map).
/// </summary>
public static class ThaiGlyphCheck
{
    /// <summary>Null when the text looks sound (or has too little Thai to judge); otherwise the reason it cannot be trusted.</summary>
    public static string? Diagnose(string text)
    {
        int thai = 0, privateUse = 0, replacement = 0, detached = 0, lostSaraAm = 0, latinHigh = 0, letters = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '\u0E00' and <= '\u0E7F')
            {
                thai++;
            }
            if (c is >= '\uF700' and <= '\uF8FF')
            {
                privateUse++;
            }
            else if (c == '\uFFFD')
            {
                replacement++;
            }
            if (char.IsLetter(c))
            {
                letters++;
                if (c is >= '\u00C0' and <= '\u00FF' || c is >= '\u00A1' and <= '\u00BF')
                {
                    latinHigh++;
                }
            }
            else if (c is >= '\u00A1' and <= '\u00BF')
            {
                latinHigh++;
            }
            if (IsCombiningMark(c) && (i == 0 || !IsThaiBase(text[i - 1]) && !IsCombiningMark(text[i - 1])))
            {
                detached++;
            }
            if (c == '\u0E4D' && i + 1 < text.Length
                && (text[i + 1] == '\u0E32' || text[i + 1] == ' ' && i + 2 < text.Length && text[i + 2] == '\u0E32'))
            {
                lostSaraAm++;
            }
        }
        if (privateUse >= 3 && privateUse * 50 >= thai + privateUse)
        {
            return $"broken-thai-glyphs: {privateUse} private-use glyphs (U+F700-U+F8FF)";
        }
        if (replacement >= 3)
        {
            return $"broken-glyphs: {replacement} replacement characters";
        }
        if (thai < 10 && latinHigh >= 20 && latinHigh * 3 >= letters)
        {
            return "thai-as-latin1: font without a Unicode map (TIS-620 codes shown as Latin-1)";
        }
        if (thai >= 20 && detached >= 3 && detached * 30 >= thai)
        {
            return $"broken-thai-glyphs: {detached} tone marks or vowels detached from their consonant";
        }
        if (lostSaraAm >= 2)
        {
            return $"broken-thai-glyphs: {lostSaraAm} decomposed sara am (nikhahit + sara aa)";
        }
        return null;
    }

    /// <summary>Marks written above or below a consonant: mai han-akat, upper and lower vowels, phinthu, tone marks, thanthakhat…</summary>
    private static bool IsCombiningMark(char c) => c is '\u0E31' or (>= '\u0E34' and <= '\u0E3A') or (>= '\u0E47' and <= '\u0E4E');

    private static bool IsThaiBase(char c) => c is >= '\u0E01' and <= '\u0E30' or '\u0E32' or '\u0E33' or (>= '\u0E40' and <= '\u0E46')
        or (>= '\u0E50' and <= '\u0E59');
}
