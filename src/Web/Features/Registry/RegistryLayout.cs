namespace PlanNacc.Web.Features.Registry;

/// <summary>
/// The two registry files PlanNacc reads, told apart by their header:
/// <list type="bullet">
/// <item><b>plannacc</b>: the layout of ../shared/lao-registry (dla_code, type, name, province, [district], size, website, …), one row per
/// LAO,
/// English type codes (TAO, ThesabanTambon, …).</item>
/// <item><b>dla-open-data</b>: the DLA open-data list "ชื่อและที่ตั้งองค์กรปกครองส่วนท้องถิ่น" (dataset dlads_05_01), Thai headers
/// (รหัส อปท., ประเภท อปท., อปท., จังหวัด, อำเภอ, [ขนาด], เว็ปไซต์ของอปท; ตำบล, ที่ตั้ง, LAT, LONG are ignored), one row per tambon an LAO
/// covers, so one LAO spans several rows; Thai type names; names possibly carrying their type prefix.</item>
/// </list>
/// </summary>
public sealed record RegistryLayout(string Name, IReadOnlyDictionary<string, int> Columns, bool RowsPerTambon)
{
    public const string PlanNacc = "plannacc";
    public const string DlaOpenData = "dla-open-data";

    private static readonly string[] Fields = ["dla_code", "type", "name", "province", "district", "size", "website"];

    // Header spellings seen in the DLA list and its copies, compared without spaces, dots and case ("รหัส อปท." = "รหัสอปท").
    private static readonly Dictionary<string, string[]> ThaiHeaders = new()
    {
        ["dla_code"] = ["รหัสอปท", "รหัสองค์กรปกครองส่วนท้องถิ่น", "รหัส"],
        ["type"] = ["ประเภทอปท", "ประเภท"],
        ["name"] = ["อปท", "ชื่ออปท", "ชื่อองค์กรปกครองส่วนท้องถิ่น", "ชื่อ"],
        ["province"] = ["จังหวัด", "ชื่อจังหวัด"],
        ["district"] = ["อำเภอ", "ชื่ออำเภอ"],
        ["size"] = ["ขนาด", "ขนาดอปท"],
        ["website"] = ["เว็ปไซต์ของอปท", "เว็บไซต์ของอปท", "เว็ปไซต์", "เว็บไซต์", "website"],
    };

    public static readonly string[] Required = ["dla_code", "type", "name", "province", "website"];

    /// <summary>The layout of a header line, or null when neither layout has all the required columns.</summary>
    public static RegistryLayout? Detect(IReadOnlyList<string> header)
    {
        var cleaned = header.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        var english = Fields.Select(f => (f, Array.IndexOf(cleaned, f))).Where(p => p.Item2 >= 0).ToDictionary(p => p.f, p => p.Item2);
        if (!english.ContainsKey("district") && Array.IndexOf(cleaned, "amphoe") is var amphoe and >= 0)
        {
            english["district"] = amphoe;
        }
        if (Required.All(english.ContainsKey))
        {
            return new RegistryLayout(PlanNacc, english, RowsPerTambon: false);
        }
        var keys = cleaned.Select(Key).ToArray();
        var thai = new Dictionary<string, int>();
        foreach (var (field, spellings) in ThaiHeaders)
        {
            // The first spelling that matches wins, so "อปท" (the name) is never taken for "รหัส อปท.".
            foreach (var spelling in spellings)
            {
                if (Array.IndexOf(keys, spelling) is var i and >= 0)
                {
                    thai[field] = i;
                    break;
                }
            }
        }
        return Required.All(thai.ContainsKey) ? new RegistryLayout(DlaOpenData, thai, RowsPerTambon: true) : null;
    }

    public static string Missing(IReadOnlyList<string> header) =>
        string.Join(", ", Required.Where(f => !header.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).Contains(f)));

    private static string Key(string header) => new(header.Where(c => !char.IsWhiteSpace(c) && c != '.' && c != '_').ToArray());

    /// <summary>TAO | ThesabanTambon | ThesabanMueang | ThesabanNakhon | PAO | Special, from an English code or a Thai name.</summary>
    public static string? Type(string? text)
    {
        if (text is null)
        {
            return null;
        }
        if (LaoTypes.IsKnown(text))
        {
            return LaoTypes.ThaiPrefix.Keys.First(k => string.Equals(k, text, StringComparison.OrdinalIgnoreCase));
        }
        return Key(text) switch
        {
            "องค์การบริหารส่วนตำบล" or "อบต" => "TAO",
            "เทศบาลตำบล" or "ทต" => "ThesabanTambon",
            "เทศบาลเมือง" or "ทม" => "ThesabanMueang",
            "เทศบาลนคร" or "ทน" => "ThesabanNakhon",
            "องค์การบริหารส่วนจังหวัด" or "อบจ" => "PAO",
            "เมืองพัทยา" or "ท้องถิ่นรูปแบบพิเศษ" or "รูปแบบพิเศษ" or "อปทรูปแบบพิเศษ" => "Special",
            _ => null,
        };
    }

    private static readonly string[] NamePrefixes =
        ["องค์การบริหารส่วนจังหวัด", "องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร", "อบจ.", "อบต.", "ทต.", "ทม.",
            "ทน."];

    /// <summary>The LAO's own name without its type ("อบต.โรงช้าง" → "โรงช้าง"); Pattaya keeps its whole name.</summary>
    public static string LaoName(string text)
    {
        var name = text.Trim();
        foreach (var prefix in NamePrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length)
            {
                return name[prefix.Length..].Trim();
            }
        }
        return name;
    }

    /// <summary>"จังหวัดสิงห์บุรี" → "สิงห์บุรี"; "อำเภอพรหมบุรี" → "พรหมบุรี".</summary>
    public static string WithoutPrefix(string text, string prefix) =>
        text.StartsWith(prefix, StringComparison.Ordinal) && text.Length > prefix.Length ? text[prefix.Length..].Trim() : text.Trim();

    /// <summary>S | M | L from S/M/L or เล็ก/กลาง/ใหญ่; null otherwise.</summary>
    public static string? Size(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "S" or "เล็ก" or "ขนาดเล็ก" => "S",
        "M" or "กลาง" or "ขนาดกลาง" => "M",
        "L" or "ใหญ่" or "ขนาดใหญ่" => "L",
        _ => null,
    };

    /// <summary>Thai digits (๐-๙) as ASCII, so "๖๑๑๐๑๑๒" is a code like any other.</summary>
    public static string AsciiDigits(string text) =>
        string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is >= '\u0E50' and <= '\u0E59' ? (char)('0' + (source[i] - '\u0E50')) : source[i];
            }
        });
}
