using PlanNacc.Crawler;
using PlanNacc.Scoring.Verdicts;

namespace PlanNacc.Web.Features.Scans;

/// <summary>The stored (and printed) names of a site's status, and how the dashboard says them in Thai.</summary>
public static class SiteStatusNames
{
    /// <summary>The scan job itself failed (not the site): the reason says why.</summary>
    public const string Error = "error";

    /// <summary>The name the `scan --json` shape gives the status (one naming for the verdict and the status column).</summary>
    public static string Of(SiteStatus status) => SiteStatusJsonConverter.Name(status);

    public static string Thai(string status) => status switch
    {
        "ok" => "เข้าถึงเว็บไซต์ได้",
        "unreachable" => "เข้าถึงเว็บไซต์ไม่ได้",
        "certificate-invalid" => "ใบรับรองความปลอดภัย (HTTPS) ไม่ถูกต้อง",
        "robots-disallowed" => "robots.txt ไม่อนุญาตให้ตรวจ",
        "refused" => "ปฏิเสธการตรวจ (ที่อยู่เครือข่ายภายใน)",
        "timeout" => "หมดเวลาก่อนอ่านหน้าหลักได้",
        "cancelled" => "ยกเลิก",
        "one-page" => "อ่านได้เพียงหน้าเดียว ไม่พบทางไปหน้าอื่น",
        "social-page-only" => "มีเพียงหน้าโซเชียลมีเดีย ไม่ใช่เว็บไซต์ของหน่วยงาน",
        Error => "การตรวจล้มเหลว",
        "no-snapshot" => "ไม่มีข้อมูลเว็บไซต์ที่เก็บไว้ให้ตรวจซ้ำ",
        _ => status,
    };
}
