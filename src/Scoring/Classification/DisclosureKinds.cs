namespace PlanNacc.Scoring.Classification;

/// <summary>A stable disclosure kind (disclosure-kinds.md): the id never changes, whatever the ITA year calls the item.</summary>
public sealed record DisclosureKind(string Id, string LabelTh, string LabelEn, string DefaultPeriod);

/// <summary>The fixed set of disclosure kind ids. Code, tests, JSON and the CLI use exactly these strings.</summary>
public static class DisclosureKinds
{
    public static readonly IReadOnlyList<DisclosureKind> All =
    [
        new("ita-hub", "หน้ารวม ITA / OIT ของหน่วยงาน", "the site's own ITA index page", "standing"),
        new("org-structure", "โครงสร้าง", "organisation chart", "standing"),
        new("executives", "ข้อมูลผู้บริหาร", "executives", "standing"),
        new("authority", "อำนาจหน้าที่", "powers and duties", "standing"),
        new("development-plan", "แผนพัฒนาท้องถิ่น", "strategic / local development plan", "span"),
        new("contact", "ข้อมูลการติดต่อ", "contact information", "standing"),
        new("laws", "กฎหมายที่เกี่ยวข้อง", "relevant laws", "standing"),
        new("news", "ข่าวประชาสัมพันธ์", "news / PR", "current"),
        new("qa", "Q&A / ถาม-ตอบ", "two-way question channel", "standing"),
        new("social-network", "Social Network", "official social media", "standing"),
        new("privacy-policy", "นโยบายคุ้มครองข้อมูลส่วนบุคคล", "personal-data protection policy", "standing"),
        new("operating-plan", "แผนดำเนินงานประจำปี", "annual operating plan", "current"),
        new("operating-progress-h1", "รายงานการกำกับติดตามการดำเนินงาน รอบ 6 เดือน", "6-month operating progress report", "h1"),
        new("operating-annual-report", "รายงานผลการดำเนินงานประจำปี", "annual operating report", "previous"),
        new("staff-manual", "คู่มือหรือมาตรฐานการปฏิบัติงาน", "staff operating manual", "standing"),
        new("service-manual", "คู่มือหรือมาตรฐานการให้บริการ", "public service manual", "standing"),
        new("service-statistics", "ข้อมูลเชิงสถิติการให้บริการ", "service statistics", "current"),
        new("satisfaction-survey", "รายงานผลการสำรวจความพึงพอใจการให้บริการ", "satisfaction survey report", "previous"),
        new("e-service", "E-Service", "online services", "standing"),
        new("budget-plan", "ข้อบัญญัติ/เทศบัญญัติงบประมาณรายจ่ายประจำปี", "annual budget plan", "current"),
        new("budget-progress-h1", "รายงานการกำกับติดตามการใช้จ่ายงบประมาณ รอบ 6 เดือน", "6-month budget report", "h1"),
        new("budget-annual-report", "รายงานผลการใช้จ่ายงบประมาณประจำปี", "annual budget report", "previous"),
        new("procurement-plan", "แผนการจัดซื้อจัดจ้างหรือแผนการจัดหาพัสดุ", "procurement plan", "current"),
        new("procurement-notices", "ประกาศต่าง ๆ เกี่ยวกับการจัดซื้อจัดจ้าง", "procurement notices", "current"),
        new("procurement-progress", "สรุปผลการจัดซื้อจัดจ้างรายเดือน / ความก้าวหน้า", "monthly procurement summary and progress", "current"),
        new("procurement-annual-report", "รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี", "annual procurement report", "previous"),
        new("hr-policy", "นโยบายหรือแผนการบริหารทรัพยากรบุคคล", "HR policy or plan", "current"),
        new("hr-policy-actions", "การดำเนินการตามนโยบายการบริหารทรัพยากรบุคคล", "HR policy implementation", "current"),
        new("hr-criteria", "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล", "HR management criteria", "standing"),
        new("hr-annual-report", "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี", "annual HR report", "previous"),
        new("ethics-code", "ประมวลจริยธรรม", "code of ethics", "standing"),
        new("ethics-promotion", "การขับเคลื่อนจริยธรรม", "ethics promotion activities", "current"),
        new("ethics-assessment", "การประเมินจริยธรรมเจ้าหน้าที่ของรัฐ", "ethics assessment of officials", "current"),
        new("complaint-procedure", "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริต", "corruption-complaint handling procedure", "standing"),
        new("complaint-channel", "ช่องทางแจ้งเรื่องร้องเรียนการทุจริต", "corruption-complaint channel", "standing"),
        new("complaint-statistics", "ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริต", "corruption-complaint statistics", "previous"),
        new("feedback-channel", "ช่องทางการรับฟังความคิดเห็น", "public feedback channel", "standing"),
        new("participation", "การเปิดโอกาสให้เกิดการมีส่วนร่วม", "public participation", "current"),
        new("integrity-pledge", "เจตจำนงสุจริตของผู้บริหาร / ประกาศเจตนารมณ์", "executive integrity pledge", "current"),
        new("executive-participation", "การมีส่วนร่วมของผู้บริหาร", "executive participation", "current"),
        new("no-gift-policy", "ประกาศเจตนารมณ์นโยบาย No Gift Policy", "no-gift declaration", "current"),
        new("no-gift-culture", "การสร้างวัฒนธรรม No Gift Policy", "no-gift culture activities", "current"),
        new("gift-report", "รายงานการรับทรัพย์สินหรือประโยชน์อื่นใด", "gift report", "current"),
        new("risk-assessment", "การประเมินความเสี่ยงการทุจริต", "corruption / bribery risk assessment", "current"),
        new("risk-management", "การดำเนินการเพื่อจัดการความเสี่ยงการทุจริต", "actions on corruption risks", "current"),
        new("culture-building", "การเสริมสร้างวัฒนธรรมองค์กร", "organisational integrity culture", "current"),
        new("anti-corruption-plan", "แผนปฏิบัติการป้องกันการทุจริต", "anti-corruption action plan", "current"),
        new("anti-corruption-progress-h1", "รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริต รอบ 6 เดือน", "6-month anti-corruption progress report", "h1"),
        new("anti-corruption-annual-report", "รายงานผลการดำเนินการป้องกันการทุจริตประจำปี", "annual anti-corruption report", "previous"),
        new("integrity-measures", "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "internal integrity measures", "current"),
        new("integrity-measures-actions", "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส", "actions on the integrity measures", "current"),
        // ITA 2569 O25 (ita-2569.md §3): how the agency used its previous ITA result.
        new("ita-results-use", "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร", "use of the ITA results to improve the organisation", "current"),
    ];

    private static readonly Dictionary<string, DisclosureKind> ById = All.ToDictionary(k => k.Id, StringComparer.Ordinal);

    public static bool IsKnown(string id) => ById.ContainsKey(id);

    public static DisclosureKind Get(string id) =>
        ById.TryGetValue(id, out var k) ? k : throw new ArgumentException($"unknown disclosure kind '{id}'", nameof(id));
}
