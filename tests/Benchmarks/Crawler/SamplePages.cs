using System.Text;

namespace PlanNacc.Benchmarks.Crawler;

/// <summary>The HTML the crawler benchmarks parse: a real LAO home page from ../shared when present, else a generated one of like
/// shape.</summary>
internal static class SamplePages
{
    public static (byte[] Bytes, string Source) LaoHomePage()
    {
        foreach (var dir in new[] { Environment.GetEnvironmentVariable("PLANNACC_SHARED"), FindShared() })
        {
            var file = dir is null ? null : Path.Combine(dir, "real-lao-pages", "phukradungsao.go.th__home.html");
            if (file is not null && File.Exists(file))
            {
                return (File.ReadAllBytes(file), file);
            }
        }
        return (Encoding.UTF8.GetBytes(Generated()), "generated");
    }

    private static string? FindShared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PlanNacc.sln")))
            {
                var shared = Path.Combine(dir.FullName, "..", "shared");
                return Directory.Exists(shared) ? shared : null;
            }
        }
        return null;
    }

    private static string Generated()
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang='th'><head><meta " +
            "charset='utf-8'><title>องค์การบริหารส่วนตำบลทดสอบ</title></head><body><header><h1>อบต.ทดสอบ</h1></header><nav><ul>");
        for (var menu = 0; menu < 8; menu++)
        {
            html.Append($"<li><a href='#'>เมนูหลัก {menu}</a><ul>");
            for (var item = 0; item < 12; item++)
            {
                html.Append($"<li><a href='/index.php?menuid={menu * 100 + item}'>ข้อมูลข่าวสาร รายการ {item} ประจำปี 2568</a></li>");
            }
            html.Append("</ul></li>");
        }
        html.Append("</ul></nav><main><table>");
        for (var row = 0; row < 40; row++)
        {
            html.Append($"<tr><td>o{row}</td><td>การเปิดเผยข้อมูลสาธารณะ ข้อ {row}</td><td><a " +
                $"href='/ita/2568/o{row}.pdf'>ดาวน์โหลด</a></td></tr>");
        }
        html.Append("</table>");
        for (var p = 0; p < 60; p++)
        {
            html.Append("<p>องค์การบริหารส่วนตำบลได้ดำเนินการตามแผนพัฒนาท้องถิ่น เพื่อประโยชน์สุขของประชาชนในพื้นที่ <img " +
                "src='/img/x.jpg' alt='ภาพ'></p>");
        }
        return html.Append("</main><footer><a href='/complaint'>รับเรื่องราวร้องทุกข์</a></footer></body></html>").ToString();
    }
}
