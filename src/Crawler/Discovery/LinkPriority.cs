using System.Globalization;
using System.Text.RegularExpressions;

namespace PlanNacc.Crawler.Discovery;

/// <summary>
/// Scores a link by how likely it leads to a public-disclosure item an assessor would look for: ITA/OIT hubs first, then
/// disclosure labels (plans, reports, procurement, complaints, integrity…), fiscal years, menu position; galleries, news items,
/// web boards and logins last. Generic heuristics only: the ITA rules themselves live in Scoring.
/// </summary>
public static partial class LinkPriority
{
    private static readonly string[] HubWords =
    [
        "ita", "oit", "คุณธรรมและความโปร่งใส", "การประเมินคุณธรรม", "ต่อต้านการทุจริต", "ป้องกันการทุจริต", "ป้องกันและปราบปรามการทุจริต",
        "การเปิดเผยข้อมูลสาธารณะ", "ข้อมูลสาธารณะ", "ศูนย์ข้อมูลข่าวสาร", "ข้อมูลข่าวสารตามมาตรา", "open data", "anticorruption",
            "anti-corruption",
    ];

    private static readonly string[] DisclosureWords =
    [
        "โครงสร้าง", "ผู้บริหาร", "อำนาจหน้าที่", "บทบาทหน้าที่", "แผนพัฒนา", "แผนยุทธศาสตร์", "แผนการดำเนินงาน", "แผนดำเนินงาน",
            "แผนปฏิบัติการ",
        "แผนการจัดซื้อ", "จัดซื้อจัดจ้าง", "จัดหาพัสดุ", "ราคากลาง", "e-gp", "egp", "สขร", "งบประมาณ", "ข้อบัญญัติ", "เทศบัญญัติ",
            "รายงานผล",
        "รายงานการกำกับ", "รอบ 6 เดือน", "รอบ6เดือน", "ผลการดำเนินงาน", "คู่มือ", "มาตรฐานการปฏิบัติงาน", "มาตรฐานการให้บริการ", "สถิติ",
        "ความพึงพอใจ", "e-service", "บริการออนไลน์", "ทรัพยากรบุคคล", "บริหารงานบุคคล", "จริยธรรม", "ร้องเรียน", "ร้องทุกข์", "แจ้งเบาะแส",
        "ทุจริต", "ประพฤติมิชอบ", "เจตจำนง", "เจตนารมณ์", "no gift", "nogift", "ของขวัญ", "รับทรัพย์สิน", "ความเสี่ยง", "สินบน",
            "วัฒนธรรมองค์กร",
        "มาตรการ", "การมีส่วนร่วม", "รับฟังความคิดเห็น", "ถาม-ตอบ", "ถามตอบ", "q&a", "กฎหมาย", "ระเบียบ", "ข้อมูลการติดต่อ", "ติดต่อเรา",
        "ประกาศ", "นโยบาย", "ข้อมูลพื้นฐาน", "เกี่ยวกับหน่วยงาน", "หน่วยงาน", "ความโปร่งใส", "คุ้มครองข้อมูลส่วนบุคคล", "privacy",
        "procurement", "structure", "report", "plan",
    ];

    private static readonly string[] LowValueWords =
    [
        "ภาพกิจกรรม", "ประมวลภาพ", "อัลบั้ม", "gallery", "album", "photo", "video", "วีดีโอ", "วิดีโอ", "webboard", "กระดานสนทนา",
            "เว็บบอร์ด",
        "login", "เข้าสู่ระบบ", "สมัครสมาชิก", "register", "ลืมรหัส", "search", "ค้นหา", "rss", "print", "พิมพ์", "english", "facebook",
            "line", "youtube",
        "sitemap", "แผนผังเว็บไซต์", "ปฏิทิน", "calendar", "สภาพอากาศ", "weather", "เกม", "ดวง",
    ];

    /// <summary>Higher is sooner. Depth is not included (the frontier adds it).</summary>
    public static double Score(string? text, string? menuLabel, string? rowText, Uri url, string? region)
    {
        var label = ((text ?? string.Empty) + " " + (menuLabel ?? string.Empty)).ToLowerInvariant();
        var address = Uri.UnescapeDataString(url.PathAndQuery).ToLowerInvariant();
        var score = 0.0;
        if (HubWords.Any(w => ContainsWord(label, w)) || HubPath().IsMatch(address) || ItemCode().IsMatch(label))
        {
            score += 10;
        }
        var disclosure = DisclosureWords.Count(w => label.Contains(w, StringComparison.Ordinal));
        score += Math.Min(disclosure, 3) * 3;
        if (disclosure == 0 && rowText is not null && DisclosureWords.Any(w => rowText.Contains(w, StringComparison.OrdinalIgnoreCase)))
        {
            score += 2;
        }
        if (FiscalYear(label) is { } year)
        {
            var current = CurrentBuddhistYear();
            score += year >= current - 2 && year <= current + 1 ? 4 : 1;
        }
        if (region is "nav" or "header")
        {
            score += 2;
        }
        if (LowValueWords.Any(w => ContainsWord(label, w)) || LowValuePath().IsMatch(address))
        {
            score -= 6;
        }
        return score;
    }

    /// <summary>A Buddhist-Era year (2540-2599, Thai or Arabic digits) in the text, the latest one if several.</summary>
    public static int? FiscalYear(string text)
    {
        int? best = null;
        foreach (Match match in Year().Matches(text))
        {
            var digits = new string(match.Value.Select(c => c is >= '๐' and <= '๙' ? (char)('0' + (c - '๐')) : c).ToArray());
            var year = int.Parse(digits, CultureInfo.InvariantCulture);
            if (best is null || year > best)
            {
                best = year;
            }
        }
        return best;
    }

    private static int CurrentBuddhistYear()
    {
        var now = DateTime.UtcNow;
        return now.Year + 543 + (now.Month >= 10 ? 1 : 0);
    }

    private static bool ContainsWord(string haystack, string word)
    {
        if (!char.IsAsciiLetter(word[0]))
        {
            return haystack.Contains(word, StringComparison.Ordinal);
        }
        var at = 0;
        while ((at = haystack.IndexOf(word, at, StringComparison.Ordinal)) >= 0)
        {
            var before = at == 0 || !char.IsAsciiLetter(haystack[at - 1]);
            var after = at + word.Length >= haystack.Length || !char.IsAsciiLetter(haystack[at + word.Length]);
            if (before && after)
            {
                return true;
            }
            at++;
        }
        return false;
    }

    [GeneratedRegex(@"(?<![a-z])(ita|oit)(?![a-z])|anticorruption|anti-corruption|ita_year|/ita-|corruption")]
    private static partial Regex HubPath();

    [GeneratedRegex(@"(?<![a-z0-9])(o|oit)\.?\s?\d{1,2}(?!\d)")]
    private static partial Regex ItemCode();

    [GeneratedRegex(@"(?<![0-9๐-๙])(25[4-9][0-9]|๒๕[๔-๙][๐-๙])(?![0-9๐-๙])")]
    private static partial Regex Year();

    [GeneratedRegex(@"gallery|album|webboard|/login|logout|/search|[?&](q|search)=|/tag/|/feed|print=|/photo|/video|lang=en")]
    private static partial Regex LowValuePath();
}
