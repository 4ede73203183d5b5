using PlanNacc.Scoring.Criteria;
using PlanNacc.Scoring.Verdicts;

namespace PlanNacc.Scoring.Tests;

public class ScoreCalculatorFacts
{
    private static ItemVerdict Item(int n, string sub, bool pass) => new()
    {
        Code = "O" + n, Title = "t", TitleEn = "t", Indicator = sub.Split('.')[0], SubIndicator = sub, Kinds = ["news"],
        Status = pass ? VerdictStatus.Pass : VerdictStatus.Fail, Score = pass ? 100 : 0,
    };

    // ita-criteria.md §1.1: 97.78 = (8/9 of 9.1 + 4×100)/5 and 93.75 = (7/8 of 10.1 + 100)/2 (ITA 2564 table)
    private static List<ItemVerdict> Example()
    {
        var items = new List<ItemVerdict>();
        var n = 1;
        for (var i = 0; i < 9; i++) items.Add(Item(n++, "9.1", i < 8));
        foreach (var sub in new[] { "9.2", "9.3", "9.4", "9.5" }) items.Add(Item(n++, sub, true));
        for (var i = 0; i < 8; i++) items.Add(Item(n++, "10.1", i < 7));
        items.Add(Item(n, "10.2", true));
        return items;
    }

    [Fact]
    public void Compute_WeightsPerSubIndicator_AsTheNaccTables()
    {
        var score = ScoreCalculator.Compute(CriteriaCatalog.Default.Exact(2563)!, Example());
        Assert.Equal(88.89, score.SubIndicators["9.1"]);
        Assert.Equal(97.78, score.Indicators["9"]);
        Assert.Equal(93.75, score.Indicators["10"]);
        Assert.Equal(95.77, score.Oit);
        Assert.Equal("AA", score.Grade);
        Assert.Equal("unverified", score.GradeConfidence);
        Assert.Equal("oit-only", score.GradeBasis);
    }

    [Fact]
    public void Compute_ProjectsItaTotal_WhenIitAndEitGiven()
    {
        var score = ScoreCalculator.Compute(CriteriaCatalog.Default.Exact(2566)!, Example(), new ToolScores(80, 90));
        // 0.3×80 + 0.3×90 + 0.4×95.77
        Assert.Equal(89.31, score.ProjectedItaTotal);
        Assert.Equal("ผ่าน", score.Grade);
        Assert.Equal("ita-total", score.GradeBasis);
    }

    [Theory]
    [InlineData(99.06, 90, 90, "ผ่านดีเยี่ยม")]
    [InlineData(94.64, 95, 80, "ผ่าน")]
    [InlineData(90, 90, 90, "ผ่านดี")]
    [InlineData(70, 90, 90, "ไม่ผ่าน")]
    public void GradeOf_2568_NeedsEveryToolAt85ForTheHigherLabels(double total, double iit, double eit, string expected)
    {
        var rule = CriteriaCatalog.Default.Exact(2568)!.GradeRule;
        Assert.Equal(expected, ScoreCalculator.GradeOf(rule, total, [iit, eit, 95])!.Label);
    }

    [Theory]
    [InlineData(96.08, "AA")]
    [InlineData(94.73, "A")]
    [InlineData(74.57, "C")]
    [InlineData(58.13, "D")]
    [InlineData(69.48, "C")]
    [InlineData(40, "F")]
    public void GradeOf_2563_UsesSevenBands_MatchingObservedPoints(double total, string expected) =>
        Assert.Equal(expected, ScoreCalculator.GradeOf(CriteriaCatalog.Default.Exact(2563)!.GradeRule, total, null)!.Label);
}
