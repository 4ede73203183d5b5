namespace PlanNacc.SiteFarm.Generation;

internal sealed partial class SiteBuilder
{
    private void AddContentKind(KindSpec kind, Status status)
    {
        var label = Fill(_rng.Pick(kind.Labels));
        var slug = kind.Id;
        var href = kind.Style == PageStyle.Persons ? _urls.Persons(slug, label) : _urls.Menu(slug, label);
        Page page;
        if (status == Status.Placeholder)
        {
            page = NewPage(href, label, PageType.Placeholder);
            page.Placeholder = true;
            MarkPlaceholder(page);
        }
        else if (status == Status.Ok && Contradicts(kind))
        {
            page = NewPage(href, label, PageType.Content);
            page.Mismatch = true;
            page.Trap = Traps.ContradictsCopy;
            page.Lines.AddRange(_real.Pick(OtherItemTexts));
        }
        else if (kind.Id == "org-structure" && status == Status.Review)
        {
            page = NewPage(href, label, PageType.ImageChart);
            page.ImageHref = _urls.File("structure", "โครงสร้าง", "png", false, _fy - 543);
            _m.Add(new Page { Href = page.ImageHref, Title = label, Type = PageType.Image, Format = DocFormat.Png });
            page.NeedsReview = true;
        }
        else
        {
            page = NewPage(href, label, kind.Style switch
            {
                PageStyle.Persons => PageType.Persons,
                PageStyle.Contact => PageType.Contact,
                PageStyle.News => PageType.NewsList,
                PageStyle.Board or PageStyle.Form => PageType.Form,
                PageStyle.Authority => PageType.Authority,
                PageStyle.Laws => PageType.Listing,
                _ => PageType.Content,
            });
            if (kind.Id == "news")
            {
                page.FiscalYear = status == Status.WrongYear ? _fy - 1 : _fy;
            }
            FillContent(kind, page);
        }
        page.Kind = kind.Id;
        if (kind.Id == "contact")
        {
            _contact = page;
        }
        AddMenu(kind.Group, label, href);
    }

    private void FillContent(KindSpec kind, Page page)
    {
        switch (kind.Id)
        {
            case "org-structure":
                page.Lines.AddRange([
                    "ฝ่ายการเมือง: สภา" + _m.ShortName + " / นายก" + _m.ShortName,
                    "ฝ่ายข้าราชการประจำ: ปลัด" + _m.ShortName + " / รองปลัด",
                    "สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม", "หน่วยตรวจสอบภายใน",
                ]);
                page.ImageHref = _rng.Chance(0.5) ? _urls.File("org-chart", "แผนผังโครงสร้าง", "png", false, _fy - 543) : null;
                if (page.ImageHref is not null)
                {
                    _m.Add(new Page { Href = page.ImageHref, Title = page.Title, Type = PageType.Image, Format = DocFormat.Png });
                }
                break;
            case "executives":
                foreach (var role in new[] { "นายก", "รองนายก", "รองนายก", "เลขานุการนายก", "ปลัด", "รองปลัด" })
                {
                    page.Lines.Add($"{Geography.PersonName(_rng)}|{role}{_m.ShortName}|08{_rng.Next(10000000, 99999999)}");
                }
                break;
            case "news":
                _newsList = page;
                var count = _small ? 2 : _rng.Next(4, 9);
                var year = page.FiscalYear ?? _fy;
                for (var i = 0; i < count; i++)
                {
                    AddNewsItem(NewsTitle(), year, null);
                }
                // the list's own year: a wrong-year list whose headlines announce the assessed year's events is news of that
                // year after all (the judge rightly passed it, against the truth)
                AddNewsItem(Fill("ประชุมชี้แจงแนวทางการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน (ITA) ประจำปีงบประมาณ พ.ศ. {Y}", year),
                    year, "none");
                if (!_small)
                {
                    AddNewsItem(Fill("พิธีประกาศเจตนารมณ์การป้องกันและต่อต้านการทุจริต ประจำปี {Y}", year), year, "none");
                }
                break;
            case "laws":
                foreach (var law in new[]
                {
                    "พระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. 2537",
                    "ระเบียบกระทรวงมหาดไทยว่าด้วยการจัดทำแผนพัฒนาขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2548",
                    "พระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560",
                })
                {
                    var doc = AddDoc("law", law, law, null, null, "none", PdfFlavor.Text, DocFormat.Pdf, null);
                    page.Links.Add(new Link(law, doc.Href));
                    if (_small)
                    {
                        break;
                    }
                }
                break;
            default:
                page.Lines.Add(Fill(kind.Labels[0]) + " " + _m.FullName);
                break;
        }
    }

    private string NewsTitle() => _rng.Pick(new[]
    {
        "โครงการฝึกอบรมอาสาสมัครป้องกันภัยฝ่ายพลเรือน", "กิจกรรมวันท้องถิ่นไทย", "ประชาสัมพันธ์การชำระภาษีที่ดินและสิ่งปลูกสร้าง",
        "โครงการป้องกันและควบคุมโรคไข้เลือดออก", "กิจกรรมจิตอาสาพัฒนาพื้นที่สาธารณะ", "ประชาสัมพันธ์รับสมัครนักเรียนศูนย์พัฒนาเด็กเล็ก",
        "โครงการส่งเสริมสุขภาพผู้สูงอายุ", "ประกาศรับลงทะเบียนเบี้ยยังชีพผู้สูงอายุ", "การประชุมสภาสมัยสามัญ สมัยที่ 2",
    }) + " " + _m.ShortName;

    private void AddNewsItem(string title, int fiscalYear, string? kind)
    {
        var page = NewPage(_urls.Detail("news"), title, PageType.NewsItem);
        var month = _rng.Next(0, 6);
        page.Lines.Add($"{_rng.Next(1, 29)} {FiscalMonths[month]} {Digits(month < 3 ? fiscalYear - 1 : fiscalYear, _m.YearStyle)}");
        page.Kind = kind;
        if (kind is not null)
        {
            page.FiscalYear = fiscalYear;
        }
        _newsList?.Links.Add(new Link(title, page.Href));
        _newsItems.Add(page);
    }

    private void AddSocial(KindSpec kind)
    {
        var label = Fill(_rng.Pick(kind.Labels));
        var href = $"https://www.facebook.com/{_m.Id.Host.Split('.')[0]}.official";
        _m.FooterLinks.Add(new Link(label, href));
        _m.Add(new Page { Href = href, Title = label, Type = PageType.Content, Kind = kind.Id });
    }

    /// <summary>The documents a kind shows for one assessment: (fiscal year, span, title template) per document.</summary>
    private List<(int? Year, int[]? Span, string Title)> DocsFor(KindSpec kind, Status status, int assessed, bool single = false)
    {
        var shift = status == Status.WrongYear ? 1 : 0;
        var extra = _small || single ? 0 : _rng.Next(0, 3);
        var list = new List<(int?, int[]?, string)>();
        var tpl = _rng.Pick(kind.Titles);
        switch (kind.Id)
        {
            case "procurement-progress":
                var months = _small || single ? 1 : _rng.Next(3, 7);
                for (var i = 0; i < months; i++)
                {
                    var fy = assessed - shift;
                    var month = $"{FiscalMonths[i]} "
                        + $"{Digits(i < 3 ? fy - 1 : fy, PickStyle() == YearStyle.ThaiDigits ? YearStyle.ThaiDigits : YearStyle.Arabic)}";
                    list.Add((fy, null, tpl.Replace("{month}", month)));
                }
                return list;
            case "procurement-notices":
                for (var i = 0; i < (_small || single ? 1 : _rng.Next(2, 5)); i++)
                {
                    list.Add((assessed - shift, null, _rng.Pick(kind.Titles) + $" หมู่ที่ {_rng.Next(1, 15)}"));
                }
                return list;
        }
        switch (kind.Period)
        {
            case Period.Standing:
                list.Add((null, null, tpl));
                if (extra > 0 && kind.Titles.Length > 1)
                {
                    list.Add((null, null, kind.Titles.First(t => t != tpl)));
                }
                break;
            case Period.Span:
                var start = assessed - 2 - shift * 5;
                list.Add((null, [start, start + 4], tpl));
                if (extra > 0)
                {
                    list.Add((null, [start - 5, start - 1], kind.Titles[0]));
                }
                break;
            default:
                var baseYear = (kind.Period == Period.Previous ? assessed - 1 : assessed) - shift;
                if (kind.Id == "anti-corruption-plan" && _rng.Chance(0.3))
                {
                    list.Add((null, [assessed - 2 - shift, assessed + 1 - shift], "แผนปฏิบัติการป้องกันการทุจริต 4 ปี (พ.ศ. {S} - {E})"));
                }
                else
                {
                    list.Add((baseYear, null, tpl));
                }
                for (var i = 1; i <= extra; i++)
                {
                    list.Add((baseYear - i, null, _rng.Pick(kind.Titles)));
                }
                break;
        }
        return list;
    }

    private void AddListedKind(KindSpec kind, Status status)
    {
        var label = ChromeLabel(kind, Fill(_rng.Pick(kind.Labels)));
        var href = _urls.Category(kind.Id, label);
        if (status == Status.Placeholder)
        {
            var empty = NewPage(href, label, PageType.Placeholder);
            empty.Kind = kind.Id;
            empty.Placeholder = true;
            MarkPlaceholder(empty);
            AddMenu(kind.Group, label, href);
            return;
        }
        var listing = NewPage(href, label, PageType.Listing);
        var detailPages = _m.Scheme == Scheme.Cms && _rng.Chance(0.4);
        listing.Layout = detailPages ? CardLayout.Table : PickLayout();
        var other = detailPages ? ContradictingKind(kind) : null;
        var first = true;
        foreach (var (year, span, tpl) in DocsFor(kind, status, _fy))
        {
            var flavor = first && status == Status.Review ? (_rng.Chance(0.5) ? PdfFlavor.Scanned : PdfFlavor.BrokenGlyphs)
                : PdfFlavor.Text;
            first = false;
            var title = Fill(tpl, year, span);
            var format = FormatFor(kind);
            if (detailPages)
            {
                var detail = NewPage(_urls.Detail(kind.Id), title, PageType.Content);
                detail.Kind = kind.Id;
                detail.FiscalYear = year;
                detail.Span = span;
                detail.Lines.Add(title);
                if (other is not null)
                {
                    // The page names this item; its only document is another kind's (not in the truth: found
                    // through a page that claims something else, it is no evidence for either kind).
                    var otherTitle = Fill(other.Titles[0], year ?? _fy, [_fy - 2, _fy + 2]);
                    var wrong = AddDoc("doc" + _m.Pages.Count, otherTitle, otherTitle, year, null, null, PdfFlavor.Text,
                        DocFormat.Pdf, null);
                    detail.Links.Add(new Link("ดาวน์โหลดเอกสาร", wrong.Href));
                    detail.Mismatch = true;
                    detail.Trap = Traps.ContradictsDocument;
                    detail.FiscalYear = null;
                    detail.Span = null;
                    other = null;
                }
                else
                {
                    var doc = AddDoc(AsciiSlug(kind.Id, year), title, title, year, span, kind.Id, flavor, format, null);
                    detail.Links.Add(new Link("ดาวน์โหลดเอกสาร", doc.Href, title));
                }
                listing.Links.Add(new Link(title, detail.Href));
            }
            else if (listing.Layout != CardLayout.Table)
            {
                // A neutral ASCII file name: the kind must come from the card around the anchor, not the URL.
                var doc = AddDoc("doc" + _m.Pages.Count, title, title, year, span, kind.Id, flavor, format, null);
                doc.Trap = AnchorTrap(listing.Layout);
                listing.Links.Add(new Link(AnchorText(listing.Layout, doc), doc.Href, title));
            }
            else
            {
                var doc = AddDoc(AsciiSlug(kind.Id, year), title, title, year, span, kind.Id, flavor, format, null);
                listing.Links.Add(new Link(LinkTextFor(doc, title), doc.Href));
            }
        }
        if (!_small && _rng.Chance(0.08))
        {
            // An old upload that was deleted: the link stays, the file answers 404. Not published, so not in the truth.
            var lost = Fill(_rng.Pick(kind.Titles), _fy - 3, [_fy - 8, _fy - 4]);
            listing.Links.Add(new Link(lost, _urls.File(AsciiSlug(kind.Id, _fy - 3) + "-old", lost, "pdf", false, _fy - 546)));
        }
        AddMenu(kind.Group, label, href);
    }

    private DocFormat FormatFor(KindSpec kind) => kind.Id switch
    {
        "procurement-progress" or "service-statistics" when _rng.Chance(0.3) => DocFormat.Xlsx,
        _ when _rng.Chance(0.06) => DocFormat.Docx,
        _ when _rng.Chance(0.03) => DocFormat.Doc,
        _ => DocFormat.Pdf,
    };

    private static string Ext(DocFormat f) => f switch
    {
        DocFormat.Xlsx => "xlsx",
        DocFormat.Docx => "docx",
        DocFormat.Doc => "doc",
        DocFormat.Png => "png",
        _ => "pdf",
    };

    /// <summary>pdf-heavy sites link documents by their Thai file name, often truncated, as LAO upload lists do.</summary>
    private string LinkTextFor(Page doc, string title)
    {
        if (_shape != "pdf-heavy")
        {
            return title;
        }
        var name = Uri.UnescapeDataString(doc.Href[(doc.Href.LastIndexOf('/') + 1)..]);
        return _rng.Chance(0.5) ? name : title;
    }

    private Page AddDoc(string ascii, string title, string thaiName, int? year, int[]? span, string? kind, PdfFlavor flavor,
        DocFormat format, string? folder)
    {
        var keepThai = _shape == "pdf-heavy" || _rng.Chance(0.15);
        var thai = new string(thaiName.Where(c => c is not ('/' or '"' or '?' or '#' or '%' or '\\')).ToArray());
        if (thai.Length > 60)
        {
            thai = thai[..60];
        }
        var ext = Ext(format);
        var ce = (year ?? span?[0] ?? _fy) - 543;
        var href = folder is null
            ? _urls.File(ascii, thai, ext, keepThai, ce)
            : folder + (keepThai ? Uri.EscapeDataString(thai) : ascii) + "." + ext;
        if (_m.Pages.ContainsKey(SiteModel.Key(href)))
        {
            href = href.Insert(href.LastIndexOf('.'), "_" + _m.Pages.Count);
        }
        return _m.Add(new Page
        {
            Href = href,
            Title = title,
            Type = PageType.Document,
            Kind = kind,
            FiscalYear = year,
            Span = span,
            Format = format,
            Flavor = format == DocFormat.Pdf ? flavor : PdfFlavor.Text,
            NeedsReview = format == DocFormat.Pdf && flavor != PdfFlavor.Text,
        });
    }
}
