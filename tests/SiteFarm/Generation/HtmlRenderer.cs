using System.Net;
using System.Text;

namespace PlanNacc.SiteFarm.Generation;

/// <summary>Writes a page's HTML from the model, in the markup of the site's CMS family.</summary>
internal sealed class HtmlRenderer
{
    private static readonly string[] Sentences =
    [
        "มุ่งพัฒนาคุณภาพชีวิตของประชาชนให้อยู่ดีมีสุข ภายใต้หลักธรรมาภิบาล",
        "ส่งเสริมการมีส่วนร่วมของประชาชนในการพัฒนาท้องถิ่นอย่างยั่งยืน",
        "พัฒนาโครงสร้างพื้นฐาน ถนน ไฟฟ้า ประปา ให้ทั่วถึงทุกหมู่บ้าน",
        "ส่งเสริมการศึกษา ศาสนา และวัฒนธรรมประเพณีอันดีงามของท้องถิ่น",
        "ดูแลสวัสดิการผู้สูงอายุ ผู้พิการ และผู้ด้อยโอกาสในพื้นที่",
        "อนุรักษ์ทรัพยากรธรรมชาติและสิ่งแวดล้อมให้คงอยู่คู่ชุมชน",
        "พื้นที่ส่วนใหญ่เป็นที่ราบลุ่ม ประชาชนประกอบอาชีพเกษตรกรรม ทำนา ทำสวน",
        "มีหมู่บ้านในเขตการปกครองทั้งสิ้น 12 หมู่บ้าน",
    ];

    private readonly SiteModel _m;
    private readonly Page _page;
    private readonly Rng _rng;
    private readonly StringBuilder _sb = new(16 * 1024);

    private HtmlRenderer(SiteModel m, Page page, Rng rng)
    {
        _m = m;
        _page = page;
        _rng = rng;
    }

    public static string Render(SiteModel m, Page page, Rng rng, bool metaCharset) =>
        new HtmlRenderer(m, page, rng).Write(metaCharset);

    private static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>PHP sites write document-relative links; their pages all live at the root, so they resolve the same.</summary>
    private string H(string href) =>
        _m.Scheme == Scheme.Php && href.StartsWith('/') && href.Length > 1 ? E(href[1..]) : E(href);

    private string Write(bool metaCharset)
    {
        _sb.Append("<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n");
        if (metaCharset)
        {
            _sb.Append(_m.Tis620
                ? "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-874\">\n"
                : "<meta charset=\"utf-8\">\n");
        }
        _sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        _sb.Append("<title>")
            .Append(E((_page.Type == PageType.Home ? _m.FullName : _page.Title + " - " + _m.FullName)
            + (_m.Markup ? Shapes.MarkupPayload : ""))).Append("</title>\n");
        _sb.Append("<link rel=\"stylesheet\" href=\"/css/style.css\">\n</head>\n<body>\n");
        _sb.Append("<header id=\"header\"><div class=\"logo\"><a href=\"/\"><img src=\"/images/logo.png\" alt=\"")
            .Append(E(_m.ShortName)).Append("\"></a><h1>").Append(E(_m.FullName)).Append("</h1><p>อำเภอ")
            .Append(E(_m.Id.District)).Append(" จังหวัด").Append(E(_m.Id.Province.Name)).Append("</p></div></header>\n");
        if (_m.JsMenu)
        {
            WriteJsMenu();
        }
        else
        {
            WriteMenu();
        }
        _sb.Append("<main id=\"content\" class=\"container\">\n");
        WriteContent();
        _sb.Append("</main>\n");
        var html = _sb.ToString();
        var footer = Footer();
        if (_m.Malformed)
        {
            return Malform(html) + footer[..Math.Min(footer.Length, 120)];
        }
        html += footer + "</body>\n</html>\n";
        return _m.Entities && (_page.Type == PageType.Home || (Hash.Of(_page.Href) & 1) == 0) ? ToEntities(html) : html;
    }

    private void WriteMenu()
    {
        switch (_m.Scheme)
        {
            case Scheme.Cms:
                WriteCmsMenu();
                break;
            case Scheme.WordPress:
                _sb.Append("<nav id=\"site-navigation\" class=\"main-navigation\"><ul id=\"primary-menu\" class=\"menu\">\n");
                WriteNested(_m.Menu, "menu-item", "sub-menu");
                _sb.Append("</ul></nav>\n");
                break;
            case Scheme.Php:
                _sb.Append("<div id=\"menu\"><ul class=\"sf-menu\">\n");
                WriteNested(_m.Menu, "", "");
                _sb.Append("</ul></div>\n");
                break;
            default:
                _sb.Append("<div id=\"navigation\"><ul class=\"dropdown\">\n");
                WriteNested(_m.Menu, "", "");
                _sb.Append("</ul></div>\n");
                break;
        }
    }

    private void WriteNested(IEnumerable<MenuNode> nodes, string liClass, string ulClass)
    {
        foreach (var node in nodes)
        {
            _sb.Append(liClass.Length > 0 ? $"<li class=\"{liClass}\">" : "<li>");
            var none = _m.Scheme == Scheme.Php ? "javascript:void(0)" : "#";
            _sb.Append("<a href=\"").Append(node.Href is null ? none : H(node.Href)).Append("\">").Append(E(node.Label)).Append("</a>");
            if (node.Children.Count > 0)
            {
                _sb.Append(ulClass.Length > 0 ? $"<ul class=\"{ulClass}\">" : "<ul>");
                WriteNested(node.Children, liClass, ulClass);
                _sb.Append("</ul>");
            }
            _sb.Append("</li>\n");
        }
    }

    /// <summary>The national LAO CMS mega-menu: tabs whose panes hold columns of links, some under a non-link group label.</summary>
    private void WriteCmsMenu()
    {
        _sb.Append("<nav class=\"navbar navbar-expand-lg\"><ul class=\"nav navbar-nav show_mainmenu\">\n");
        var id = 1141;
        foreach (var node in _m.Menu)
        {
            _sb.Append("<li class=\"show_mainmenu-normal menu-level1\">");
            if (node.Href is not null)
            {
                _sb.Append("<a class=\"show_mainmenu_first-link\" href=\"").Append(E(node.Href)).Append("\">").Append(E(node.Label))
                    .Append("</a></li>\n");
            }
            else
            {
                _sb.Append($"<a class=\"show_mainmenu_first-link menu-main-active\" href=\"#tab-menu-{id + _m.Menu.IndexOf(node)}\" "
                    + $"data-toggle=\"tab\" aria-expanded=\"false\">")
                    .Append(E(node.Label)).Append("</a></li>\n");
            }
        }
        _sb.Append("</ul>\n<div class=\"tab-content well detail-tab-menu\">\n");
        foreach (var node in _m.Menu.Where(n => n.Href is null))
        {
            var tab = id + _m.Menu.IndexOf(node);
            _sb.Append($"<div class=\"tab-pane\" id=\"tab-menu-{tab}\"><div class=\"row\">");
            foreach (var column in node.Children.Chunk(3))
            {
                _sb.Append($"<div class=\"col-md-3\"><ul class=\"menu-level submenu-{tab}\">");
                foreach (var child in column)
                {
                    _sb.Append("<li class=\"menu-level group-menu-level2\">");
                    if (child.Href is not null)
                    {
                        _sb.Append("<a onclick=\"javascript:void(0)\" href=\"").Append(E(child.Href)).Append("\">").Append(E(child.Label))
                            .Append("</a>");
                    }
                    else
                    {
                        _sb.Append("<span class=\"menu_title\">").Append(E(child.Label))
                            .Append("</span><ul class=\"menu-level group-menu-level3\">");
                        foreach (var leaf in child.Children)
                        {
                            _sb.Append("<li class=\"list-menu-level3\"><a onclick=\"javascript:void(0)\" href=\"")
                                .Append(E(leaf.Href ?? "#"))
                                .Append("\"><h6 class=\"menu_title\">").Append(E(leaf.Label)).Append("</h6></a></li>");
                        }
                        _sb.Append("</ul>");
                    }
                    _sb.Append("</li>");
                }
                _sb.Append("</ul></div>");
            }
            _sb.Append("</div></div>\n");
        }
        _sb.Append("</div></nav>\n");
    }

    /// <summary>An empty nav filled by script from data that holds no complete URL, so only a rendering crawler sees the links.</summary>
    private void WriteJsMenu()
    {
        _sb.Append("<nav id=\"mainmenu\" class=\"menu\"></nav>\n<script>\nvar MENU = [");
        var first = true;
        foreach (var node in _m.Menu)
        {
            _sb.Append(first ? "" : ",");
            first = false;
            _sb.Append("{t:").Append(Js(node.Label)).Append(Target(node.Href)).Append(",c:[");
            _sb.Append(string.Join(",", Flatten(node.Children).Select(c => "{t:" + Js(c.Label) + Target(c.Href) + "}")));
            _sb.Append("]}");
        }
        _sb.Append("];\n(function () {\n  var nav = document.getElementById('mainmenu'), ul = document.createElement('ul');\n")
            .Append("  function link(item) { var a = document.createElement('a'); a.textContent = item.t;\n")
            .Append("    a.href = item.p !== undefined ? '/' + item.p + '.html' : (item.u || '#'); return a; }\n")
            .Append("  MENU.forEach(function (g) { var li = document.createElement('li'); li.appendChild(link(g));\n")
            .Append("    var sub = document.createElement('ul'); g.c.forEach(function (c) { var l = document.createElement('li'); "
                + "l.appendChild(link(c)); sub.appendChild(l); });\n")
            .Append("    li.appendChild(sub); ul.appendChild(li); });\n  nav.appendChild(ul);\n})();\n</script>\n");

        static IEnumerable<MenuNode> Flatten(IEnumerable<MenuNode> nodes) =>
            nodes.SelectMany(n => n.Href is null ? Flatten(n.Children) : [n]);

        static string Target(string? href)
        {
            if (href is null)
            {
                return "";
            }
            if (href.StartsWith('/') && href.EndsWith(".html", StringComparison.Ordinal) && href.IndexOf('/', 1) < 0)
            {
                return ",p:" + Js(href[1..^5]);
            }
            return ",u:" + Js(href);
        }
    }

    /// <summary>A document table filled by script from data holding paths without the leading slash.</summary>
    private void WriteScriptListing()
    {
        _sb.Append("<table id=\"docs\" class=\"table table-striped\"></table>\n<script>\nvar DOCS = [");
        _sb.Append(string.Join(",", _page.Links.Select(l => "{t:" + Js(l.Text) + ",f:" + Js(l.Href.TrimStart('/')) + "}")));
        _sb.Append("];\nDOCS.forEach(function (d, i) { var tr = document.createElement('tr'), a = document.createElement('a');\n")
            .Append("  a.textContent = d.t; a.href = '/' + d.f; tr.insertCell().textContent = i + 1; tr.insertCell().appendChild(a);\n")
            .Append("  document.getElementById('docs').appendChild(tr); });\n</script>\n");
    }

    private static string Js(string s) => System.Text.Json.JsonSerializer.Serialize(s,
        new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
        .Replace("</", "<\\/");

    private void Paragraphs(int min, int max)
    {
        for (var i = _rng.Next(min, max); i > 0; i--)
        {
            _sb.Append("<p>").Append(E(_rng.Pick(Sentences))).Append("</p>\n");
        }
    }

    private void Heading() => _sb.Append("<h2 class=\"page-title\">").Append(E(_page.Title)).Append("</h2>\n");

    private void LinkList(string cssClass)
    {
        _sb.Append($"<ul class=\"{cssClass}\">\n");
        foreach (var link in _page.Links)
        {
            _sb.Append("<li><a href=\"").Append(H(link.Href)).Append("\">").Append(E(link.Text)).Append("</a></li>\n");
        }
        _sb.Append("</ul>\n");
    }

    private void WriteContent()
    {
        switch (_page.Type)
        {
            case PageType.Home:
                _sb.Append("<section class=\"welcome\"><h2>ยินดีต้อนรับสู่เว็บไซต์").Append(E(_m.FullName)).Append("</h2>\n");
                Paragraphs(1, 3);
                _sb.Append("</section>\n<section class=\"news\"><h3>ข่าวประชาสัมพันธ์ / ประกาศ</h3>\n<ul>\n");
                foreach (var link in _m.HomeLinks.Concat(_page.Links))
                {
                    var blank = link.Href.StartsWith("http", StringComparison.Ordinal) ? " target=\"_blank\"" : "";
                    _sb.Append("<li><a href=\"").Append(H(link.Href)).Append('"').Append(blank).Append('>').Append(E(link.Text))
                        .Append("</a></li>\n");
                }
                _sb.Append("</ul></section>\n");
                break;
            case PageType.Listing:
                Heading();
                if (_page.Links.Count == 0)
                {
                    _sb.Append("<p>ไม่พบข้อมูล</p>\n");
                    break;
                }
                if (_m.JsMenu && (Hash.Of(_page.Href) & 1) == 0)
                {
                    WriteScriptListing();
                    break;
                }
                if (_page.Layout != CardLayout.Table)
                {
                    WriteCards();
                    break;
                }
                _sb.Append("<table class=\"table "
                    + "table-striped\"><thead><tr><th>ลำดับ</th><th>เรื่อง</th><th>ดาวน์โหลด</th></tr></thead><tbody>\n");
                for (var i = 0; i < _page.Links.Count; i++)
                {
                    var link = _page.Links[i];
                    _sb.Append("<tr><td>").Append(i + 1).Append("</td><td><a href=\"").Append(H(link.Href)).Append("\">")
                        .Append(E(link.Text))
                        .Append("</a></td><td><img src=\"/images/icon_pdf.png\" alt=\"\"></td></tr>\n");
                }
                _sb.Append("</tbody></table>\n");
                break;
            case PageType.Placeholder:
                WritePlaceholder();
                break;
            case PageType.ImageChart:
                Heading();
                _sb.Append("<div class=\"chart\"><img src=\"").Append(H(_page.ImageHref!)).Append("\" width=\"960\"></div>\n");
                break;
            case PageType.Hub:
                WriteHub();
                break;
            case PageType.YearFolder:
            case PageType.ItemPage:
                Heading();
                LinkList(_page.Type == PageType.YearFolder ? "ita-items" : "ita-files");
                break;
            case PageType.Persons:
                Heading();
                _sb.Append("<div class=\"row persons\">\n");
                var n = 0;
                foreach (var line in _page.Lines)
                {
                    var parts = line.Split('|');
                    _sb.Append("<div class=\"col-md-4 person\"><img src=\"/images/person/").Append(Hash.Of(_page.Href) % 997).Append('_')
                        .Append(++n)
                        .Append(".jpg\" alt=\"\"><h4>").Append(E(parts[0])).Append("</h4><p>").Append(E(parts[1])).Append("</p>");
                    if (parts.Length > 2 && parts[2].Length > 0)
                    {
                        _sb.Append("<p>โทร. ").Append(E(parts[2])).Append("</p>");
                    }
                    _sb.Append("</div>\n");
                }
                _sb.Append("</div>\n");
                break;
            case PageType.NewsList:
                Heading();
                LinkList("news-list");
                break;
            case PageType.NewsItem:
                Heading();
                foreach (var line in _page.Lines)
                {
                    _sb.Append("<p class=\"date\">วันที่ ").Append(E(line)).Append("</p>\n");
                }
                Paragraphs(2, 5);
                break;
            case PageType.Contact:
                Heading();
                _sb.Append("<address>สำนักงาน").Append(E(_m.FullName)).Append(" หมู่ที่ ").Append(_rng.Next(1, 12)).Append(" ตำบล")
                    .Append(E(_m.Id.Name))
                    .Append(" อำเภอ").Append(E(_m.Id.District)).Append(" จังหวัด").Append(E(_m.Id.Province.Name)).Append("<br>\n")
                    .Append("โทรศัพท์ 0-").Append(_rng.Next(5000, 5999)).Append('-').Append(_rng.Next(1000, 9999)).Append("<br>\n")
                    .Append("อีเมล <a href=\"mailto:saraban_0").Append(_m.Id.DlaCode).Append("@dla.go.th\">saraban_0").Append(_m.Id.DlaCode)
                    .Append("@dla.go.th</a> <a href=\"tel:0").Append(_rng.Next(50000000, 59999999)).Append("\">โทรหาเรา</a></address>\n")
                    .Append("<iframe src=\"https://maps.google.com/maps?q=").Append(Uri.EscapeDataString(_m.FullName))
                        .Append("&amp;output=embed\" width=\"600\" height=\"300\"></iframe>\n");
                break;
            case PageType.Form:
                Heading();
                _sb.Append("<form method=\"post\" action=\"").Append(H(_page.Href))
                    .Append("\">\n<label>ชื่อ-นามสกุล <input name=\"name\"></label><br>\n")
                    .Append("<label>เบอร์โทรศัพท์ <input name=\"phone\"></label><br>\n<label>รายละเอียด <textarea "
                        + "name=\"detail\"></textarea></label><br>\n")
                    .Append("<button type=\"submit\">ส่งข้อมูล</button>\n</form>\n");
                break;
            case PageType.Authority:
                Heading();
                _sb.Append("<ol>\n");
                foreach (var duty in new[] { "จัดให้มีและบำรุงรักษาทางน้ำและทางบก", "รักษาความสะอาดของถนน ทางน้ำ ทางเดิน และที่สาธารณะ",
                    "ป้องกันโรคและระงับโรคติดต่อ", "ป้องกันและบรรเทาสาธารณภัย", "ส่งเสริมการศึกษา ศาสนา และวัฒนธรรม" })
                {
                    _sb.Append("<li>").Append(E(duty)).Append("</li>\n");
                }
                _sb.Append("</ol>\n");
                break;
            case PageType.Lorem:
                _sb.Append("<h2>About Us</h2>\n<p>We are a creative web agency. Lorem ipsum dolor sit amet, consectetur adipiscing elit, "
                    + "sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.</p>\n");
                break;
            default:
                Heading();
                foreach (var line in _page.Lines)
                {
                    _sb.Append("<p>").Append(E(line)).Append("</p>\n");
                }
                if (_page.ImageHref is not null)
                {
                    _sb.Append("<p><img src=\"").Append(H(_page.ImageHref)).Append("\" alt=\"").Append(E(_page.Title)).Append("\"></p>\n");
                }
                Paragraphs(1, 4);
                LinkList("attachments");
                break;
        }
    }

    /// <summary>
    /// A placeholder in the form its trap names: a phrase (the old three forms when none is set), the heading alone, an
    /// empty table or list, a breadcrumb alone, or an "under construction" picture.
    /// </summary>
    private void WritePlaceholder()
    {
        switch (_page.Trap)
        {
            case Traps.PlaceholderHeadingOnly:
                Heading();
                break;
            case Traps.PlaceholderEmptyTable:
                Heading();
                _sb.Append("<table class=\"table table-striped\"><thead><tr><th>ลำดับ</th><th>เรื่อง</th><th>วันที่</th>")
                    .Append("<th>ดาวน์โหลด</th></tr></thead><tbody>\n</tbody></table>\n");
                break;
            case Traps.PlaceholderEmptyList:
                Heading();
                _sb.Append("<div class=\"list-group\"><ul class=\"list-doc\">\n</ul></div>\n<div class=\"pagination\">หน้า 1</div>\n");
                break;
            case Traps.PlaceholderBreadcrumb:
                _sb.Append("<ol class=\"breadcrumb\"><li><a href=\"/\">หน้าหลัก</a></li><li class=\"active\">")
                    .Append(E(_page.Title)).Append("</li></ol>\n");
                break;
            case Traps.PlaceholderImage:
                Heading();
                _sb.Append("<p class=\"text-center\"><img src=\"/images/under_construction.gif\" alt=\"\" width=\"400\"></p>\n");
                break;
            case Traps.PlaceholderPhrase when _page.Lines.Count > 0:
                Heading();
                _sb.Append("<p class=\"text-center\">").Append(E(_page.Lines[0])).Append("</p>\n");
                break;
            default:
                Heading();
                _sb.Append(_rng.Pick(new[]
                {
                    "<p>--- อยู่ระหว่างจัดทำข้อมูล ---</p>\n", "<p class=\"text-center\">อยู่ระหว่างจัดทำข้อมูล</p>\n",
                    "<div>---อยู่ระหว่างจัดทำข้อมูล---</div>\n",
                }));
                break;
        }
    }

    /// <summary>
    /// Documents behind generic anchors: the title sits in a card heading, the list item, the table row, a caption, a
    /// heading before the link, the link's title/aria-label, or beside "ไฟล์แนบ :" with the file name as the anchor.
    /// </summary>
    private void WriteCards()
    {
        var layout = _page.Layout;
        _sb.Append(layout switch
        {
            CardLayout.ListItem => "<ul class=\"doc-list\">\n",
            CardLayout.TableRow => "<table class=\"table\"><tbody>\n",
            _ => "<div class=\"row docs\">\n",
        });
        for (var i = 0; i < _page.Links.Count; i++)
        {
            var link = _page.Links[i];
            var title = E(link.Context ?? link.Text);
            var a = "<a href=\"" + H(link.Href) + "\" target=\"_blank\">";
            var icon = "<img src=\"/images/icon_pdf.png\" alt=\"\" width=\"24\">";
            var text = link.Text.Length == 0 ? icon : E(link.Text);
            _sb.Append(layout switch
            {
                CardLayout.Card => $"<div class=\"col-md-4\"><div class=\"card\"><h4 class=\"card-title\">{title}</h4>"
                    + $"<p class=\"card-text\">{E(_m.ShortName)}</p>"
                    + $"{a.Replace("<a ", "<a class=\"btn btn-primary\" ")}{text}</a></div></div>\n",
                CardLayout.ListItem => $"<li>{icon} {title} {a}{text}</a></li>\n",
                CardLayout.TableRow => $"<tr><td>{i + 1}</td><td>{title}</td><td>{a}{text}</a></td></tr>\n",
                CardLayout.Caption => $"<figure class=\"doc\">{a}{icon}</a><figcaption>{title}</figcaption></figure>\n",
                CardLayout.Heading => $"<div class=\"tab-pane\"><h3>{title}</h3><p>{a}{text}</a></p></div>\n",
                CardLayout.TitleAttr =>
                    $"<span class=\"doc\">{a.Replace("<a ", $"<a title=\"{title}\" aria-label=\"{title}\" ")}{icon}</a></span>\n",
                _ => $"<div class=\"news\"><p class=\"body1-2\">{title}</p><p>{icon}ไฟล์แนบ : {a}{text}</a></p></div>\n",
            });
        }
        _sb.Append(layout switch
        {
            CardLayout.ListItem => "</ul>\n",
            CardLayout.TableRow => "</tbody></table>\n",
            _ => "</div>\n",
        });
    }

    private void WriteHub()
    {
        Heading();
        _sb.Append("<table class=\"table table-bordered "
            + "ita\"><thead><tr><th>ข้อ</th><th>ข้อมูล</th><th>ข้อมูลการเชื่อมโยง</th><th>คำอธิบาย</th></tr></thead><tbody>\n");
        var next = 0;
        foreach (var line in _page.Lines)
        {
            var parts = line.Split('|');
            var count = int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
            _sb.Append("<tr><td>").Append(E(parts[0])).Append("</td><td>").Append(E(parts[1])).Append("</td><td>");
            for (var i = 0; i < count; i++, next++)
            {
                var link = _page.Links[next];
                _sb.Append("<a href=\"").Append(H(link.Href)).Append("\" target=\"_blank\">").Append(E(link.Text)).Append("</a><br>");
            }
            var explanations = parts.Length > 3 ? parts[3].Split(";;", StringSplitOptions.RemoveEmptyEntries) : [];
            _sb.Append(count == 0 ? "-" : "").Append("</td><td>")
                .Append(string.Join("<br>", explanations.Select(E))).Append("</td></tr>\n");
        }
        _sb.Append("</tbody></table>\n");
    }

    private string Footer()
    {
        var sb = new StringBuilder();
        var phone = $"0-{_rng.Next(5000, 5999)}-{_rng.Next(1000, 9999)}";
        sb.Append("<footer id=\"footer\"><div class=\"container\">\n<p>").Append(E(_m.FullName)).Append(" อำเภอ").Append(E(_m.Id.District))
            .Append(" จังหวัด").Append(E(_m.Id.Province.Name)).Append("</p>\n<p>โทรศัพท์ ").Append(phone).Append(" อีเมล ")
                .Append(_m.Id.DlaCode)
            .Append("@dla.go.th</p>\n<p class=\"complaint\"><img src=\"/images/ic_complain.png\" "
                + "alt=\"\">รับเรื่องราวร้องทุกข์และเบาะแสการทุจริต โทร ")
            .Append(phone).Append(" | เบอร์นายก 08").Append(_rng.Next(10000000, 99999999)).Append("</p>\n");
        if (_m.Id.Shape == "chrome-footer")
        {
            sb.Append("<p>ศูนย์รับเรื่องราวร้องทุกข์ ร้องเรียนการทุจริตและประพฤติมิชอบ แจ้งเบาะแสการทุจริต สายด่วน 1111 ตลอด 24 "
                + "ชั่วโมง</p>\n")
                .Append("<p>ติดต่อนายก").Append(E(_m.ShortName)).Append(" ปลัด").Append(E(_m.ShortName))
                    .Append(" ผู้อำนวยการกองคลัง ผู้อำนวยการกองช่าง</p>\n");
        }
        if (_m.FooterLinks.Count > 0)
        {
            sb.Append("<ul class=\"footer-links\">");
            foreach (var link in _m.FooterLinks)
            {
                sb.Append("<li><a href=\"").Append(H(link.Href)).Append("\">").Append(E(link.Text)).Append("</a></li>");
            }
            sb.Append("</ul>\n");
        }
        if (_m.FooterNote is not null)
        {
            sb.Append("<p class=\"badge-ita\">").Append(E(_m.FooterNote)).Append("</p>\n");
        }
        sb.Append("<p>(c) ").Append(_m.FiscalYear).Append(' ').Append(E(_m.FullName)).Append(" สงวนลิขสิทธิ์ | ผู้เข้าชม ")
            .Append(_rng.Next(10000, 999999)).Append("</p>\n</div></footer>\n");
        return sb.ToString();
    }

    /// <summary>Unclosed and misnested tags, unquoted attributes; the caller then cuts the document off mid-footer.</summary>
    private static string Malform(string html) => html
        .Replace("</li>", "")
        .Replace("</p>", "")
        .Replace("<main id=\"content\" class=\"container\">", "<main id=content class=container><table><tr><td><b><i>")
        .Replace("</main>", "</b></i></div></div>");

    private static string ToEntities(string html)
    {
        var sb = new StringBuilder(html.Length * 3);
        foreach (var c in html)
        {
            if (c is >= '\u0E00' and <= '\u0E7F')
            {
                sb.Append("&#").Append((int)c).Append(';');
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
