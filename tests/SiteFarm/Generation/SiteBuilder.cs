namespace PlanNacc.SiteFarm.Generation;

/// <summary>
/// Builds one site's page graph from (seed, identity). Everything the server renders and everything the ground truth
/// says comes from this graph, so the two cannot disagree.
/// </summary>
internal sealed partial class SiteBuilder
{
    private enum Status { Ok, WrongYear, Placeholder, Review }

    private static readonly string[] FiscalMonths =
        ["ตุลาคม", "พฤศจิกายน", "ธันวาคม", "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
            "กันยายน"];

    private readonly SiteModel _m;
    private readonly Rng _rng;
    private readonly UrlScheme _urls;
    private readonly string _shape;
    private readonly int _fy;
    private readonly int _target;
    private readonly bool _small;
    private readonly double _quality;
    /// <summary>Draws deciding what is published; a separate stream once the site has been revised (epochs).</summary>
    private readonly Rng _pub;
    private readonly List<MenuNode> _groups;
    private Page? _contact;
    private Page? _newsList;
    private readonly List<Page> _newsItems = [];

    private SiteBuilder(SiteModel model, Rng rng, int? pagesPerSite, Rng? revised, int revision, Rng real)
    {
        _m = model;
        _rng = rng;
        _real = real;
        _chromeYear = model.Id.Shape == "chrome-footer" || real.Chance(0.2);
        _shape = model.Id.Shape;
        _fy = model.FiscalYear;
        _urls = UrlScheme.For(model.Scheme, rng.Fork("urls"));
        _target = pagesPerSite ?? model.Id.Size switch
        {
            "S" => rng.Next(40, 70),
            "M" => rng.Next(60, 96),
            _ => rng.Next(85, 121),
        };
        _small = _target < 40;
        _quality = _shape is "placeholder" or "wrong-year" ? 0.9 : 0.55 + rng.NextDouble() * 0.45;
        // Revised sites mostly improve, as LAOs do after an assessment round.
        _quality = Math.Min(1.0, _quality + 0.08 * revision);
        _pub = revised ?? rng;
        _groups = Kinds.Groups.Select(g => new MenuNode(g, null, [])).ToList();
    }

    /// <summary>How many of epochs 1..epoch revised this site (each revises a quarter of the sites).</summary>
    public static int Revision(int seed, int index, int epoch) =>
        Enumerable.Range(1, Math.Max(0, epoch)).Count(e => Rng.For(seed, "epoch", e, index).Chance(0.25));

    public static SiteModel Build(SiteIdentity id, int seed, int fiscalYear, int? pagesPerSite, string root, int epoch = 0)
    {
        var rng = Rng.For(seed, "site", id.Index, id.DlaCode);
        var shape = id.Shape;
        var scheme = shape switch
        {
            "national-cms" or "image-chart" or "hostile-wrong-content-type" or "hostile-robots-5xx" => Scheme.Cms,
            "php-menuid" or "hostile-calendar-trap" => Scheme.Php,
            "wordpress" or "thai-digits" => Scheme.WordPress,
            "ita-hub" or "wrong-year" => rng.Chance(0.5) ? Scheme.Cms : Scheme.Php,
            "year-nested" => rng.Chance(0.5) ? Scheme.WordPress : Scheme.Php,
            "pdf-heavy" or "placeholder" => rng.Chance(0.5) ? Scheme.Php : Scheme.Static,
            _ => Scheme.Static,
        };
        var model = new SiteModel
        {
            Id = id,
            FiscalYear = fiscalYear,
            Scheme = scheme,
            Tis620 = shape == "tis620",
            Entities = shape == "entities",
            JsMenu = shape == "js-menu",
            Malformed = shape == "hostile-malformed-html",
            Markup = shape == Shapes.Markup,
            YearStyle = shape == "thai-digits" ? YearStyle.ThaiDigits : YearStyle.Arabic,
            ItasCode = ItasCode(rng),
        };
        if (Shapes.IsContentless(shape))
        {
            model.Robots = "User-agent: *\nDisallow:\n";
            return model;
        }
        var revision = Revision(seed, id.Index, epoch);
        var revised = revision == 0 ? null : Rng.For(seed, "publish", id.Index, revision);
        var real = Rng.For(seed, "real-shapes", id.Index, id.DlaCode);
        new SiteBuilder(model, rng, pagesPerSite, revised, revision, real).BuildContent(root);
        if (model.Markup)
        {
            AddMarkupPayloads(model);
        }
        return model;
    }

    /// <summary>Every link text and menu label of the markup site gets the payload; the truth reads the same graph, so it agrees.</summary>
    private static void AddMarkupPayloads(SiteModel model)
    {
        static void Texts(List<Link> links)
        {
            for (var i = 0; i < links.Count; i++)
            {
                links[i] = links[i] with { Text = links[i].Text + Shapes.MarkupPayload };
            }
        }

        static void Labels(List<MenuNode> nodes)
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                Labels(nodes[i].Children);
                nodes[i] = nodes[i] with { Label = nodes[i].Label + Shapes.MarkupPayload };
            }
        }

        foreach (var page in model.Pages.Values)
        {
            Texts(page.Links);
        }
        Texts(model.HomeLinks);
        Texts(model.FooterLinks);
        Labels(model.Menu);
    }

    private static string ItasCode(Rng rng)
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        return string.Concat(Enumerable.Range(0, 6).Select(_ => alphabet[rng.Next(alphabet.Length)]));
    }

    private void BuildContent(string root)
    {
        _m.Add(new Page { Href = "/", Title = _m.FullName, Type = PageType.Home });
        var yearNested = _shape is "year-nested" or "hostile-robots-disallow-ita";
        var hubYears = _shape == "ita-hub" ? new[] { _fy, _fy - 1 } : _rng.Chance(_small ? 0 : 0.2) ? new[] { _fy } : [];

        var published = new List<(KindSpec Kind, Status Status)>();
        foreach (var kind in Kinds.All)
        {
            var weight = kind.Weight * _quality * (_small ? Math.Max(0.3, _target / 40.0) : 1);
            var forced = (_shape == "image-chart" && kind.Id == "org-structure") || kind.Id is "news" or "contact";
            if (forced || _pub.Chance(weight))
            {
                published.Add((kind, StatusFor(kind)));
            }
        }

        var nestedItems = yearNested ? Kinds.ItemsFor(_fy).SelectMany(i => i.Kinds).ToHashSet() : [];
        foreach (var (kind, status) in published)
        {
            switch (kind.Form)
            {
                case Form.Page:
                    AddContentKind(kind, status);
                    break;
                case Form.External:
                    AddSocial(kind);
                    break;
                default:
                    if (!nestedItems.Contains(kind.Id))
                    {
                        AddListedKind(kind, status);
                    }
                    break;
            }
        }
        if (yearNested)
        {
            AddYearFolders(published.Where(p => p.Kind.Form == Form.Doc && nestedItems.Contains(p.Kind.Id)).ToList());
        }

        AddDecoys();
        AddGeneralPage();
        AddFillers();
        foreach (var year in hubYears)
        {
            AddHub(year, root);
        }
        AddChrome();
        if (_shape == "hostile-calendar-trap")
        {
            _m.CalendarHref = $"/index.php?mod=calendar&month={_fy}-01";
            _groups[5].Children.Add(MenuNode.Leaf("ปฏิทินกิจกรรม", _m.CalendarHref));
        }
        AssembleMenu();
        MarkChromeYears();
        _m.SoftNotFound = _m.Scheme == Scheme.Php && _rng.Chance(0.5);
        _m.HomeRedirect = _m.Scheme == Scheme.Static && _rng.Chance(0.3);
        SetRobots(root);
    }

    private Status StatusFor(KindSpec kind)
    {
        var dated = kind.Period is not Period.Standing;
        var pWrong = _shape == "wrong-year" ? 0.7 : 0.05;
        var pPlaceholder = _shape == "placeholder" ? 0.4 : 0.03;
        if (dated && (kind.Form == Form.Doc || kind.Id == "news") && _pub.Chance(pWrong))
        {
            return Status.WrongYear;
        }
        if (kind.Form != Form.External && kind.Id is not ("news" or "contact") && _pub.Chance(pPlaceholder))
        {
            return Status.Placeholder;
        }
        if (_shape == "image-chart" && kind.Id == "org-structure")
        {
            return Status.Review;
        }
        return kind.Form == Form.Doc && _pub.Chance(0.04) ? Status.Review : Status.Ok;
    }

    // ---------- text helpers ----------

    private string Digits(int n, YearStyle style) => style == YearStyle.ThaiDigits
        ? string.Concat(n.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => (char)('๐' + (c - '0'))))
        : n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private YearStyle PickStyle() => _m.YearStyle == YearStyle.ThaiDigits
        ? _rng.Weighted<YearStyle>([(YearStyle.ThaiDigits, 0.5), (YearStyle.Short, 0.3), (YearStyle.Arabic, 0.2)])
        : YearStyle.Arabic;

    /// <summary>Fills a label or title template. The year style varies per call on thai-digits sites.</summary>
    private string Fill(string template, int? year = null, int[]? span = null, string? month = null)
    {
        var style = PickStyle();
        var t = template;
        if (style == YearStyle.Short && year is not null)
        {
            t = t.Replace("ประจำปีงบประมาณ พ.ศ. {Y}", "ปีงบ {y2}").Replace("ปีงบประมาณ {Y}", "ปีงบ {y2}").Replace("ปี {Y}", "ปีงบ {y2}");
            style = YearStyle.Arabic;
        }
        if (year is int y)
        {
            t = t.Replace("{Y}", Digits(y, style)).Replace("{y2}", Digits(y % 100, style))
                .Replace("{h1}", $"(ต.ค. {Digits((y - 1) % 100, style)} - มี.ค. {Digits(y % 100, style)})");
        }
        if (span is { Length: 2 })
        {
            t = t.Replace("{S}", Digits(span[0], style)).Replace("{E}", Digits(span[1], style));
        }
        return t.Replace("{org}", _m.FullName).Replace("{abbr}", _m.Id.Type.Abbr).Replace("{name}", _m.Id.Name)
            .Replace("{law}", _m.Id.Type.LawWord).Replace("{month}", month ?? "");
    }

    private string AsciiSlug(string kindId, int? year) => year is int y ? $"{kindId}-{y}" : kindId;

    private void AddMenu(int group, string label, string href) => _groups[group].Children.Add(MenuNode.Leaf(label, href));

    private Page NewPage(string href, string title, PageType type) => _m.Add(new Page { Href = href, Title = title, Type = type });
}
