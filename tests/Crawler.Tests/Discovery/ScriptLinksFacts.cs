using PlanNacc.Crawler.Discovery;

namespace PlanNacc.Crawler.Tests.Discovery;

public sealed class ScriptLinksFacts
{
    private static readonly Uri Base = new("http://a.go.th/1/index.php");

    // Each line: markup as LAO sites write it, the URL a visitor reaches, the label a crawler should read.
    [Theory]
    [InlineData("<button onclick=\"window.location.href='/main/'\">เข้าสู่เว็บไซต์</button>", "http://a.go.th/main/", "เข้าสู่เว็บไซต์")]
    [InlineData("<input type=button value=\"เข้าสู่เว็บไซต์\" onclick=\"location='home.php'\">", "http://a.go.th/1/home.php",
        "เข้าสู่เว็บไซต์")]
    [InlineData("<div onclick='document.location = &quot;/th/&quot;'>ENTER</div>", "http://a.go.th/th/", "ENTER")]
    [InlineData("<a href=\"javascript:window.open('vision.php','_self')\">วิสัยทัศน์</a>", "http://a.go.th/1/vision.php", "วิสัยทัศน์")]
    [InlineData("<script>setTimeout(function(){ top.location.replace(\"/index2.php\"); }, 5000);</script>", "http://a.go.th/index2.php",
        "")]
    [InlineData("<script>\n m.addMenuItem(\"วิสัยทัศน์&nbsp;\", \"window.open('vision.php', '_self');\");\n</script>",
        "http://a.go.th/1/vision.php", "วิสัยทัศน์")]
    [InlineData("<script>PDFObject.embed(\"/modules/decree_pdf/61.pdf\", \"#pdf\");</script>", "http://a.go.th/modules/decree_pdf/61.pdf",
        "")]
    [InlineData("<script>window.location.assign('https://b.go.th/x');</script>", "https://b.go.th/x", "")]
    public void Find_ReadsNavigationWrittenInScript(string html, string url, string label)
    {
        var link = Assert.Single(ScriptLinks.Find(html, Base));
        Assert.Equal((url, label), (link.Url.AbsoluteUri, link.Text));
    }

    [Theory]
    [InlineData("<p>location of the office</p>")]
    [InlineData("<script>var u = 'page.php?id=' + id; window.location = u;</script>")]
    [InlineData("<script>window.location.href = 'page.php?id=' + id;</script>")]
    [InlineData("<a href=\"#\" onclick=\"window.location.hash = 'top'\">x</a>")]
    [InlineData("<script>if (location.href == 'http://a.go.th/') {}</script>")]
    public void Find_ReadsNothing_WhenTheUrlIsBuiltAtRunTimeOrNotANavigation(string html) =>
        Assert.Empty(ScriptLinks.Find(html, Base));
}
