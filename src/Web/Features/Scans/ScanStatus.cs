using System.Text.Json;
using System.Text.Json.Serialization;
using PlanNacc.Crawler;

namespace PlanNacc.Web.Features.Scans;

/// <summary>
/// How the scan of one LAO in a run ended (<c>site_scans.status</c>): the crawler's <see cref="SiteStatus"/>, or one of the
/// two ends only a run knows (its job failed; a rescore found no kept crawl). Stored and printed by <see cref="ScanStatuses.Name"/>.
/// </summary>
public enum ScanStatus
{
    Ok,
    Unreachable,
    CertificateInvalid,
    RobotsDisallowed,
    Refused,
    Timeout,
    Cancelled,
    SocialPageOnly,
    OnePage,
    /// <summary>The scan job itself failed (not the site): the reason says why.</summary>
    Error,
    /// <summary>A rescore found no kept crawl of the LAO to re-judge.</summary>
    NoSnapshot,
}

/// <summary>The stored (and printed) names of a scan's status, and how the dashboard says them in Thai.</summary>
public static class ScanStatuses
{
    private static readonly Dictionary<string, ScanStatus> ByName =
        Enum.GetValues<ScanStatus>().ToDictionary(Name, s => s, StringComparer.Ordinal);

    /// <summary>The status a crawl ended with, as a run stores it.</summary>
    public static ScanStatus Of(SiteStatus status) => status switch
    {
        SiteStatus.Ok => ScanStatus.Ok,
        SiteStatus.Unreachable => ScanStatus.Unreachable,
        SiteStatus.CertificateInvalid => ScanStatus.CertificateInvalid,
        SiteStatus.RobotsDisallowed => ScanStatus.RobotsDisallowed,
        SiteStatus.Refused => ScanStatus.Refused,
        SiteStatus.Timeout => ScanStatus.Timeout,
        SiteStatus.Cancelled => ScanStatus.Cancelled,
        SiteStatus.SocialPageOnly => ScanStatus.SocialPageOnly,
        SiteStatus.OnePage => ScanStatus.OnePage,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "a site status without a scan status"),
    };

    /// <summary>
    /// The name <c>site_scans.status</c>, the API and the exports use: "ok", "unreachable", "certificate-invalid", …,
    /// "error", "no-snapshot" (the `scan --json` naming of the site status, one naming for both).
    /// </summary>
    public static string Name(ScanStatus status) => JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());

    /// <summary>A stored name read back; an unknown one is a store written by a newer version: it fails loudly.</summary>
    public static ScanStatus Parse(string stored) =>
        ByName.TryGetValue(stored, out var status) ? status
        : throw new FormatException($"unknown scan status '{stored}' in site_scans.status");

    /// <summary><see cref="Parse"/> of a nullable column (an LAO never scanned has no status).</summary>
    public static ScanStatus? ParseOrNull(string? stored) => stored is null ? null : Parse(stored);

    public static string Thai(ScanStatus status) => status switch
    {
        ScanStatus.Ok => "เข้าถึงเว็บไซต์ได้",
        ScanStatus.Unreachable => "เข้าถึงเว็บไซต์ไม่ได้",
        ScanStatus.CertificateInvalid => "ใบรับรองความปลอดภัย (HTTPS) ไม่ถูกต้อง",
        ScanStatus.RobotsDisallowed => "robots.txt ไม่อนุญาตให้ตรวจ",
        ScanStatus.Refused => "ปฏิเสธการตรวจ (ที่อยู่เครือข่ายภายใน)",
        ScanStatus.Timeout => "หมดเวลาก่อนอ่านหน้าหลักได้",
        ScanStatus.Cancelled => "ยกเลิก",
        ScanStatus.OnePage => "อ่านได้เพียงหน้าเดียว ไม่พบทางไปหน้าอื่น",
        ScanStatus.SocialPageOnly => "มีเพียงหน้าโซเชียลมีเดีย ไม่ใช่เว็บไซต์ของหน่วยงาน",
        ScanStatus.Error => "การตรวจล้มเหลว",
        ScanStatus.NoSnapshot => "ไม่มีข้อมูลเว็บไซต์ที่เก็บไว้ให้ตรวจซ้ำ",
        _ => Name(status),
    };

    /// <summary>How a page says the status: its stored name in English, Thai otherwise.</summary>
    public static string Say(ScanStatus status, bool en) => en ? Name(status) : Thai(status);
}

/// <summary>
/// A scan status in JSON by its stored name ("ok", "certificate-invalid", "no-snapshot"): put on each property, since the
/// options' lower-case enum converter would otherwise write "certificateinvalid".
/// </summary>
public sealed class ScanStatusJsonConverter : JsonConverter<ScanStatus>
{
    public override ScanStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("a scan status is a string");
        try
        {
            return ScanStatuses.Parse(text);
        }
        catch (FormatException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, ScanStatus value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ScanStatuses.Name(value));
}
