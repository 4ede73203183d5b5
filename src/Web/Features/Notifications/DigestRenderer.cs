using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Options;
using PlanNacc.Web.Features.Plans;
using PlanNacc.Web.Features.Shared;

namespace PlanNacc.Web.Features.Notifications;

public sealed record RenderedMail(string Subject, string Text, string Html, Uri? Unsubscribe);

/// <summary>
/// Writes a digest as plain text and HTML in the subscriber's language: one section per LAO, worst first (a province's
/// digest is one mail for all its LAOs). Crawled and typed text (item titles, reasons, notes) is HTML-encoded.
/// </summary>
public sealed class DigestRenderer(IOptions<NotificationOptions> options)
{
    // Markup characters are escaped; Thai stays readable text instead of numeric entities.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public RenderedMail Render(Subscription s, IReadOnlyList<NotificationEvent> events, DateTime nowUtc, Uri unsubscribe)
    {
        var en = s.English;
        string T(string th, string english) => en ? english : th;
        var groups = events.GroupBy(e => e.DlaCode ?? "")
            .Select(g => (Code: g.Key, Events: g.ToList(), Weight: g.Sum(EventTypes.Weight), Name: g.First().Data.LaoName, Province: g.First().Province))
            .OrderByDescending(g => g.Weight).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
        var scope = s.DlaCode is not null ? groups.FirstOrDefault().Name ?? s.DlaCode
            : s.Province is not null ? T($"จังหวัด{s.Province}", $"{s.Province} province") : T("ทั้งประเทศ", "the whole country");
        var subject = T($"PlanNacc: {events.Count} เรื่องใหม่ของ{scope} ({ThaiDates.Format(nowUtc)})",
            $"PlanNacc: {events.Count} new for {scope} ({nowUtc.AddHours(7):yyyy-MM-dd HH:mm} Bangkok)");
        var text = new StringBuilder();
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{(en ? "en" : "th")}\"><head><meta charset=\"utf-8\"><title>{E(subject)}</title></head>");
        html.Append("<body style=\"font-family:sans-serif;line-height:1.5\">");
        var intro = T($"สรุปความเปลี่ยนแปลงของ{scope} ({groups.Count} อปท.)", $"What changed for {scope} ({groups.Count} LAOs)");
        text.AppendLine(intro).AppendLine();
        html.Append(CultureInfo.InvariantCulture, $"<h1 style=\"font-size:1.2em\">{E(intro)}</h1>");
        if (s.Province is not null && s.DlaCode is null)
        {
            var provinceLink = Link($"province/{Uri.EscapeDataString(s.Province)}", en);
            text.AppendLine(CultureInfo.InvariantCulture, $"{T("ภาพรวมจังหวัด", "Province overview")}: {provinceLink}").AppendLine();
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(provinceLink)}\">{E(T("ภาพรวมจังหวัด", "Province overview"))}</a></p>");
        }
        foreach (var group in groups)
        {
            var laoLink = Link($"lao/{Uri.EscapeDataString(group.Code)}", en);
            var heading = s.DlaCode is null && s.Province is null ? $"{group.Name} ({group.Province})" : group.Name;
            text.AppendLine(CultureInfo.InvariantCulture, $"== {heading} [{group.Code}]");
            text.AppendLine(laoLink.ToString());
            html.Append(CultureInfo.InvariantCulture, $"<h2 style=\"font-size:1.05em;margin-top:1.2em\"><a href=\"{E(laoLink)}\">{E(heading)}</a> <small>{E(group.Code)}</small></h2><ul>");
            foreach (var e in group.Events)
            {
                var (line, details, link) = Describe(e, en);
                text.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(line)}");
                if (details.Count > 0)
                {
                    html.Append("<ul>");
                    foreach (var d in details)
                    {
                        text.AppendLine(CultureInfo.InvariantCulture, $"    * {d}");
                        html.Append(CultureInfo.InvariantCulture, $"<li>{E(d)}</li>");
                    }
                    html.Append("</ul>");
                }
                if (link is not null)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"    {link}");
                    html.Append(CultureInfo.InvariantCulture, $" <a href=\"{E(link)}\">{E(T("ดู", "open"))}</a>");
                }
                html.Append("</li>");
            }
            text.AppendLine();
            html.Append("</ul>");
        }
        var manage = Link("notifications", en);
        var footer = T("ตั้งค่าการแจ้งเตือน", "Notification settings");
        var stop = T("เลิกรับอีเมลนี้ (คลิกเดียว ไม่ต้องเข้าสู่ระบบ)", "Unsubscribe (one click, no sign-in)");
        text.AppendLine("--").AppendLine(CultureInfo.InvariantCulture, $"{footer}: {manage}").AppendLine(CultureInfo.InvariantCulture, $"{stop}: {unsubscribe}");
        html.Append(CultureInfo.InvariantCulture, $"<hr><p style=\"font-size:.9em;color:#555\"><a href=\"{E(manage)}\">{E(footer)}</a> · ");
        html.Append(CultureInfo.InvariantCulture, $"<a href=\"{E(unsubscribe)}\" id=\"unsubscribe\">{E(stop)}</a></p></body></html>");
        return new RenderedMail(subject, text.ToString(), html.ToString(), unsubscribe);
    }

    /// <summary>One line, optional detail lines (items), and a link for an event.</summary>
    public (string Line, IReadOnlyList<string> Details, Uri? Link) Describe(NotificationEvent e, bool en)
    {
        string T(string th, string english) => en ? english : th;
        var d = e.Data;
        var code = Uri.EscapeDataString(e.DlaCode ?? "");
        string Status(string? status) => (status, en) switch
        {
            ("pass", false) => "ผ่าน", ("fail", false) => "ไม่ผ่าน", ("review", false) => "ต้องทบทวน",
            (null, _) => "", _ => status ?? "",
        };
        string Round() => d.Round is { } r && d.FiscalYear is { } y
            ? T($"รายงานผลตามแผน ปีงบประมาณ {y} {ReportCalendar.RoundLabel(r)}", $"plan report for fiscal year {y}, round {r} ({(r == 1 ? "6" : "12")} months)")
            : "";
        string Due() => d.Due is { } due && DateOnly.TryParse(due, CultureInfo.InvariantCulture, out var day)
            ? (en ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : ReportCalendar.FormatBe(day)) : "";
        IReadOnlyList<string> Items() => d.Items.Select(i =>
            $"{i.Code} {(en && i.TitleEn.Length > 0 ? i.TitleEn : i.Title)}: {(i.From is null ? "" : Status(i.From) + " → ")}{Status(i.To)}").ToList();
        var lao = Link($"lao/{code}", en);
        var reports = Link($"lao/{code}/reports", en);
        return e.Type switch
        {
            EventTypes.ItemsLost => (T($"{d.Items.Count} รายการที่เคยผ่าน ไม่ผ่านหรือต้องทบทวนในการตรวจล่าสุด",
                $"{d.Items.Count} items went from pass to fail or review in the latest scan"), Items(), lao),
            EventTypes.NewYearFailing => (T($"เกณฑ์ปี {d.CriteriaYear}: {d.Items.Count} รายการใหม่ที่ยังไม่ผ่าน",
                $"Criteria {d.CriteriaYear}: {d.Items.Count} new items that fail"), Items(), lao),
            EventTypes.SiteUnreachable => (T($"เข้าถึงเว็บไซต์ไม่ได้ {d.Nights} คืนติดต่อกัน", $"Site unreachable {d.Nights} nights in a row")
                + (string.IsNullOrEmpty(d.Reason) ? "" : $": {d.Reason}"), [], lao),
            EventTypes.RoundDue => (T($"{Round()} ครบกำหนด {Due()} (อีก {d.DaysLeft} วัน) ยังไม่ส่ง",
                $"The {Round()} is due {Due()} (in {d.DaysLeft} days) and not submitted"), [], reports),
            EventTypes.RoundOverdue => (T($"{Round()} เลยกำหนด {Due()} แล้ว ยังไม่ส่ง", $"The {Round()} was due {Due()} and is not submitted"), [], reports),
            EventTypes.RoundReopened => (T($"จังหวัดเปิด{Round()} ให้แก้ไข", $"The province reopened the {Round()}")
                + (string.IsNullOrEmpty(d.Note) ? "" : $": {d.Note}") + (d.By is null ? "" : T($" (โดย {d.By})", $" (by {d.By})")), [], reports),
            EventTypes.OverrideAccepted or EventTypes.OverrideRejected =>
                (T($"คำขอรับรองรายการ {d.ItemCode} (เกณฑ์ปี {d.CriteriaYear}) {(e.Type == EventTypes.OverrideAccepted ? "ได้รับการยอมรับ" : "ถูกปฏิเสธ")}",
                    $"Override of item {d.ItemCode} (criteria {d.CriteriaYear}) {(e.Type == EventTypes.OverrideAccepted ? "accepted" : "rejected")}")
                + (string.IsNullOrEmpty(d.Note) ? "" : $": {d.Note}"), [], lao),
            _ => (e.Type, [], null),
        };
    }

    private Uri Link(string path, bool en) => options.Value.Link(en ? path + "?lang=en" : path);

    private static string E(object value) => Encoder.Encode(value.ToString() ?? "");
}
