using System.Text;

namespace PlanNacc.SiteFarm.Generation;

/// <summary>
/// A site of the hosting farm: where it starts, the pages a correct crawl reaches as the LAO's own, and the pages on the same
/// host that belong to someone else (neighbours on a shared host) and must never be crawled as this LAO's.
/// </summary>
public sealed record HostedSite
{
    public required string Shape { get; init; }
    public required string Host { get; init; }
    /// <summary>Path (and query) of the registered URL.</summary>
    public required string Start { get; init; }
    /// <summary>Pages (path and query, as linked) a correct crawl reads as the site's own.</summary>
    public IReadOnlyList<string> OwnPages { get; init; } = [];
    /// <summary>Pages on the same host that belong to other LAOs: never crawled as this site's.</summary>
    public IReadOnlyList<string> ForeignPages { get; init; } = [];
    /// <summary>The site status a correct crawl ends with ("ok", "one-page").</summary>
    public string ExpectedStatus { get; init; } = "ok";
}

/// <summary>One answer of the hosting farm.</summary>
public sealed record HostedAnswer(int Status, string ContentType, string Body)
{
    public string? Location { get; init; }
}

/// <summary>
/// Real hosting the main farm does not show: a Joomla site whose pages are chosen by query parameters (and whose index.php
/// answers the home page when they are missing), LAOs living under paths of a shared host, a site builder and a portal with
/// cross-links between neighbours, intro (splash) pages in six variants plus one that leads nowhere, and a Macromedia-style
/// menu whose items exist only as <c>window.open</c> calls. Every answer is a pure function of host, path and query.
/// </summary>
public static class HostingShapes
{
    public const string Joomla = "joomla.hosting.test";
    public const string Shared = "shared.hosting.test";
    public const string Builder = "builder.hosting.test";
    public const string Portal = "portal.hosting.test";

    private static readonly string[] IntroVariants =
    [
        "image-link", "script-button", "meta-refresh", "image-map", "timed-redirect", "form-button", "script-built",
    ];

    private static readonly (string Path, string Name)[] SharedLaos =
    [
        ("/phrae/saiyoi/", "ไทรย้อย"), ("/phrae/nakhuha/", "นาคูหา"), ("/nan/pua/", "ปัว"),
    ];

    private static readonly Lazy<List<HostedSite>> AllSites = new(Build);

    public static IReadOnlyList<HostedSite> Sites => AllSites.Value;

    private static List<HostedSite> Build()
    {
        var sites = new List<HostedSite>
        {
            new()
            {
                Shape = "joomla", Host = Joomla, Start = "/",
                OwnPages = JoomlaPages.Select(p => p.Href).ToList(),
            },
        };
        foreach (var (path, _) in SharedLaos)
        {
            sites.Add(new HostedSite
            {
                Shape = "shared-host", Host = Shared, Start = path,
                OwnPages = [path, path + "about.html", path + "ita/index.html"],
                ForeignPages = SharedLaos.Where(l => l.Path != path)
                    .SelectMany(l => new[] { l.Path, l.Path + "ita/plan.html" }).Append("/").ToList(),
            });
        }
        sites.Add(new HostedSite
        {
            Shape = "site-builder", Host = Builder, Start = "/view/saiyoi",
            OwnPages = ["/view/saiyoi", "/view/saiyoi/about", "/view/saiyoi/ita"],
            ForeignPages = ["/view/saiyoi2", "/view/saiyoi2/ita", "/view/other/ita"],
        });
        sites.Add(new HostedSite
        {
            Shape = "portal", Host = Portal, Start = "/numrid/home.php",
            OwnPages = ["/numrid/home.php", "/numrid/about.php", "/numrid/ita.php"],
            ForeignPages = ["/khaothapra/home.php", "/khaothapra/ita.php", "/index.php"],
        });
        foreach (var variant in IntroVariants)
        {
            sites.Add(new HostedSite
            {
                Shape = "intro-" + variant, Host = $"intro-{variant}.hosting.test", Start = "/",
                OwnPages = ["/main/index.html", .. RealHomeMenu.Select(m => m.Href)],
            });
        }
        sites.Add(new HostedSite { Shape = "intro-dead-end", Host = "intro-dead-end.hosting.test", Start = "/",
            ExpectedStatus = "one-page" });
        sites.Add(new HostedSite
        {
            Shape = "script-menu", Host = "script-menu.hosting.test", Start = "/1/",
            OwnPages = ["/1/", "/1/vision.php", "/1/general_basic.php", "/1/structure.php"],
        });
        return sites;
    }

    /// <summary>Every host of the hosting farm.</summary>
    public static IEnumerable<string> Hosts => Sites.Select(s => s.Host).Distinct();

    public static HostedAnswer? Answer(string host, string path, string query)
    {
        query = query.TrimStart('?');
        if (path == "/robots.txt")
        {
            return new HostedAnswer(404, "text/plain", "not found");
        }
        if (host == Joomla)
        {
            return JoomlaAnswer(path, query);
        }
        if (host == Shared)
        {
            return SharedAnswer(path);
        }
        if (host == Builder)
        {
            return BuilderAnswer(path);
        }
        if (host == Portal)
        {
            return PortalAnswer(path);
        }
        if (host == "script-menu.hosting.test")
        {
            return ScriptMenuAnswer(path);
        }
        if (host.StartsWith("intro-", StringComparison.Ordinal) && host.EndsWith(".hosting.test", StringComparison.Ordinal))
        {
            return IntroAnswer(host["intro-".Length..^".hosting.test".Length], path);
        }
        return null;
    }

    // ---- Joomla -------------------------------------------------------------------------------------------------------

    private sealed record JoomlaPage(string Href, string Title, string Body);

    private static readonly JoomlaPage[] JoomlaPages =
    [
        new("/index.php?option=com_content&view=category&id=8&Itemid=101", "ข่าวประกาศ",
            "<ul><li><a href=\"index.php?option=com_content&amp;view=article&amp;id=12:devplan&amp;catid=8&amp;Itemid=101\">"
            + "แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570)</a></li>"
            + "<li><a href=\"index.php?option=com_content&amp;view=article&amp;id=13:procure&amp;catid=8&amp;Itemid=101"
            + "&amp;utm_source=facebook\">ประกาศแผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ 2568</a></li></ul>"),
        new("/index.php?option=com_content&view=article&id=12:devplan&catid=8&Itemid=101", "แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570)",
            "<p>องค์การบริหารส่วนตำบลทดสอบ ประกาศใช้แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570) เพื่อเป็นกรอบการพัฒนาตำบล</p>"),
        new("/index.php?option=com_content&view=article&id=13:procure&catid=8&Itemid=101",
            "ประกาศแผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ 2568",
            "<p>แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2568 รายการจัดซื้อ 12 รายการ</p>"),
        new("/index.php?option=com_content&view=article&id=20&Itemid=102", "โครงสร้างส่วนราชการ",
            "<p>สำนักปลัด กองคลัง กองช่าง กองการศึกษา ศาสนาและวัฒนธรรม</p>"),
        new("/index.php?option=com_content&view=article&layout=edit&id=21&Itemid=103", "อำนาจหน้าที่",
            "<p>อำนาจหน้าที่ตามพระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. 2537</p>"),
        new("/index.php?option=com_contact&view=contact&id=1&Itemid=104", "ติดต่อเรา",
            "<p>โทรศัพท์ 0 5400 0000 ที่ทำการองค์การบริหารส่วนตำบลทดสอบ</p>"),
    ];

    private static readonly string JoomlaHome = Page("องค์การบริหารส่วนตำบลทดสอบ - หน้าหลัก",
        "<nav><ul>"
        + "<li><a href=\"/index.php?option=com_content&amp;view=category&amp;id=8&amp;Itemid=101\">ข่าวประกาศ</a></li>"
        + "<li><a href=\"/index.php?option=com_content&amp;view=article&amp;id=20&amp;Itemid=102\">โครงสร้างส่วนราชการ</a></li>"
        + "<li><a href=\"/index.php?option=com_content&amp;view=article&amp;layout=edit&amp;id=21&amp;Itemid=103\">อำนาจหน้าที่</a></li>"
        + "<li><a href=\"/index.php?option=com_contact&amp;view=contact&amp;id=1&amp;Itemid=104&amp;PHPSESSID=a1b2c3\">ติดต่อเรา</a></li>"
        + "<li><a href=\"/index.php?option=com_content&amp;view=featured&amp;Itemid=100\">หน้าแรก</a></li>"
        + "</ul></nav><main><h1>ยินดีต้อนรับสู่เว็บไซต์ อบต.ทดสอบ</h1><p>ข่าวสารและบริการของตำบล</p></main>");

    /// <summary>Joomla answers by its parameters: without option and view (or with ones it does not know) it shows the home page.</summary>
    private static HostedAnswer JoomlaAnswer(string path, string query)
    {
        if (path is not ("/" or "/index.php"))
        {
            return NotFound();
        }
        var parameters = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .Where(p => p[0] is not ("utm_source" or "PHPSESSID")).Select(p => p[0] + "=" + (p.Length > 1 ? p[1] : "")).ToHashSet();
        var page = JoomlaPages.FirstOrDefault(p => p.Href[(p.Href.IndexOf('?') + 1)..].Split('&').ToHashSet().SetEquals(parameters));
        return page is null
            ? Html(JoomlaHome)
            : Html(Page(page.Title, $"<nav><a href=\"/\">หน้าหลัก</a></nav><main><h1>{page.Title}</h1>{page.Body}</main>"));
    }

    // ---- Shared host, site builder, portal ------------------------------------------------------------------------------

    private static HostedAnswer SharedAnswer(string path)
    {
        if (path is "/" or "/index.html")
        {
            return Html(Page("ศูนย์รวมเว็บไซต์ อปท.", "<h1>เว็บไซต์ อปท. ในเครือข่าย</h1><ul>"
                + string.Concat(SharedLaos.Select(l => $"<li><a href=\"{l.Path}\">อบต.{l.Name}</a></li>")) + "</ul>"
                + "<p><a href=\"/ita/plan.html\">แผนปฏิบัติการป้องกันการทุจริต ของเครือข่าย</a></p>"));
        }
        if (path == "/ita/plan.html")
        {
            return Html(Page("แผนปฏิบัติการป้องกันการทุจริต เครือข่าย", "<h1>แผนปฏิบัติการป้องกันการทุจริต</h1><p>ของผู้ให้บริการ</p>"));
        }
        foreach (var (prefix, name) in SharedLaos)
        {
            if (!path.StartsWith(prefix, StringComparison.Ordinal) && path != prefix.TrimEnd('/'))
            {
                continue;
            }
            var rest = path.Length >= prefix.Length ? path[prefix.Length..] : "";
            var neighbour = SharedLaos.First(l => l.Path != prefix);
            var hasPlan = prefix != SharedLaos[0].Path;
            return rest switch
            {
                "" or "index.html" => Html(Page($"อบต.{name}",
                    "<nav><ul>"
                    + $"<li><a href=\"{prefix}\">หน้าหลัก</a></li><li><a href=\"about.html\">ข้อมูลพื้นฐาน</a></li>"
                    + $"<li><a href=\"ita/index.html\">ITA</a></li><li><a href=\"/\">เว็บไซต์ในเครือข่าย</a></li></ul></nav>"
                    + $"<main><h1>องค์การบริหารส่วนตำบล{name}</h1>"
                    + $"<p>เพื่อนบ้าน: <a href=\"{neighbour.Path}\">อบต.{neighbour.Name}</a> · "
                    + $"<a href=\"{neighbour.Path}ita/plan.html\">แผนปฏิบัติการป้องกันการทุจริต อบต.{neighbour.Name}</a></p></main>")),
                "about.html" => Html(Page($"ข้อมูลพื้นฐาน อบต.{name}", $"<h1>ข้อมูลพื้นฐาน</h1><p>ตำบล{name} มี 12 หมู่บ้าน</p>")),
                "ita/index.html" => Html(Page($"ITA อบต.{name}", "<h1>การเปิดเผยข้อมูลสาธารณะ</h1><ul>"
                    + (hasPlan
                        ? "<li><a href=\"plan.html\">แผนปฏิบัติการป้องกันการทุจริต</a></li>"
                        : "<li>แผนป้องกันการทุจริต (อยู่ระหว่างจัดทำ)</li>")
                    + "</ul>")),
                "ita/plan.html" when hasPlan => Html(Page($"แผนปฏิบัติการป้องกันการทุจริต อบต.{name}",
                    $"<h1>แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ 2568</h1><p>อบต.{name}</p>")),
                _ => NotFound(),
            };
        }
        return NotFound();
    }

    private static HostedAnswer BuilderAnswer(string path)
    {
        foreach (var name in new[] { "saiyoi", "saiyoi2", "other" })
        {
            var prefix = "/view/" + name;
            if (path != prefix && !path.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                continue;
            }
            var others = name == "saiyoi"
                ? "<p><a href=\"/view/saiyoi2\">เว็บไซต์ตัวอย่างอีกแห่ง</a> <a href=\"/view/other/ita\">ITA ของหน่วยงานอื่น</a>"
                    + " <a href=\"/view/saiyoi2/ita\">ITA saiyoi2</a></p>"
                : "";
            return path[prefix.Length..] switch
            {
                "" or "/" => Html(Page($"{name} - หน้าหลัก",
                    $"<nav><a href=\"{prefix}/about\">เกี่ยวกับเรา</a> <a href=\"{prefix}/ita\">ITA</a></nav>"
                    + $"<main><h1>หน้าหลัก {name}</h1>{others}</main>")),
                "/about" => Html(Page("เกี่ยวกับเรา", $"<h1>เกี่ยวกับ {name}</h1><p>ข้อมูลพื้นฐานของหน่วยงาน</p>")),
                "/ita" => Html(Page("ITA", $"<h1>การเปิดเผยข้อมูลสาธารณะ {name}</h1><p>แผนปฏิบัติการป้องกันการทุจริต ประจำปี 2568</p>")),
                _ => NotFound(),
            };
        }
        return NotFound();
    }

    private static HostedAnswer PortalAnswer(string path) => path switch
    {
        "/" or "/index.php" =>
            Html(Page("พอร์ทัล", "<a href=\"/numrid/home.php\">numrid</a> <a href=\"/khaothapra/home.php\">khaothapra</a>")),
        "/numrid/home.php" => Html(Page("หน้าหลัก numrid", "<nav><a href=\"about.php\">ข้อมูลทั่วไป</a> <a href=\"ita.php\">ITA</a>"
            + " <a href=\"/index.php\">พอร์ทัล</a> <a href=\"/khaothapra/home.php\">เพื่อนบ้าน</a>"
            + " <a href=\"/khaothapra/ita.php\">ITA เพื่อนบ้าน</a></nav>")),
        "/numrid/about.php" => Html(Page("ข้อมูลทั่วไป", "<h1>ข้อมูลทั่วไป</h1><p>ตำบลหนึ่ง</p>")),
        "/numrid/ita.php" => Html(Page("ITA", "<h1>ITA</h1><p>การเปิดเผยข้อมูล</p>")),
        "/khaothapra/home.php" => Html(Page("หน้าหลัก khaothapra", "<a href=\"ita.php\">ITA</a>")),
        "/khaothapra/ita.php" => Html(Page("ITA เพื่อนบ้าน", "<h1>แผนปฏิบัติการป้องกันการทุจริต 2568</h1>")),
        _ => NotFound(),
    };

    // ---- Intro pages and script menus ----------------------------------------------------------------------------------

    private static readonly (string Href, string Text)[] RealHomeMenu =
    [
        ("/main/about.html", "ข้อมูลพื้นฐาน"), ("/main/ita.html", "ITA 2568"),
        ("/main/news.html", "ข่าวประชาสัมพันธ์"), ("/main/contact.html", "ติดต่อเรา"),
    ];

    private const string Banner = "<img src=\"/img/intro.jpg\" alt=\"\" width=\"900\" height=\"500\">";

    private static HostedAnswer IntroAnswer(string variant, string path)
    {
        if (path == "/img/intro.jpg")
        {
            return new HostedAnswer(200, "image/jpeg", "jpeg");
        }
        if (path is "/" or "/index.html" or "/index.php")
        {
            var body = variant switch
            {
                "image-link" => $"<a href=\"/main/index.html\">{Banner}</a>",
                "script-button" => Banner
                    + "<p><button type=\"button\" onclick=\"window.location.href='/main/index.html'\">เข้าสู่เว็บไซต์</button></p>",
                "meta-refresh" => Banner,
                "image-map" => "<img src=\"/img/intro.jpg\" usemap=\"#enter\" alt=\"\"><map name=\"enter\">"
                    + "<area shape=\"rect\" coords=\"300,400,600,460\" href=\"/main/index.html\" alt=\"\"></map>",
                "timed-redirect" => Banner
                    + "<script>setTimeout(function () { document.location.replace(\"/main/index.html\"); }, 8000);</script>",
                "form-button" => Banner
                    + "<p><input type=\"button\" value=\"เข้าสู่เว็บไซต์\" onclick=\"location='/main/index.html'\"></p>",
                "dead-end" => Banner + "<p>ทรงพระเจริญ</p>",
                // The way on is assembled at run time: no URL is written whole anywhere, only a browser sees it.
                "script-built" => "<div id=\"enter\"></div><script>var part = ['ma', 'in'].join('');"
                    + " document.getElementById('enter').innerHTML = '<a href=\"/' + part + '/index.html\">"
                    + Banner + "</a>';</script>",
                _ => null,
            };
            if (body is null)
            {
                return NotFound();
            }
            var head = variant == "meta-refresh" ? "<meta http-equiv=\"refresh\" content=\"10; URL='/main/index.html'\">" : "";
            return Html($"<!DOCTYPE html><html><head><meta "
                + $"charset=\"utf-8\">{head}<title>ยินดีต้อนรับ</title></head><body>{body}</body></html>");
        }
        if (variant == "dead-end")
        {
            return NotFound();
        }
        if (path == "/main/index.html")
        {
            var menu = string.Concat(RealHomeMenu.Select(m => $"<li><a href=\"{m.Href}\">{m.Text}</a></li>"));
            return Html(Page("อบต.ทดสอบ - หน้าหลัก", "<nav><ul>" + menu
                + "</ul></nav><main><h1>องค์การบริหารส่วนตำบลทดสอบ</h1></main>"));
        }
        var item = RealHomeMenu.FirstOrDefault(m => m.Href == path);
        return item.Href is null ? NotFound() : Html(Page(item.Text, $"<h1>{item.Text}</h1><p>เนื้อหา{item.Text}</p>"));
    }

    /// <summary>Image menu entries without alt text; the pop-up menu's items exist only as window.open calls in a script.</summary>
    private static HostedAnswer ScriptMenuAnswer(string path) => path switch
    {
        "/1/" or "/1/index.php" => Html("<html><head><meta charset=\"utf-8\"><title>อบต.ทดสอบ</title><script>\n"
            + "function mmLoadMenus() {\n  window.mm_menu_1 = new Menu(\"root\",160,18,\"Tahoma\",12);\n"
            + "  mm_menu_1.addMenuItem(\"วิสัยทัศน์&nbsp;\", \"window.open('vision.php', '_self');\");\n"
            + "  mm_menu_1.addMenuItem(\"สภาพทั่วไป&nbsp;\", \"window.open('general_basic.php', '_self');\");\n"
            + "  mm_menu_1.addMenuItem(\"โครงสร้าง\", \"window.open('structure.php', '_self');\");\n}\n</script></head>"
            + "<body onload=\"mmLoadMenus()\"><table><tr><td><a href=\"#\" onmouseover=\"MM_showMenu(window.mm_menu_1,0,0,null,'img1')\">"
            + "<img src=\"images/menu1.gif\" name=\"img1\"></a></td></tr></table><p>ข่าวประชาสัมพันธ์</p></body></html>"),
        "/1/vision.php" => Html(Page("วิสัยทัศน์", "<h1>วิสัยทัศน์</h1><p>ตำบลน่าอยู่</p>")),
        "/1/general_basic.php" => Html(Page("สภาพทั่วไป", "<h1>สภาพทั่วไป</h1><p>พื้นที่ 40 ตารางกิโลเมตร</p>")),
        "/1/structure.php" => Html(Page("โครงสร้าง", "<h1>โครงสร้างส่วนราชการ</h1><p>สำนักปลัด</p>")),
        _ => NotFound(),
    };

    // ---- Helpers --------------------------------------------------------------------------------------------------------

    private static string Page(string title, string body) =>
        $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body>{body}</body></html>";

    private static HostedAnswer Html(string html) => new(200, "text/html; charset=utf-8", html);

    private static HostedAnswer NotFound() => new(404, "text/html; charset=utf-8", "<html><body><h1>404</h1></body></html>");

    /// <summary>The body as bytes (UTF-8).</summary>
    public static byte[] Bytes(HostedAnswer answer) => Encoding.UTF8.GetBytes(answer.Body);
}
