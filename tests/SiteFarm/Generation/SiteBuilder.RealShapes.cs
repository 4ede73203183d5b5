namespace PlanNacc.SiteFarm.Generation;

/// <summary>
/// The shapes real LAO sites show and a judge must read by content (issue 12): placeholder pages in several forms,
/// pages that contradict their link, documents behind generic anchors, year spans in the chrome, general pages beside
/// dedicated ones. Phrasings come from the real pages in ../shared (real-lao-sites, real-lao-pages), not from the
/// classifier. Draws come from their own stream (<see cref="_real"/>) so every other page keeps its bytes' draws.
/// </summary>
internal sealed partial class SiteBuilder
{
    /// <summary>Placeholder sentences as LAO pages write them; the judge must not need this list (it decides by structure).</summary>
    private static readonly string[] PlaceholderPhrases =
    [
        "---อยู่ระหว่างจัดทำข้อมูล---", "ไม่พบข้อมูล", "ยังไม่มีข้อมูล", "อยู่ระหว่างปรับปรุง", "Coming soon",
        "ขออภัย ขณะนี้กำลังปรับปรุงข้อมูล", "รอการอัพเดทข้อมูล", "เร็วๆ นี้", "ข้อมูลจะนำเสนอในภายหลัง", "- ไม่มี -",
    ];

    /// <summary>Generic anchor texts per card layout, as real LAO document lists write them.</summary>
    private static readonly Dictionary<CardLayout, string[]> AnchorTexts = new()
    {
        [CardLayout.Card] = ["ดาวน์โหลด", "Download", "ดูไฟล์", "อ่านต่อ", "รายละเอียด"],
        [CardLayout.ListItem] = ["คลิกที่นี่", "ดาวน์โหลด", "(ดาวน์โหลดเอกสาร)", "คลิก"],
        [CardLayout.TableRow] = ["", "ดาวน์โหลด", "Download"],
        [CardLayout.Caption] = [""],
        [CardLayout.Heading] = ["คลิกที่นี้เพื่อดาวน์โหลดไฟล์ PDF", "หากเปิดไฟล์ไม่ได้ให้ Download File", "คลิกที่นี่"],
        [CardLayout.TitleAttr] = [""],
        [CardLayout.Attachment] = [],
    };

    private static readonly CardLayout[] CardLayouts =
    [
        CardLayout.Card, CardLayout.ListItem, CardLayout.TableRow, CardLayout.Caption, CardLayout.Heading,
        CardLayout.TitleAttr, CardLayout.Attachment,
    ];

    /// <summary>Texts of other items that real sites show under an item's link (poknoi's อำนาจหน้าที่ page holds the
    /// budget regulation; others repeat the vision page or a news list).</summary>
    private static readonly string[][] OtherItemTexts =
    [
        [
            "ระเบียบกระทรวงมหาดไทย ว่าด้วยวิธีงบประมาณขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2541",
            "ข้อ 1 ระเบียบนี้เรียกว่า ระเบียบกระทรวงมหาดไทย ว่าด้วยวิธีงบประมาณขององค์กรปกครองส่วนท้องถิ่น",
            "ข้อ 2 ระเบียบนี้ให้ใช้บังคับตั้งแต่วันถัดจากวันประกาศในราชกิจจานุเบกษาเป็นต้นไป",
            "ข้อ 7 ให้เจ้าหน้าที่งบประมาณจัดทำงบประมาณโดยแสดงรายรับและรายจ่ายจำแนกตามแผนงาน",
        ],
        [
            "วิสัยทัศน์การพัฒนา",
            "ตำบลน่าอยู่ เศรษฐกิจพอเพียง ประชาชนมีคุณภาพชีวิตที่ดี บริหารจัดการตามหลักธรรมาภิบาล",
            "พันธกิจ 1. พัฒนาโครงสร้างพื้นฐานให้ได้มาตรฐาน 2. ส่งเสริมอาชีพและรายได้ของประชาชน",
            "3. ส่งเสริมการศึกษา ศาสนา วัฒนธรรม และภูมิปัญญาท้องถิ่น",
        ],
        [
            "ประชาสัมพันธ์การชำระภาษีที่ดินและสิ่งปลูกสร้าง ภายในเดือนเมษายน",
            "โครงการป้องกันและควบคุมโรคไข้เลือดออก ร่วมกับโรงพยาบาลส่งเสริมสุขภาพตำบล",
            "กิจกรรมจิตอาสาพัฒนาพื้นที่สาธารณะ ณ บริเวณวัดประจำหมู่บ้าน",
            "ประกาศรับลงทะเบียนเบี้ยยังชีพผู้สูงอายุ ผู้ที่จะมีอายุครบ 60 ปีบริบูรณ์",
        ],
    ];

    private readonly Rng _real;
    private readonly bool _chromeYear;

    /// <summary>A placeholder page in one of the forms real sites use; the phrase, when any, goes in its lines.</summary>
    private void MarkPlaceholder(Page page)
    {
        page.Trap = _real.Pick(Traps.Placeholders);
        if (page.Trap == Traps.PlaceholderPhrase)
        {
            page.Lines.Add(_real.Pick(PlaceholderPhrases));
        }
    }

    /// <summary>Whether a standing content page shows another item's text instead of its own.</summary>
    private bool Contradicts(KindSpec kind) =>
        kind.Id is "authority" or "org-structure" or "privacy-policy" or "qa" && _real.Chance(0.15);

    /// <summary>A detail page named for one item whose only attachment is another kind's document.</summary>
    private KindSpec? ContradictingKind(KindSpec kind)
    {
        if (!_real.Chance(0.12))
        {
            return null;
        }
        var others = Kinds.All.Where(k => k.Form == Form.Doc && k.Id != kind.Id && k.Titles.Length > 0
            && k.Group != kind.Group && k.Id is not "procurement-progress").ToList();
        return _real.Pick(others);
    }

    /// <summary>A listing whose documents sit behind generic anchors, the title in the card around them.</summary>
    private CardLayout PickLayout() => !_m.JsMenu && _real.Chance(0.3) ? _real.Pick(CardLayouts) : CardLayout.Table;

    private static string AnchorTrap(CardLayout layout) => layout switch
    {
        CardLayout.Card => Traps.AnchorCard,
        CardLayout.ListItem => Traps.AnchorListItem,
        CardLayout.TableRow => Traps.AnchorTableRow,
        CardLayout.Caption => Traps.AnchorCaption,
        CardLayout.Heading => Traps.AnchorHeading,
        CardLayout.TitleAttr => Traps.AnchorTitleAttr,
        _ => Traps.AnchorAttachment,
    };

    /// <summary>The anchor text for a document of a card layout: a generic word, nothing (an icon), or its file name.</summary>
    private string AnchorText(CardLayout layout, Page doc)
    {
        var texts = AnchorTexts[layout];
        return texts.Length > 0 ? _real.Pick(texts) : Uri.UnescapeDataString(doc.Href[(doc.Href.LastIndexOf('/') + 1)..]);
    }

    /// <summary>
    /// A general page (ข้อมูลพื้นฐาน, สภาพทั่วไป) that names the authority and the divisions in passing, beside the
    /// dedicated pages: the dedicated page is the evidence; the general one is not, even when the dedicated one is empty.
    /// </summary>
    private void AddGeneralPage()
    {
        if (!(_shape == "national-cms" || _real.Chance(0.4)))
        {
            return;
        }
        var label = _real.Pick(new[] { "ข้อมูลพื้นฐาน", "ข้อมูลทั่วไป", "สภาพทั่วไปและข้อมูลพื้นฐาน", "ประวัติความเป็นมา" });
        var page = NewPage(_urls.Menu("general_basic", label), label, PageType.Content);
        page.Kind = "none";
        page.Trap = Traps.StandingGeneral;
        page.Lines.AddRange([
            $"ที่ตั้ง ตำบล{_m.Id.Name} อยู่ห่างจากที่ว่าการอำเภอ{_m.Id.District} ประมาณ {_real.Next(3, 25)} กิโลเมตร",
            $"เนื้อที่ทั้งหมดโดยประมาณ {_real.Next(20, 240)} ตารางกิโลเมตร จำนวนหมู่บ้าน {_real.Next(6, 18)} หมู่",
            $"ประชากรทั้งสิ้น {_real.Next(2000, 9000)} คน จำนวนครัวเรือน {_real.Next(600, 3000)} ครัวเรือน",
            $"{_m.FullName} มีอำนาจหน้าที่ตามกฎหมายจัดตั้ง และแบ่งส่วนราชการเป็น สำนักปลัด กองคลัง กองช่าง",
        ]);
        AddMenu(0, label, page.Href);
        foreach (var dedicated in _m.Pages.Values.Where(p => p.Kind is "authority" or "org-structure"
                     && !p.Placeholder && !p.Mismatch && p.Trap is null))
        {
            dedicated.Trap = Traps.StandingDedicated;
        }
    }

    /// <summary>
    /// Year spans in the chrome: the development plan's menu entry carries its span and the footer last year's ITA
    /// badge, on every page. They belong to that entry and that badge, never to the page they appear on.
    /// </summary>
    private string ChromeLabel(KindSpec kind, string label) =>
        _chromeYear && kind.Id == "development-plan" ? $"{label} (พ.ศ. {_fy - 2}-{_fy + 2})" : label;

    private void MarkChromeYears()
    {
        if (!_chromeYear)
        {
            return;
        }
        // Plain digits, not Fill: Fill draws from the site's main stream on thai-digits sites.
        _m.FooterNote = $"ผลการประเมินคุณธรรมและความโปร่งใส (ITA) ประจำปีงบประมาณ พ.ศ. {_fy - 1} ผ่านเกณฑ์";
        foreach (var page in _m.Pages.Values.Where(p => p.Kind is not null && !p.External
                     && p.Type is not (PageType.Document or PageType.Image)))
        {
            page.Trap ??= Traps.ChromeYear;
        }
    }
}
