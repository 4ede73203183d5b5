using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Notifications;

/// <summary>The kinds of event a subscription can choose and a webhook receives.</summary>
public static class EventTypes
{
    /// <summary>Items that went from pass to fail or review since the LAO's previous scan (same criteria year).</summary>
    public const string ItemsLost = "items-lost";
    /// <summary>The first scan in a new criteria year: items new in that year that fail or need review.</summary>
    public const string NewYearFailing = "new-year-failing";
    /// <summary>The site could not be scanned N nightly scans in a row.</summary>
    public const string SiteUnreachable = "site-unreachable";
    /// <summary>A report round is due in 30, 7 or 1 days and not submitted.</summary>
    public const string RoundDue = "round-due";
    public const string RoundOverdue = "round-overdue";
    public const string RoundReopened = "round-reopened";
    public const string OverrideAccepted = "override-accepted";
    public const string OverrideRejected = "override-rejected";

    public static readonly IReadOnlyList<string> All =
        [ItemsLost, NewYearFailing, SiteUnreachable, RoundDue, RoundOverdue, RoundReopened, OverrideAccepted, OverrideRejected];

    public static string Label(string type, bool english) => (type, english) switch
    {
        (ItemsLost, false) => "รายการที่เคยผ่านแต่ไม่ผ่านหรือต้องทบทวนในการตรวจล่าสุด",
        (ItemsLost, true) => "Items that went from pass to fail or review",
        (NewYearFailing, false) => "รายการใหม่ของเกณฑ์ปีใหม่ที่ยังไม่ผ่าน",
        (NewYearFailing, true) => "New items of a new criteria year that fail",
        (SiteUnreachable, false) => "เว็บไซต์เข้าถึงไม่ได้ติดต่อกันหลายคืน",
        (SiteUnreachable, true) => "Site unreachable several nights in a row",
        (RoundDue, false) => "รายงานผลตามแผนใกล้ครบกำหนด (30, 7 และ 1 วัน)",
        (RoundDue, true) => "Report round due in 30, 7 and 1 days",
        (RoundOverdue, false) => "รายงานผลตามแผนเลยกำหนด",
        (RoundOverdue, true) => "Report round overdue",
        (RoundReopened, false) => "จังหวัดเปิดรายงานให้แก้ไข",
        (RoundReopened, true) => "Report round reopened by the province",
        (OverrideAccepted, false) => "คำขอรับรองรายการได้รับการยอมรับ",
        (OverrideAccepted, true) => "Override accepted",
        (OverrideRejected, false) => "คำขอรับรองรายการถูกปฏิเสธ",
        (OverrideRejected, true) => "Override rejected",
        _ => type,
    };

    /// <summary>How much an event weighs when a province digest puts its worst LAOs first.</summary>
    public static int Weight(NotificationEvent e) => e.Type switch
    {
        SiteUnreachable => 50,
        RoundOverdue => 20,
        ItemsLost or NewYearFailing => 10 * Math.Max(1, e.Data.Items.Count),
        OverrideRejected => 5,
        RoundDue => 3,
        _ => 1,
    };
}

/// <summary>One item named in an event (crawled titles are untrusted text).</summary>
public sealed record EventItem
{
    public string Code { get; init; } = "";
    public string Title { get; init; } = "";
    public string TitleEn { get; init; } = "";
    /// <summary>The status in the previous scan; null for an item new in its criteria year.</summary>
    public string? From { get; init; }
    public string To { get; init; } = "";
}

/// <summary>What an event is about; which fields are set depends on its type.</summary>
public sealed record EventData
{
    public string LaoName { get; init; } = "";
    public long? ScanId { get; init; }
    public int? CriteriaYear { get; init; }
    public IReadOnlyList<EventItem> Items { get; init; } = [];
    public int? Nights { get; init; }
    public string? Reason { get; init; }
    public int? FiscalYear { get; init; }
    public int? Round { get; init; }
    public string? Due { get; init; }
    public int? DaysLeft { get; init; }
    public string? ItemCode { get; init; }
    public string? Note { get; init; }
    public string? By { get; init; }
}

public sealed record NotificationEvent
{
    public long Id { get; init; }
    public string EventKey { get; init; } = "";
    public string Type { get; init; } = "";
    public string? DlaCode { get; init; }
    public string? Province { get; init; }
    public DateTime OccurredAt { get; init => field = value.AsUtc(); }
    public string DataJson { get; init; } = "{}";

    public EventData Data => field ??= Json.Deserialize<EventData>(DataJson);
}
