using PlanNacc.Scoring.Classification;
using PlanNacc.Scoring.Criteria;
using PlanNacc.Scoring.Verdicts;

namespace PlanNacc.Scoring.Tests;

/// <summary>
/// The judge on evidence built by hand: which places an item shows when a site holds more than it can show, and how far
/// a place that names its item only in part can go.
/// </summary>
public class ItemJudgeFacts
{
    private const int Year = 2563;
    private static readonly Uri Root = new("http://lao.test/");

    private static CriteriaItem ItemOf(string code) => CriteriaCatalog.Default.Exact(Year)!.FindItem(code)!;

    private static Evidence Notice(int id, string[] path, IReadOnlyList<int>? years = null) => new()
    {
        Url = new Uri(Root, $"/news_auction.php?id={id}"),
        Text = $"ประกาศสอบราคาโครงการที่ {id}",
        Classification = new Classification.Classification { Kinds = ["procurement-notices"], Confidence = 0.9 },
        Path = path,
        State = TargetState.Ok,
        Support = ContentSupport.Title,
        LinkNamesKind = true,
        TargetText = $"ประกาศสอบราคาโครงการที่ {id}",
        TargetYears = years ?? [],
    };

    [Fact]
    public void ManyEqualPlaces_ShowTheOneLinkedFromTheHomePage_AmongThem()
    {
        // thirty notices behind the "all notices" list, one linked straight from the home page, listed last
        var deep = Enumerable.Range(1, 30).Select(i => Notice(i, ["หน้าหลัก", "ประกาศจัดซื้อจัดจ้าง", $"ประกาศที่ {i}"]));
        var evidence = deep.Append(Notice(447, ["หน้าหลัก", "ประกาศสอบราคาโครงการที่ 447"])).ToList();
        var verdict = ItemJudge.Judge(ItemOf("O22"), Year, evidence);
        Assert.True(verdict.Evidence.Count <= 8, $"{verdict.Evidence.Count} places shown");
        Assert.Contains(verdict.Evidence, e => e.Url.EndsWith("id=447", StringComparison.Ordinal));
    }

    [Fact]
    public void ManyEqualPlaces_AtTheSameDepth_ShowTheNewestByTheirOwnDatesFirst()
    {
        var evidence = Enumerable.Range(1, 20)
            .Select(i => Notice(i, ["หน้าหลัก", "ประกาศจัดซื้อจัดจ้าง", $"ประกาศที่ {i}"], [2543 + i])).ToList();
        var verdict = ItemJudge.Judge(ItemOf("O22"), Year, evidence);
        Assert.True(verdict.Evidence.Count <= 8, $"{verdict.Evidence.Count} places shown");
        // the one of this year (id 20, dated 2563) passes the item; the others shown are the newest, not the first listed
        Assert.Equal(VerdictStatus.Pass, verdict.Status);
        Assert.Contains(verdict.Evidence, e => e.Url.EndsWith("id=19", StringComparison.Ordinal));
        Assert.Contains(verdict.Evidence, e => e.Url.EndsWith("id=20", StringComparison.Ordinal));
        Assert.DoesNotContain(verdict.Evidence, e => e.Url.EndsWith("id=1", StringComparison.Ordinal));
    }
}
