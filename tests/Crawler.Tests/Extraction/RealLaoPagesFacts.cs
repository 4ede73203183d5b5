using PlanNacc.Crawler.Discovery;
using PlanNacc.Crawler.Extraction;

namespace PlanNacc.Crawler.Tests.Extraction;

/// <summary>Real saved LAO pages (../shared/real-lao-pages, see its MANIFEST.md), read at run time.</summary>
public sealed class RealLaoPagesFacts
{
    private static ExtractedPage Load(string file, string host)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestEnvironment.SharedDir!, "real-lao-pages", file));
        return PageExtractor.Extract(HtmlDecoder.Decode(bytes, null).Text, new Uri($"https://www.{host}/"));
    }

    [SharedDataFact]
    public void Extract_FindsNationalCmsMenu_AndRanksItaItemsFirst()
    {
        var page = Load("phukradungsao.go.th__home.html", "phukradungsao.go.th");

        Assert.StartsWith("-องค์การบริหารส่วนตำบลภูกระดึง", page.Title);
        Assert.Contains(page.Links, l => l.Text == "โครงสร้างส่วนราชการ" && l.Url.AbsolutePath == "/public/list/data/index/menu/1144");
        var ranked = page.Links
            .Select(l => (l.Text, Score: LinkPriority.Score(l.Text, l.MenuLabel, l.RowText, l.Url, l.Region)))
            .OrderByDescending(x => x.Score).Select(x => x.Text).ToList();
        var tenth = ranked.Count / 10;
        Assert.Contains("ITA", ranked.Take(tenth));
        Assert.Contains(ranked.Take(tenth), t => t.Contains("เจตจำนงสุจริต", StringComparison.Ordinal));
        Assert.True(ranked.IndexOf("โครงสร้างส่วนราชการ") < ranked.Count / 2, $"{ranked.IndexOf("โครงสร้างส่วนราชการ")} of {ranked.Count}");
        Assert.DoesNotContain(ranked.Take(ranked.Count / 2), t => t.Contains("ภาพกิจกรรม", StringComparison.Ordinal));
    }

    [SharedDataFact]
    public void Extract_DecodesThaiWrittenAsNumericEntities()
    {
        var page = Load("saiyoidenchai.go.th__info_chingcha.html", "saiyoidenchai.go.th");

        Assert.Contains("เสาชิงช้า", page.Text);
    }

    [SharedDataFact]
    public void Extract_ReadsEverySavedPage_WithTitleTextAndLinks()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(TestEnvironment.SharedDir!, "real-lao-pages"), "*.html"))
        {
            var page = Load(Path.GetFileName(file), Path.GetFileName(file).Split("__")[0]);
            Assert.False(string.IsNullOrEmpty(page.Title), file);
            Assert.True(page.Links.Count >= 5, $"{file}: {page.Links.Count} links");
            Assert.Matches("[\u0E01-\u0E5B]", page.Title + page.Text);
        }
    }

    [SharedDataFact]
    public void Extract_PutsComplaintFooterInFooterRegion_OnSaiyoidenchaiPages()
    {
        var page = Load("saiyoidenchai.go.th__power.html", "saiyoidenchai.go.th");

        Assert.Contains(page.Links, l => l.Text.Length > 0 && l.Region is "nav");
        Assert.Contains("อำนาจและหน้าที่", page.Links.Select(l => l.Text));
    }
}
