using PlanNacc.Crawler;

namespace PlanNacc.Web.Features.Scans;

/// <summary>The stored (and printed) names of a site's status, and how the dashboard says them in Thai.</summary>
public static class SiteStatusNames
{
    /// <summary>The scan job itself failed (not the site): the reason says why.</summary>
    public const string Error = "error";

    public static string Of(SiteStatus status) => status switch
    {
        SiteStatus.Ok => "ok",
        SiteStatus.Unreachable => "unreachable",
        SiteStatus.CertificateInvalid => "certificate-invalid",
        SiteStatus.RobotsDisallowed => "robots-disallowed",
        SiteStatus.Refused => "refused",
        SiteStatus.Timeout => "timeout",
        SiteStatus.Cancelled => "cancelled",
        SiteStatus.OnePage => "one-page",
        SiteStatus.SocialPageOnly => "social-page-only",
        _ => status.ToString().ToLowerInvariant(),
    };

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
        _ => status,
    };
}
