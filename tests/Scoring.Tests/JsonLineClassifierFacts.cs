using System.Text.Json;
using PlanNacc.Scoring.Classification;
using PlanNacc.Scoring.Criteria;

namespace PlanNacc.Scoring.Tests;

public class JsonLineClassifierFacts
{
    [Fact]
    public void ClassifyLine_WritesTheDesignShape()
    {
        var line = new JsonLineClassifier(2568).ClassifyLine("""{"id":"a1","text":"แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570)","url":"http://x.example/plan.pdf"}""");
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        Assert.Equal("a1", root.GetProperty("id").GetString());
        Assert.Equal("development-plan", root.GetProperty("kinds")[0].GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("fiscalYear").ValueKind);
        Assert.Equal(2566, root.GetProperty("fiscalYearSpan")[0].GetInt32());
        Assert.Equal(2570, root.GetProperty("fiscalYearSpan")[1].GetInt32());
        Assert.InRange(root.GetProperty("confidence").GetDouble(), 0.5, 1);
        Assert.False(root.TryGetProperty("note", out _));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"id":7}""")]
    [InlineData("""{"id":7,"text":5}""")]
    public void ClassifyLine_ReturnsErrorObject_ForMalformedLine(string line)
    {
        using var doc = JsonDocument.Parse(new JsonLineClassifier().ClassifyLine(line));
        Assert.True(doc.RootElement.TryGetProperty("error", out _));
    }

    [Fact]
    public void ClassifyLine_CarriesFallbackNote_ForYearWithoutFile()
    {
        using var doc = JsonDocument.Parse(new JsonLineClassifier(2570).ClassifyLine("""{"id":1,"text":"ITA 2570"}"""));
        Assert.Contains("2569", doc.RootElement.GetProperty("note").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("id").GetInt32());
    }

    [Fact]
    public void CriteriaPrinter_ListsEveryItem()
    {
        var r = CriteriaCatalog.Default.Resolve(2570);
        var text = CriteriaPrinter.ToText(r);
        Assert.Contains("NOTE:", text);
        Assert.All(r.Set.Items, i => Assert.Contains(i.Code + " ", text));
        using var json = JsonDocument.Parse(CriteriaPrinter.ToJson(r));
        Assert.Equal(26, json.RootElement.GetProperty("items").GetArrayLength());
    }
}
