using PlanNacc.Scoring.Classification;
using PlanNacc.Scoring.Criteria;

namespace PlanNacc.Scoring.Tests;

public class CriteriaCatalogFacts
{
    private static readonly CriteriaCatalog Catalog = CriteriaCatalog.Default;

    [Fact]
    public void Default_HoldsEveryKnownYear() => Assert.Equal([2563, 2566, 2567, 2568, 2569], Catalog.Years);

    [Fact]
    public void Year2563_Has43Items_InTheConfirmedStructure()
    {
        var set = Catalog.Exact(2563)!;
        Assert.Equal(43, set.Items.Count);
        Assert.Equal(Enumerable.Range(1, 43), set.Items.Select(i => i.Number!.Value));
        Assert.All(set.Items.Where(i => i.Number <= 33), i => Assert.Equal("9", i.Indicator));
        Assert.All(set.Items.Where(i => i.Number >= 34), i => Assert.Equal("10", i.Indicator));
        Assert.Equal(5, set.Items.Where(i => i.Indicator == "9").Select(i => i.SubIndicator).Distinct().Count());
        Assert.Equal(2, set.Items.Where(i => i.Indicator == "10").Select(i => i.SubIndicator).Distinct().Count());
        Assert.Equal(PeriodRule.Previous, set.FindItem("O41")!.Period);
        Assert.Equal(PeriodRule.H1, set.FindItem("o40")!.Period);
        Assert.Equal("bands", set.GradeRule.Kind);
    }

    [Fact]
    public void Year2568_HasO1ToO26_WithConfidenceOnEveryItem()
    {
        var set = Catalog.Exact(2568)!;
        Assert.Equal(Enumerable.Range(1, 26), set.Items.Select(i => i.Number!.Value));
        Assert.All(set.Items, i => Assert.Contains(i.Confidence, new[] { "src", "derived", "unverified" }));
        Assert.All(set.Items, i => Assert.All(i.Kinds, k => Assert.True(DisclosureKinds.IsKnown(k))));
        Assert.Equal(PeriodRule.Previous, set.FindItem("o13")!.Period);
        Assert.Equal("unverified", set.FindItem("o5")!.Confidence);
        Assert.Equal("rating", set.GradeRule.Kind);
    }

    [Fact]
    public void ItemCodes_MeanDifferentThings_ByYear()
    {
        Assert.Equal(["anti-corruption-annual-report"], Catalog.Exact(2566)!.FindItem("o36")!.Kinds);
        Assert.Equal(["risk-assessment"], Catalog.Exact(2563)!.FindItem("O36")!.Kinds);
        Assert.Null(Catalog.Exact(2568)!.FindItem("o36"));
    }

    [Theory]
    [InlineData(2570, 2569)]
    [InlineData(2575, 2569)]
    [InlineData(2565, 2563)]
    [InlineData(2564, 2563)]
    public void Resolve_FallsBackToNewestEarlier_WithNote(int requested, int used)
    {
        var r = Catalog.Resolve(requested);
        Assert.Equal(used, r.Set.Year);
        Assert.True(r.IsFallback);
        Assert.Contains(requested.ToString(), r.FallbackNote!.En);
        Assert.Contains(used.ToString(), r.FallbackNote!.Th);
    }

    [Fact]
    public void Resolve_HasNoNote_ForAYearWithItsOwnFile() => Assert.Null(Catalog.Resolve(2568).FallbackNote);

    private const string Valid = """
        { "id": "ita-2599", "year": 2599, "titleTh": "t", "titleEn": "t",
          "indicators": [ { "id": "9", "titleTh": "x", "titleEn": "x",
            "subIndicators": [ { "id": "9.1", "titleTh": "a", "titleEn": "a" } ] } ],
          "items": [ ITEMS ],
          "gradeRule": { "kind": "pass-fail", "bands": [ { "label": "ผ่าน", "labelEn": "pass", "min": 85 } ],
            "confidence": "src", "source": "s" },
          "weights": { "confidence": "derived", "source": "s" } }
        """;

    private static string Item(string code, string kind = "org-structure", string sub = "9.1", string period = "standing") =>
        $$"""
        { "code": "{{code}}", "titleTh": "ก", "titleEn": "a", "indicator": "9", "subIndicator": "{{sub}}", "kinds": ["{{kind}}"],
          "period": "{{period}}", "source": "s", "confidence": "src" }
        """;

    [Theory]
    [InlineData("unknown-kind", "ita-2599.json item o1, kinds: unknown kind 'no-such-kind'")]
    [InlineData("duplicate", "ita-2599.json item O1, code: duplicate code")]
    [InlineData("missing-sub", "ita-2599.json item o2, subIndicator: 9.9 is not defined")]
    [InlineData("bad-period", "ita-2599.json item o1, period: unknown period rule 'sometimes'")]
    public void Load_NamesFileAndItem_WhenInvalid(string problem, string message)
    {
        var items = problem switch
        {
            "unknown-kind" => Item("o1", kind: "no-such-kind"),
            "duplicate" => Item("o1") + "," + Item("O1"),
            "missing-sub" => Item("o1") + "," + Item("o2", sub: "9.9"),
            _ => Item("o1", period: "sometimes"),
        };
        var ex = Assert.Throws<CriteriaValidationException>(() => CriteriaCatalog.Load([("ita-2599.json", Valid.Replace("ITEMS", items))]));
        Assert.Contains(message, ex.Errors);
    }

    [Fact]
    public void Load_Accepts_AValidFile()
    {
        var catalog = CriteriaCatalog.Load([("ita-2599.json", Valid.Replace("ITEMS", Item("o1")))]);
        Assert.Equal([2599], catalog.Years);
    }

    [Fact]
    public void Load_Rejects_ASubIndicatorWithoutItems()
    {
        var json = Valid.Replace("ITEMS", Item("o1")).Replace("""{ "id": "9.1", "titleTh": "a", "titleEn": "a" }""",
            """{ "id": "9.1", "titleTh": "a", "titleEn": "a" }, { "id": "9.2", "titleTh": "b", "titleEn": "b" }""");
        var ex = Assert.Throws<CriteriaValidationException>(() => CriteriaCatalog.Load([("ita-2599.json", json)]));
        Assert.Contains("ita-2599.json, indicators: sub-indicator 9.2 has no items", ex.Errors);
    }
}
