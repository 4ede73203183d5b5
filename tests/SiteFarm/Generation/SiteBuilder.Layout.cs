namespace PlanNacc.SiteFarm.Generation;

internal sealed partial class SiteBuilder
{
    private readonly List<MenuNode> _extraTop = [];

    private static readonly string[] SubgroupLabels =
        ["ข้อมูลทั่วไป", "ทำเนียบบุคลากร", "แผนพัฒนา", "งบประมาณ", "พัสดุ", "การดำเนินงาน", "ศูนย์บริการแบบเบ็ดเสร็จ", "มาตรการภายใน"];

    /// <summary>Items nested by year: OIT → ปีงบประมาณ Y → item code → documents, all under /ita/.</summary>
    private void AddYearFolders(List<(KindSpec Kind, Status Status)> kinds)
    {
        var top = new MenuNode(_rng.Chance(0.5) ? "ข้อมูลสาธารณะ (OIT)" : "ITA", null, []);
        foreach (var year in new[] { _fy, _fy - 1 })
        {
            var folderHref = $"/ita/{year}/";
            var folder = NewPage(folderHref, Fill("การประเมินคุณธรรมและความโปร่งใส (ITA) ประจำปีงบประมาณ พ.ศ. {Y}", year),
                PageType.YearFolder);
            folder.Kind = "ita-hub";
            folder.FiscalYear = year;
            top.Children.Add(MenuNode.Leaf(Fill(_rng.Chance(0.5) ? "ITA {Y}" : "ปีงบประมาณ {Y}", year), folderHref));
            foreach (var (code, title, kindIds) in Kinds.ItemsFor(year))
            {
                var itemHref = folderHref + code + "/";
                var links = new List<Link>();
                Page? placeholder = null;
                foreach (var (kind, status) in kinds.Where(k => kindIds.Contains(k.Kind.Id)))
                {
                    var st = year == _fy ? status : status is Status.Placeholder or Status.WrongYear ? Status.Ok : status;
                    if (st == Status.Placeholder)
                    {
                        placeholder = new Page
                        {
                            Href = itemHref, Title = $"{code} {title}", Type = PageType.Placeholder, Kind = kind.Id,
                            Placeholder = true,
                        };
                        MarkPlaceholder(placeholder);
                        continue;
                    }
                    var first = true;
                    foreach (var (y, span, tpl) in DocsFor(kind, st, year, single: true))
                    {
                        var flavor = first && st == Status.Review ? PdfFlavor.Scanned : PdfFlavor.Text;
                        first = false;
                        var docTitle = Fill(tpl, y, span);
                        var doc = AddDoc(AsciiSlug(kind.Id, y), docTitle, code + "_" + docTitle, y, span, kind.Id, flavor, FormatFor(kind),
                            itemHref);
                        links.Add(new Link(LinkTextFor(doc, docTitle), doc.Href));
                    }
                }
                foreach (var page in _m.Pages.Values.Where(p => p.Kind is not null && kindIds.Contains(p.Kind)
                    && p.Type != PageType.Document
                             && !p.External && !p.Href.StartsWith("/ita/", StringComparison.Ordinal)).Take(1))
                {
                    links.Add(new Link(page.Title, page.Href));
                }
                if (placeholder is not null && links.Count == 0)
                {
                    _m.Add(placeholder);
                    folder.Links.Add(new Link($"{code} {title}", itemHref));
                    continue;
                }
                if (links.Count == 0)
                {
                    continue;
                }
                var item = NewPage(itemHref, $"{code} {title}", PageType.ItemPage);
                item.Links.AddRange(links);
                folder.Links.Add(new Link($"{code} {title}", itemHref));
            }
        }
        _extraTop.Add(top);
    }

    private void AddDecoys()
    {
        var council = NewPage(_urls.Persons("council", "สมาชิกสภา"), "สมาชิกสภา" + _m.Id.Type.Abbr, PageType.Persons);
        council.Kind = "none";
        for (var i = 1; i <= (_small ? 3 : 8); i++)
        {
            council.Lines.Add($"{Geography.PersonName(_rng)}|สมาชิกสภา หมู่ที่ {i}|08{_rng.Next(10000000, 99999999)}");
        }
        AddMenu(1, council.Title, council.Href);

        var heads = NewPage(_urls.Persons("kumnan", "กำนัน ผู้ใหญ่บ้าน"), _rng.Chance(0.5) ? "กำนัน ผู้ใหญ่บ้าน" : "ผู้นำชุมชน",
            PageType.Persons);
        heads.Kind = "none";
        heads.Lines.Add($"{Geography.PersonName(_rng)}|กำนันตำบล{_m.Id.Name}|");
        for (var i = 2; i <= (_small ? 3 : 7); i++)
        {
            heads.Lines.Add($"{Geography.PersonName(_rng)}|ผู้ใหญ่บ้าน หมู่ที่ {Digits(i, YearStyle.ThaiDigits)}|");
        }
        AddMenu(0, heads.Title, heads.Href);

        if (_small)
        {
            return;
        }
        var lpa = NewPage(_urls.Menu("lpa", "LPA"), Fill("การประเมินประสิทธิภาพขององค์กรปกครองส่วนท้องถิ่น (LPA) ประจำปี {Y}", _fy - 1),
            PageType.Content);
        lpa.Kind = "none";
        lpa.FiscalYear = _fy - 1;
        lpa.Lines.AddRange(["ด้านที่ 2 การบริหารงานบุคคลและกิจการสภา",
            "ด้านที่ 3 การบริหารงานการเงินและการคลัง: แผนพัฒนาท้องถิ่น แผนการจัดหาพัสดุ", "ด้านที่ 5 ธรรมาภิบาล"]);
        AddMenu(5, "LPA", lpa.Href);

        var rules = NewPage(_urls.Category("orders", "คำสั่ง/ประกาศ"), "คำสั่ง/ประกาศ", PageType.Listing);
        var ruleTitle = Fill("ประกาศ{org} เรื่อง หลักเกณฑ์การเบิกค่าใช้จ่ายในการเดินทางไปราชการ ประจำปีงบประมาณ พ.ศ. {Y}", _fy - 2);
        var rule = AddDoc("order", ruleTitle, ruleTitle, _fy - 2, null, "none", PdfFlavor.Text, DocFormat.Pdf, null);
        rules.Links.Add(new Link(ruleTitle, rule.Href));
        AddMenu(3, rules.Title, rules.Href);

        if (_m.Scheme == Scheme.Static)
        {
            var lorem = NewPage(_urls.Menu("about_us", "About Us"), "About Us", PageType.Lorem);
            lorem.Kind = "none";
            AddMenu(0, "About Us", lorem.Href);
        }
    }

    private static readonly (int Group, string Label, string Slug)[] FillerPool =
    [
        (0, "ประวัติและข้อมูลสภาพทั่วไป", "history"), (0, "วิสัยทัศน์และพันธกิจ", "vision"), (0, "สถานที่สำคัญ", "places"),
        (0, "ผลิตภัณฑ์ชุมชน/ภูมิปัญญาท้องถิ่น", "otop"), (1, "สำนักปลัด", "staff_office"), (1, "กองคลัง", "staff_finance"),
        (1, "กองช่าง", "staff_works"), (6, "แหล่งท่องเที่ยว", "travel"), (6, "อปพร.", "civil_defense"), (6, "กู้ชีพ", "rescue"),
        (6, "ศูนย์ข้อมูลข่าวสารทางราชการ", "info_center"), (5, "งานกิจการสภา", "council_affairs"), (0, "ข้อมูลสภาพเศรษฐกิจ", "economy"),
        (0, "ข้อมูลสภาพสังคม", "social"),
    ];

    private void AddFillers()
    {
        foreach (var (group, label, slug) in FillerPool)
        {
            if (_m.Pages.Count >= _target)
            {
                return;
            }
            var type = slug.StartsWith("staff", StringComparison.Ordinal) ? PageType.Persons : PageType.Content;
            var page = NewPage(type == PageType.Persons ? _urls.Persons(slug, label) : _urls.Menu(slug, label), label, type);
            if (type == PageType.Persons)
            {
                for (var i = 0; i < 4; i++)
                {
                    var role = _rng.Pick(new[] { "นักวิชาการ", "เจ้าพนักงาน", "ผู้ช่วย", "พนักงานจ้าง" });
                    page.Lines.Add($"{Geography.PersonName(_rng)}|{role}{label}|");
                }
            }
            AddMenu(group, label, page.Href);
        }
        var forms = NewPage(_urls.Category("forms", "ดาวน์โหลดแบบฟอร์ม"), "ดาวน์โหลดแบบฟอร์ม", PageType.Listing);
        AddMenu(6, forms.Title, forms.Href);
        var formNames = new[] { "แบบคำร้องทั่วไป", "แบบคำขออนุญาตก่อสร้างอาคาร", "แบบยื่นขอรับเบี้ยยังชีพผู้สูงอายุ",
            "แบบคำร้องขอใช้น้ำประปา" };
        for (var i = 0; i < formNames.Length && _m.Pages.Count < _target; i++)
        {
            var doc = AddDoc("form" + i, formNames[i], formNames[i], null, null, null, PdfFlavor.Text, i % 2 == 0 ? DocFormat.Pdf
                : DocFormat.Doc, null);
            forms.Links.Add(new Link(formNames[i], doc.Href));
        }
        var year = _newsList?.FiscalYear ?? _fy;
        for (var guard = 0; _m.Pages.Count < _target && guard < 200; guard++)
        {
            AddNewsItem(NewsTitle(), year, null);
        }
    }

    private void AddHub(int year, string root)
    {
        var title = Fill("การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น (ITA) ประจำปีงบประมาณ พ.ศ. {Y}", year);
        var hub = NewPage(_urls.Menu("ita", "ITA"), title, PageType.Hub);
        hub.Kind = "ita-hub";
        hub.FiscalYear = year;
        var urlAsText = _rng.Chance(0.4);
        var codeStyle = _rng.Next(5);
        foreach (var (code, itemTitle, kindIds) in Kinds.ItemsFor(year))
        {
            var evidence = _m.Pages.Values
                .Where(p => p.Kind is not null && kindIds.Contains(p.Kind) && p != hub && Covers(p, year))
                .Take(3).ToList();
            hub.Lines.Add($"{code}|{itemTitle}|{evidence.Count}|{string.Join(";;", evidence.Select(e => Explain(e.Href, 0)))}");
            foreach (var e in evidence)
            {
                hub.Links.Add(new Link(urlAsText && !e.External ? root.TrimEnd('/') + e.Href : $"{CodeVariant(code, codeStyle)} {e.Title}",
                    e.Href));
            }
        }
        var label = Fill(_rng.Chance(0.5) ? "ITA {Y}" : "ITA ปี พ.ศ.{Y}", year);
        if (_shape == "ita-hub")
        {
            var top = _extraTop.FirstOrDefault(n => n.Label == "ITA");
            if (top is null)
            {
                top = new MenuNode("ITA", null, []);
                _extraTop.Add(top);
            }
            top.Children.Add(MenuNode.Leaf(label, hub.Href));
        }
        else
        {
            AddMenu(7, label, hub.Href);
        }
        if (year == _fy)
        {
            _m.HomeLinks.Add(new Link(label, hub.Href));
        }
    }

    /// <summary>The hub's "คำอธิบาย": how a visitor reaches a page from the home page, menu group labels included.</summary>
    private string Explain(string href, int depth)
    {
        foreach (var group in _groups)
        {
            foreach (var child in group.Children)
            {
                if (child.Href == href)
                {
                    return $"หน้าหลัก > {group.Label} > {child.Label}";
                }
            }
        }
        if (depth < 3)
        {
            foreach (var parent in _m.Pages.Values)
            {
                var link = parent.Links.FirstOrDefault(l => l.Href == href);
                if (link is not null && parent.Href != href)
                {
                    return Explain(parent.Href, depth + 1) + " > " + link.Text;
                }
            }
        }
        return "หน้าหลัก";
    }

    /// <summary>Item codes as LAO hubs write them: o1, O1, OIT1, ข้อ 1, or 01 with a zero for the O.</summary>
    private static string CodeVariant(string code, int style)
    {
        var number = code.TrimStart('o', 'O');
        return style switch
        {
            1 => "O" + number,
            2 => "OIT" + number,
            3 => "ข้อ " + number,
            4 => "0" + number.PadLeft(2, '0'),
            _ => code,
        };
    }

    /// <summary>Whether a page is evidence for an ITA year, by its kind's period rule.</summary>
    private bool Covers(Page p, int year)
    {
        if (!Kinds.ById.TryGetValue(p.Kind!, out var spec))
        {
            return false;
        }
        if (p.Placeholder)
        {
            return year == _fy;
        }
        if (p.Span is { } span)
        {
            return span[0] <= year && year <= span[1];
        }
        return spec.Period switch
        {
            Period.Standing => true,
            Period.Previous => p.FiscalYear == year - 1,
            _ => p.FiscalYear == year,
        };
    }

    private void AssembleMenu()
    {
        _m.Menu.Add(MenuNode.Leaf("หน้าหลัก", "/"));
        for (var g = 0; g < _groups.Count; g++)
        {
            var group = _groups[g];
            if (group.Children.Count == 0)
            {
                continue;
            }
            if (_m.Scheme == Scheme.Cms && group.Children.Count > 5 && _rng.Chance(0.7))
            {
                var take = _rng.Next(2, 4);
                var sub = new MenuNode(SubgroupLabels[g], null, group.Children.Skip(group.Children.Count - take).ToList());
                group.Children.RemoveRange(group.Children.Count - take, take);
                group.Children.Add(sub);
            }
            _m.Menu.Add(group);
        }
        _m.Menu.AddRange(_extraTop);
    }

    private void AddChrome()
    {
        foreach (var news in _newsItems.Take(5))
        {
            _m.HomeLinks.Add(new Link(news.Title, news.Href));
        }
        _m.HomeLinks.Add(new Link("EIT แบบวัดการรับรู้ภายนอก", $"https://itas.nacc.go.th/go/eit/{_m.ItasCode}"));
        if (_groups[4].Children.Count > 0)
        {
            _groups[4].Children.Add(MenuNode.Leaf("ข่าวจัดซื้อจัดจ้างจากระบบ e-GP",
                "http://process3.gprocurement.go.th/EPROCRssFeedWeb/egpannouncerss.xml?deptId=" + _m.Id.DlaCode));
        }
        if (_rng.Chance(0.2))
        {
            // A menu entry whose page was removed: the crawler records a 404 and goes on.
            _groups[6].Children.Add(MenuNode.Leaf("ระบบสารสนเทศ (ปิดปรับปรุง)", _urls.Menu("old_system", "ระบบสารสนเทศ")));
        }
        if (_m.Malformed)
        {
            // Footer links would sit after the truncation point; keep them out of the graph so the truth stays reachable.
            _m.HomeLinks.AddRange(_m.FooterLinks);
            _m.FooterLinks.Clear();
            return;
        }
        var general = NewPage(_urls.Menu("complaint", "ร้องเรียนร้องทุกข์"), "ร้องเรียนร้องทุกข์เรื่องทั่วไป", PageType.Form);
        general.Kind = "none";
        _m.FooterLinks.Insert(0, new Link("รับเรื่องราวร้องทุกข์", general.Href));
        if (_contact is not null)
        {
            _m.FooterLinks.Insert(0, new Link("ติดต่อเรา", _contact.Href));
        }
    }

    private void SetRobots(string root)
    {
        _m.Sitemap = _m.Scheme switch
        {
            Scheme.Cms or Scheme.WordPress => true,
            Scheme.Php => _rng.Chance(0.5),
            _ => _rng.Chance(0.2),
        } && !_m.JsMenu;
        var sitemap = _m.Sitemap ? $"\nSitemap: {root}sitemap.xml\n" : "";
        if (_shape == "hostile-robots-disallow-ita")
        {
            _m.Robots = "User-agent: *\nDisallow: /ita/\n" + sitemap;
            return;
        }
        if (_m.Scheme == Scheme.WordPress)
        {
            _m.Robots = "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n" + sitemap;
            return;
        }
        // The first site of each shape never asks for a Crawl-delay, so small test farms crawl at the test's own rate.
        var delay = _m.Id.Index >= Shapes.Normal.Count ? 1.0 : 0.0;
        _m.Robots = _rng.Weighted<string>([
            ("User-agent: *\nDisallow:\n", 0.6 + 0.2 * (1 - delay)),
            ("User-agent: *\nCrawl-delay: 1\nDisallow: /admin/\n", 0.15 * delay),
            ("User-agent: *\nCrawl-delay: 2\nDisallow:\n", 0.05 * delay),
            ("User-agent: plannacc\nAllow: /\n\nUser-agent: *\nDisallow: /\n", 0.1),
            ("User-agent: *\nDisallow: /admin/\nDisallow: /search\n", 0.05),
            ("User-agent: *\nDisallow: /*.doc$\nDisallow: /*?print=\n", 0.05),
            ("User-agent: *\nDisallow: /files/\nAllow: /files/*.pdf$\n", _m.Scheme == Scheme.Static ? 0.1 : 0),
        ]) + sitemap;
    }
}
