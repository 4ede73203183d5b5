using PlanNacc.Crawler.Discovery;

namespace PlanNacc.Crawler.Tests.Discovery;

public sealed class UrlCanonicaliserFacts
{
    // Each line: a URL as found in a page, and its canonical form (null = an infinite URL space, cut).
    [Theory]
    [InlineData("http://ABC.go.th:80/index.php?menuid=5#top", "http://abc.go.th/index.php?menuid=5")]
    [InlineData("http://abc.go.th/index.php?PHPSESSID=1f2e3d&menuid=5", "http://abc.go.th/index.php?menuid=5")]
    [InlineData("http://abc.go.th/news.php;jsessionid=ABC123?id=4", "http://abc.go.th/news.php?id=4")]
    [InlineData("http://abc.go.th/news.php?id=4&sort=date&order=desc", "http://abc.go.th/news.php?id=4")]
    [InlineData("http://abc.go.th/ita.php?year=2568", "http://abc.go.th/ita.php?year=2568")]
    [InlineData("http://abc.go.th/calendar.php?month=11&year=2026", null)]
    [InlineData("http://abc.go.th/index.php?option=com_events&date=2026-11-25", null)]
    [InlineData("http://abc.go.th/events/calendar/2026-12", null)]
    [InlineData("http://abc.go.th/th/ปฏิทิน/2569", null)]
    [InlineData("http://abc.go.th/a/b/a/b/a/b/a", null)]
    [InlineData("http://abc.go.th/page?d=5", "http://abc.go.th/page?d=5")]
    public void Canonicalise_CollapsesVariantsAndCutsTraps(string url, string? expected) =>
        Assert.Equal(expected, UrlCanonicaliser.Canonicalise(new Uri(url), out _)?.AbsoluteUri is { } s ? Uri.UnescapeDataString(s) : null);
}

public sealed class SiteScopeFacts
{
    [Theory]
    [InlineData("http://www.abc.go.th/", "http://abc.go.th/x", true)]
    [InlineData("http://www.abc.go.th/", "https://web.abc.go.th/x", true)]
    [InlineData("http://www.abc.go.th/", "http://www.xyz.go.th/x", false)]
    [InlineData("http://abc.in.th/", "http://www.abc.in.th/", true)]
    [InlineData("http://www.abc.com/", "http://news.abc.com/", true)]
    [InlineData("http://lao1.farm.test:8080/", "http://lao2.farm.test:8080/", false)]
    [InlineData("http://lao1.farm.test:8080/", "http://lao1.farm.test:8080/a", true)]
    [InlineData("http://127.0.0.1:5000/", "http://127.0.0.1:5000/a", true)]
    [InlineData("http://www.abc.go.th/", "ftp://abc.go.th/", false)]
    public void Contains_UsesRegistrableDomain(string root, string url, bool expected) =>
        Assert.Equal(expected, new SiteScope(new Uri(root)).Contains(new Uri(url)));

    [Fact]
    public void Contains_AcceptsConfiguredAlias()
    {
        var scope = new SiteScope(new Uri("http://www.abc.go.th/"), ["abc-tambon.com"]);
        Assert.True(scope.Contains(new Uri("http://www.abc-tambon.com/ita")));
    }
}

public sealed class LinkPriorityFacts
{
    private static double Score(string text, string url = "http://a.go.th/x", string? region = "main") => LinkPriority.Score(text, null,
        null, new Uri(url), region);

    [Fact]
    public void Score_RanksItaHubAboveDisclosureAboveOrdinaryAboveGallery()
    {
        var hub = Score("ITA 2568");
        var disclosure = Score("แผนปฏิบัติการป้องกันการทุจริต");
        var ordinary = Score("ท่องเที่ยว");
        var gallery = Score("ภาพกิจกรรม");

        Assert.True(hub > ordinary && disclosure > ordinary && ordinary > gallery, $"{hub} {disclosure} {ordinary} {gallery}");
    }

    [Theory]
    [InlineData("ข้อมูลสาธารณะ OIT")]
    [InlineData("O36 การประเมินความเสี่ยง")]
    [InlineData("การประเมินคุณธรรมและความโปร่งใส")]
    public void Score_RecognisesHubLabels(string text) => Assert.True(Score(text) >= 10, text);

    [Fact]
    public void Score_RecognisesHubPaths_WithoutLinkText() => Assert.True(Score("", "http://a.go.th/ita-all/2568") > Score("",
        "http://a.go.th/news/15"));

    [Fact]
    public void Score_IgnoresItaInsideOtherWords() => Assert.True(Score("capital city") < 10);

    [Theory]
    [InlineData("แผนปฏิบัติการ ประจำปี 2568", 2568)]
    [InlineData("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗", 2567)]
    [InlineData("แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570)", 2570)]
    [InlineData("โทร 02-123-4567", null)]
    public void FiscalYear_ReadsBuddhistEraYears(string text, int? year) => Assert.Equal(year, LinkPriority.FiscalYear(text));
}

public sealed class UrlIdentityFacts
{
    // Each line: a URL as linked on a real kind of LAO site, and its canonical form. Parameters that select content stay.
    [Theory]
    [InlineData("http://a.go.th/index.php?option=com_content&view=article&id=12:plan&catid=8&Itemid=101",
        "http://a.go.th/index.php?option=com_content&view=article&id=12:plan&catid=8&Itemid=101")]
    [InlineData("http://a.go.th/index.php?option=com_content&view=category&layout=blog&id=8&Itemid=101",
        "http://a.go.th/index.php?option=com_content&view=category&layout=blog&id=8&Itemid=101")]
    [InlineData("http://a.go.th/index.php?option=com_users&task=registration.register",
        "http://a.go.th/index.php?option=com_users&task=registration.register")]
    [InlineData("http://a.go.th/index.php?menuid=12&display=all&limit=20", "http://a.go.th/index.php?menuid=12&display=all&limit=20")]
    [InlineData("http://a.go.th/?page_id=44&s=x", "http://a.go.th/?page_id=44&s=x")]
    [InlineData("http://a.go.th/index.php?m=main&p=decree61", "http://a.go.th/index.php?m=main&p=decree61")]
    [InlineData("http://a.go.th/list.php?cat=3&xyzzy=7", "http://a.go.th/list.php?cat=3&xyzzy=7")]
    [InlineData("http://a.go.th/index.php?view=article&id=5&utm_source=fb&utm_medium=x&fbclid=abc",
        "http://a.go.th/index.php?view=article&id=5")]
    [InlineData("http://a.go.th/index.php?id=5&PHPSESSID=abc&osCsid=9", "http://a.go.th/index.php?id=5")]
    [InlineData("http://a.go.th/index.php?id=5&filter_order=a.title&filter_order_Dir=asc", "http://a.go.th/index.php?id=5")]
    public void Canonicalise_KeepsContentSelectingParameters_AndDropsSessionTrackingAndSort(string url, string expected) =>
        Assert.Equal(expected, UrlCanonicaliser.Canonicalise(new Uri(url), out _)!.AbsoluteUri);

    [Fact]
    public void Template_KeepsJoomlaViewsApart_SoOneViewCannotUseUpAnother()
    {
        var category = CrawlFrontier.Template(new Uri("http://a.go.th/index.php?option=com_content&view=category&id=8&Itemid=101"));
        var article = CrawlFrontier.Template(new Uri("http://a.go.th/index.php?option=com_content&view=article&id=12&Itemid=101"));
        var otherArticle = CrawlFrontier.Template(new Uri("http://a.go.th/index.php?option=com_content&view=article&id=99&Itemid=7"));

        Assert.NotEqual(category, article);
        Assert.Equal(article, otherArticle);
    }
}

public sealed class SitePathScopeFacts
{
    // Each line: the registered URL, a URL found while crawling, whether it is the LAO's own page.
    [Theory]
    [InlineData("http://www.nmt.or.th/phrae/saiyoi/", "http://www.nmt.or.th/phrae/saiyoi/ita.html", true)]
    [InlineData("http://www.nmt.or.th/phrae/saiyoi/", "http://nmt.or.th/phrae/saiyoi", true)]
    [InlineData("http://www.nmt.or.th/phrae/saiyoi/", "http://www.nmt.or.th/phrae/nakhuha/ita.html", false)]
    [InlineData("http://www.nmt.or.th/phrae/saiyoi/", "http://www.nmt.or.th/", false)]
    [InlineData("http://www.nmt.or.th/Pathum/MuangPathum/", "http://www.nmt.or.th/pathum/muangpathum/a.php", true)]
    [InlineData("https://sites.google.com/view/rammasak", "https://sites.google.com/view/rammasak/home", true)]
    [InlineData("https://sites.google.com/view/rammasak", "https://sites.google.com/view/rammasak2", false)]
    [InlineData("http://www.localthai.org/numrid/home.php", "http://www.localthai.org/numrid/about.php", true)]
    [InlineData("http://www.localthai.org/numrid/home.php", "http://www.localthai.org/khaothapra/home.php", false)]
    [InlineData("http://www.abc.go.th/home.php", "http://www.abc.go.th/news/1.html", true)]
    [InlineData("http://www.abc.go.th/", "http://www.abc.go.th/anything", true)]
    public void Contains_KeepsToThePathTheLaoLivesUnder(string root, string url, bool expected) =>
        Assert.Equal(expected, new SiteScope(new Uri(root)).Contains(new Uri(url)));

    [Fact]
    public void MoveTo_AdoptsTheNewHostAndItsPath()
    {
        var scope = new SiteScope(new Uri("http://www.nmt.or.th/phrae/saiyoi/"));
        scope.MoveTo(new Uri("https://www.saiyoi.go.th/"));

        Assert.True(scope.Contains(new Uri("https://www.saiyoi.go.th/ita/")));
        Assert.Null(scope.PathPrefix);
    }
}
