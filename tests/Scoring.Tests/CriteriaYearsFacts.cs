using System.Text.Json;
using System.Text.Json.Nodes;
using PlanNacc.Crawler;
using PlanNacc.Scoring.Classification;
using PlanNacc.Scoring.Criteria;

namespace PlanNacc.Scoring.Tests;

/// <summary>ITA 2569 (provisional), years without criteria, criteria as data an operator edits and imports, and the diff.</summary>
public class CriteriaYearsFacts
{
    private static readonly CriteriaCatalog Catalog = CriteriaCatalog.Default;

    // ita-2569.md §3: code, kinds, window, one line per item as the source agency's 2569 headings give them.
    [Theory]
    [InlineData("O1", "org-structure,authority", "standing")]
    [InlineData("O3", "contact,qa", "standing")]
    [InlineData("O4", "news", "current")]
    [InlineData("O5", "development-plan", "span")]
    [InlineData("O7", "operating-annual-report", "previous")]
    [InlineData("O11", "procurement-progress", "h1")]
    [InlineData("O12", "procurement-annual-report", "previous")]
    [InlineData("O13", "hr-criteria,hr-policy", "current")]
    [InlineData("O14", "hr-annual-report", "previous")]
    [InlineData("O20", "no-gift-policy,no-gift-culture,gift-report", "current")]
    [InlineData("O21", "risk-assessment", "current")]
    [InlineData("O22", "risk-management", "previous")]
    [InlineData("O23", "anti-corruption-plan", "current")]
    [InlineData("O24", "anti-corruption-annual-report", "previous")]
    [InlineData("O25", "ita-results-use", "current")]
    [InlineData("O26", "integrity-measures-actions", "previous")]
    public void Year2569_Item_HasItsKindsAndWindow(string code, string kinds, string period)
    {
        var item = Catalog.Exact(2569)!.FindItem(code)!;
        Assert.Equal(kinds.Split(','), item.Kinds);
        Assert.Equal(period, item.PeriodText);
    }

    [Fact]
    public void Year2569_Has26Items_MarkedProvisional_WithItsSource()
    {
        var set = Catalog.Exact(2569)!;
        Assert.Equal(Enumerable.Range(1, 26), set.Items.Select(i => i.Number!.Value));
        Assert.True(set.Provisional);
        Assert.Equal(CriteriaStatus.Provisional, set.Status);
        Assert.Contains("ita-2569.md", set.Source);
        Assert.All(set.Items, i => Assert.False(string.IsNullOrWhiteSpace(i.Source)));
        Assert.False(Catalog.Exact(2568)!.Provisional);
    }

    [Fact]
    public void ItemCodes_AreKeyedOnYearAndCode_From11On()
    {
        Assert.Equal(["no-gift-policy", "no-gift-culture"], Catalog.Exact(2568)!.FindItem("o21")!.Kinds);
        Assert.Equal(["risk-assessment"], Catalog.Exact(2569)!.FindItem("o21")!.Kinds);
        Assert.Equal(["risk-assessment"], Catalog.Exact(2568)!.FindItem("o23")!.Kinds);
        Assert.Equal(["anti-corruption-plan"], Catalog.Exact(2569)!.FindItem("O23")!.Kinds);
    }

    [Fact]
    public void Classifier_ReadsAnItemCode_AgainstTheYearInTheText()
    {
        // a hub line "ITA 2569 o23" is the 2569 item (anti-corruption plan), not 2568's o23 (bribery risk)
        var c = DisclosureClassifier.Default.Classify("ITA 2569 o23", criteriaYear: 2569);
        Assert.Equal(["anti-corruption-plan"], c.Kinds);
        Assert.Equal(["ita-results-use"], DisclosureClassifier.Default.Classify("การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร").Kinds);
    }

    [Fact]
    public void Resolve_AYearWithoutCriteria_NamesBothYears_AndThatTheUsedOneIsProvisional()
    {
        var r = Catalog.Resolve(2570);
        Assert.Equal(2569, r.Set.Year);
        Assert.Contains("2570", r.FallbackNote!.Th);
        Assert.Contains("2569", r.FallbackNote!.Th);
        Assert.Contains("provisional", r.FallbackNote!.En);
        Assert.NotNull(r.ProvisionalNote);
        Assert.Null(Catalog.Resolve(2568).ProvisionalNote);
    }

    [Fact]
    public void Score_OfAFallbackYear_SaysSoInTheVerdict()
    {
        var at = DateTimeOffset.UtcNow;
        var snapshot = new SiteSnapshot { Root = new Uri("http://lao.example/"), Status = SiteStatus.Ok, StartedAt = at, FinishedAt = at };
        var verdict = new SiteScorer().Score(snapshot, 2570);
        Assert.Equal(2569, verdict.Criteria.Year);
        Assert.Equal(2570, verdict.Criteria.RequestedYear);
        Assert.True(verdict.Criteria.Provisional);
        Assert.Contains(verdict.Notes, n => n.En.Contains("provisional", StringComparison.Ordinal));
        Assert.Contains(verdict.Notes, n => n == verdict.Criteria.FallbackNote);
    }

    [Fact]
    public void ToJson_CarriesProvisional_AtTopLevel()
    {
        using var doc = JsonDocument.Parse(CriteriaPrinter.ToJson(Catalog.Resolve(2569)));
        Assert.True(doc.RootElement.GetProperty("provisional").GetBoolean());
        Assert.Equal("provisional", doc.RootElement.GetProperty("status").GetString());
        Assert.Equal(26, doc.RootElement.GetProperty("items").GetArrayLength());
        using var confirmed = JsonDocument.Parse(CriteriaPrinter.ToJson(Catalog.Resolve(2568)));
        Assert.False(confirmed.RootElement.GetProperty("provisional").GetBoolean());
    }

    [Theory]
    [InlineData(2563)]
    [InlineData(2568)]
    [InlineData(2569)]
    [InlineData(2570)]
    public void Parse_ReadsBack_WhatToJsonPrints(int year)
    {
        var r = Catalog.Resolve(year);
        var back = CriteriaPrinter.Parse("printed.json", CriteriaPrinter.ToJson(r));
        Assert.Equal(r.Set.Year, back.Year);
        Assert.Equal(r.Set.Status, back.Status);
        Assert.Equal(r.Set.Items.Count, back.Items.Count);
        Assert.Equal(CriteriaPrinter.ToJson(r), CriteriaPrinter.ToJson(new CriteriaResolution(back, year, r.FallbackNote)));
    }

    [Fact]
    public void Parse_AcceptsAnEditedYear_AsANewYear()
    {
        var json = JsonNode.Parse(CriteriaPrinter.ToJson(Catalog.Resolve(2569)))!.AsObject();
        json["year"] = 2570;
        json["id"] = "ita-2570";
        json["items"]![0]!["titleTh"] = "โครงสร้างองค์กร";
        var set = CriteriaPrinter.Parse("edited.json", json.ToJsonString());
        Assert.Equal(2570, set.Year);
        Assert.Equal("โครงสร้างองค์กร", set.Items[0].TitleTh);
        var catalog = Catalog.With([set]);
        Assert.False(catalog.Resolve(2570).IsFallback);
        Assert.Equal(2569, catalog.Resolve(2569).Set.Year);
    }

    [Fact]
    public void Parse_GivesOneErrorPerProblem_NamingFileItemAndField()
    {
        var json = JsonNode.Parse(CriteriaPrinter.ToJson(Catalog.Resolve(2569)))!.AsObject();
        var items = json["items"]!.AsArray();
        items[1]!["code"] = "O1";
        items[2]!["kinds"]!.AsArray().Add("no-such-kind");
        items[3]!.AsObject().Remove("titleTh");
        json["provisional"] = false;
        var ex = Assert.Throws<CriteriaValidationException>(() => CriteriaPrinter.Parse("ita-2570.json", json.ToJsonString()));
        Assert.Equal(
            [
                "ita-2570.json, provisional: says false but status is 'provisional'; change both",
                "ita-2570.json item O1, code: duplicate code",
                "ita-2570.json item O3, kinds: unknown kind 'no-such-kind'",
                "ita-2570.json item O4, titleTh: missing title",
            ],
            ex.Errors);
    }

    [Fact]
    public void Diff_2568To2569_ListsRenamedMovedAddedRemoved()
    {
        var diff = CriteriaDiff.Compare(Catalog.Exact(2568)!, Catalog.Exact(2569)!);
        ItemDiff To(string code) => diff.Single(d => d.To?.Code == code);

        Assert.Equal([ItemChange.Renamed], To("O1").Changes);
        Assert.Equal("o25", To("O23").From!.Code);
        Assert.Contains(ItemChange.Moved, To("O23").Changes);
        Assert.Equal("o26", To("O24").From!.Code);
        Assert.Equal("o21", To("O20").From!.Code);
        Assert.Equal([ItemChange.Added], To("O25").Changes);
        Assert.Contains(diff, d => d.From?.Code == "o11" && d.Changes.SequenceEqual([ItemChange.Removed]));
        Assert.Contains(diff, d => d.From?.Code == "o22" && d.Changes.SequenceEqual([ItemChange.Removed]));
        Assert.DoesNotContain(diff, d => d.To?.Code == "O8");
    }

    [Fact]
    public void Diff_OfAYearWithItself_IsEmpty() => Assert.Empty(CriteriaDiff.Compare(Catalog.Exact(2569)!, Catalog.Exact(2569)!));
}
