using PlanNacc.Scoring.Thai;

namespace PlanNacc.Scoring.Tests;

public class ThaiTextFacts
{
    [Theory]
    [InlineData("ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", "ประจำปีงบประมาณ พ.ศ. 2568")]
    [InlineData("พ.ศ.2568", "พ.ศ. 2568")]
    [InlineData("พ.ศ 2568", "พ.ศ. 2568")]
    [InlineData("พ. ศ. 2568", "พ.ศ. 2568")]
    [InlineData("พ.ศ.๒๕๖๘", "พ.ศ. 2568")]
    [InlineData("&#3605;&#3635;&#3610;&#3621;", "ตำบล")]
    [InlineData("ประจำปี&nbsp;2568", "ประจำปี 2568")]
    [InlineData("ข้อมูล\u200Bผู้บริหาร", "ข้อมูลผู้บริหาร")]
    [InlineData("ข้อมูล\uFEFFผู้บริหาร", "ข้อมูลผู้บริหาร")]
    [InlineData("  โครงสร้าง \t\n องค์กร  ", "โครงสร้าง องค์กร")]
    [InlineData("ITA\u00A02568", "ita 2568")]
    [InlineData("แผ่นปฏิบัติการป้องกันการทุจริต", "แผนปฏิบัติการป้องกันการทุจริต")]
    [InlineData("ต่อต้านการทุจริตคอรัปชั่น", "ต่อต้านการทุจริตคอร์รัปชัน")]
    [InlineData("คอร์รัปชั่น", "คอร์รัปชัน")]
    [InlineData("การปฎิบัติงาน", "การปฏิบัติงาน")]
    [InlineData("ทํา", "ทำ")]
    [InlineData("เเผนพัฒนา", "แผนพัฒนา")]
    [InlineData("2566 – 2570", "2566 - 2570")]
    [InlineData("E-Service", "e-service")]
    [InlineData("พ.ศก", "พ.ศก")]
    [InlineData("", "")]
    public void Normalize_FoldsVariants(string input, string expected) => Assert.Equal(expected, ThaiText.Normalize(input));

    [SharedDataFact]
    public void Normalize_DecodesNumericReferences_OnRealPage()
    {
        // info_chingcha.html carries its Thai text as &#NNNN; references (MANIFEST.md)
        var html = File.ReadAllText(Path.Combine(TestEnvironment.SharedDir!, "real-lao-pages", "saiyoidenchai.go.th__info_chingcha.html"));
        Assert.Contains("&#3605;", html);
        var text = ThaiText.Normalize(html);
        Assert.DoesNotContain("&#3605;", text);
        Assert.Contains("เสาชิงช้า", text);
    }
}
