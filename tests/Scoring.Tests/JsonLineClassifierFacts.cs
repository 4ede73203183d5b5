using System.Text.Json;
using PlanNacc.Scoring.Classification;
using PlanNacc.Scoring.Criteria;

namespace PlanNacc.Scoring.Tests;

public class JsonLineClassifierFacts
{
    [Fact]
    public void ClassifyLine_WritesTheDesignShape()
    {
        var line = new JsonLineClassifier(2568).ClassifyLine(
            """{"id":"a1","text":"แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570)","url":"http://x.example/plan.pdf"}""");
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

    [Fact]
    public void ClassifyLine_ReadsAWholePage_ByItsTitleAndHeadings_NotItsMenus()
    {
        // real pages carry a menu naming every item, officials' names and a visitor counter around the one thing that matters
        var html = "<html><head><title>เทศบาลตำบลทดสอบ</title></head><body><ul><li>ข่าวประชาสัมพันธ์</li><li>คณะผู้บริหาร</li>"
            + "<li>ประกาศจัดซื้อจัดจ้าง</li><li>ติดต่อเรา</li></ul><h2>แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570)</h2>"
            + "<p>นายสมชาย ใจดี นายกเทศมนตรี</p><p>ผู้เข้าชม 12345 คน</p></body></html>";
        var line = JsonSerializer.Serialize(new { id = "p1", html, url = "http://x.example/plan.php" });
        using var doc = JsonDocument.Parse(new JsonLineClassifier(2568).ClassifyLine(line));
        Assert.Equal("development-plan", doc.RootElement.GetProperty("kinds")[0].GetString());
        Assert.Equal(2566, doc.RootElement.GetProperty("fiscalYearSpan")[0].GetInt32());

        // a page given as title + text: the title names the item, the lead of the text gives its year
        var text = "ข่าวประชาสัมพันธ์ คณะผู้บริหาร ประกาศจัดซื้อจัดจ้าง ติดต่อเรา";
        var page = new DisclosureClassifier().ClassifyPage("ประกาศใช้ข้อบัญญัติงบประมาณรายจ่ายประจำปี", [], text + " พ.ศ. 2567");
        Assert.Equal("budget-plan", page.PrimaryKind);
        Assert.Equal(2567, page.FiscalYear);
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
