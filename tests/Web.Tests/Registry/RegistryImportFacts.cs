using PlanNacc.Web.Features.Registry;

namespace PlanNacc.Web.Tests.Registry;

public sealed class RegistryImportFacts(DatabasesFixture databases) : IClassFixture<DatabasesFixture>
{
    private const string Header = "dla_code,type,name,province,province_geocode,lao_geocode,size,dola_year,website,all_urls";

    [Fact]
    public void Read_ReportsEachBadRowByLine_AndKeepsTheRest()
    {
        var csv = string.Join("\n",
            Header,
            "6110112,TAO,บางโปรง,สมุทรปราการ,11,110161,M,2017,https://bangprong.go.th/,https://bangprong.go.th/@2021-12-21",
            "611011,TAO,สั้นไป,สมุทรปราการ,11,110162,S,2017,,",
            "6110113,TAO,แพรกษา,สมุทรปราการ,11,110160,L,2017,\"www,tlpm.go.th\",",
            "6110112,TAO,บางโปรงซ้ำ,สมุทรปราการ,11,110161,M,2017,,",
            "6110114,ThesabanTambon,บางโปรง,สมุทรปราการ,11,110164,S,2017,http://www.bangprong.go.th,",
            "6110115,TAO,\"มี\"คำพูด,สมุทรปราการ,11,110165,S,2017,,",
            "6110116,TAO,ขาดช่อง,สมุทรปราการ",
            "6110117,Village,หมู่บ้าน,สมุทรปราการ,11,110167,S,2017,,",
            "6110118,TAO,\"ชื่อ, มีจุลภาค\",สมุทรปราการ,11,110168,Undefined,2017,bangduan.go.th,",
            "");

        var result = RegistryCsvReader.Read(new StringReader(csv));

        Assert.Equal(9, result.RowsRead);
        Assert.Equal(["6110112", "6110113", "6110114", "6110118"], result.Laos.Select(l => l.DlaCode));
        Assert.Equal(
            [(3, true), (4, false), (5, true), (6, false), (7, true), (8, true), (9, true)],
            result.Problems.Select(p => (p.Line, p.Rejected)));
        Assert.Contains("www,tlpm.go.th", result.Problems.Single(p => p.Line == 4).Message);
        Assert.Contains("first on line 2", result.Problems.Single(p => p.Line == 5).Message);
        Assert.Contains("6110112", result.Problems.Single(p => p.Line == 6).Message);
        Assert.Null(result.Laos.Single(l => l.DlaCode == "6110113").Website);
        Assert.Null(result.Laos.Single(l => l.DlaCode == "6110114").Website);
        var last = result.Laos.Single(l => l.DlaCode == "6110118");
        Assert.Equal(("ชื่อ, มีจุลภาค", null, "http://bangduan.go.th/"), (last.Name, last.Size, last.Website));
    }

    [Fact]
    public void Read_Throws_WhenHeaderIsNotARegistry()
    {
        var e = Assert.Throws<RegistryFormatException>(() => RegistryCsvReader.Read(new StringReader("code,name\n1,x\n")));
        Assert.Contains("dla_code", e.Message);
    }

    [Theory]
    [InlineData("https://bangprong.go.th/", "https://bangprong.go.th/")]
    [InlineData("www.bangduan.go.th", "http://www.bangduan.go.th/")]
    [InlineData("http://ยางใหญ่.com/", "http://ยางใหญ่.com/")]
    [InlineData("http://61.19.250.201/~prangku/", "http://61.19.250.201/~prangku/")]
    [InlineData("www,tlpm.go.th", null)]
    [InlineData("ftp://files.example.go.th/", null)]
    [InlineData("http://localhost/", null)]
    [InlineData("http:// spaced .go.th", null)]
    public void NormaliseWebsite_AcceptsOnlyHttpUrlsWithRealHosts(string text, string? expected) =>
        Assert.Equal(expected, RegistryCsvReader.NormaliseWebsite(text)?.ToString());

    [Fact]
    public async Task ImportAsync_UpdatesInPlace_WhenFileImportedAgain()
    {
        var db = await databases.GetAsync("sqlite");
        var import = new RegistryImport(new LaoStore(db.Database));
        var code = TestData.NewCode();
        var before = $"{Header}\n{code},TAO,โรงช้าง,สิงห์บุรี,17,170401,S,2017,http://www.rongchang.go.th/,\n";
        var after = $"{Header}\n{code},ThesabanTambon,โรงช้าง,สิงห์บุรี,17,170401,M,2017,https://rongchang.go.th/,\n";

        var first = await import.ImportAsync(new StringReader(before), "before.csv", "test");
        var second = await import.ImportAsync(new StringReader(after), "after.csv", "test");

        Assert.Equal((1, 0), (first.Upserted.Inserted, first.Upserted.Updated));
        Assert.Equal((0, 1), (second.Upserted.Inserted, second.Upserted.Updated));
        var lao = await new LaoStore(db.Database).GetAsync(code);
        Assert.Equal(("ThesabanTambon", "M", "https://rongchang.go.th/"), (lao!.Type, lao.Size, lao.Website));
    }

    /// <summary>A slip in one cell of a re-imported file says so by its line; it does not take away the website the LAO had.</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ImportAsync_KeepsTheStoredWebsite_WhenTheNewFilesCellIsMalformed(string provider)
    {
        var db = await databases.GetAsync(provider);
        var import = new RegistryImport(new LaoStore(db.Database));
        var code = TestData.NewCode();
        // A website no other fact of this class (they share one database) or the real registry lists.
        var site = $"http://www.lao{code}.go.th/";
        var before = $"{Header}\n{code},TAO,โรงช้าง,สิงห์บุรี,17,170401,S,2017,{site},\n";
        var after = $"{Header}\n{code},TAO,โรงช้าง,สิงห์บุรี,17,170401,M,2017,http:// lao{code} .go.th,\n";

        await import.ImportAsync(new StringReader(before), "before.csv", "test");
        var second = await import.ImportAsync(new StringReader(after), "after.csv", "test");

        Assert.Contains(second.Problems, p => p.Message.Contains("malformed website", StringComparison.Ordinal)
            && p.Message.Contains("kept", StringComparison.Ordinal));
        var lao = await new LaoStore(db.Database).GetAsync(code);
        Assert.Equal(("M", site), (lao!.Size, lao.Website));
    }

    [SharedDataFact]
    public async Task ImportAsync_LoadsRealDlaRegistry_AndReportsItsFlaws()
    {
        var db = await databases.GetAsync("sqlite");
        var path = Path.Combine(TestEnvironment.SharedDir!, "lao-registry", "lao_registry_dla2560_with_urls.csv");

        var report = await new RegistryImport(new LaoStore(db.Database)).ImportAsync(path, "test");

        // SOURCE.md: 7,871 rows, 7,851 distinct codes, a website for 5,906 rows.
        Assert.Equal(7871, report.RowsRead);
        Assert.Equal(20, report.Rejected);
        Assert.All(report.Problems.Where(p => p.Rejected), p => Assert.Contains("duplicate dla_code", p.Message));
        Assert.True(report.Upserted.Inserted + report.Upserted.Updated == 7851, report.Summary);
        Assert.All(report.Problems.Where(p => !p.Rejected), p => Assert.Contains("also the site of", p.Message));
        var withWebsite = await new LaoStore(db.Database).WithWebsiteAsync();
        Assert.InRange(withWebsite.Count, 5800, 5906);
        Assert.Equal(withWebsite.Count, withWebsite.Select(l => l.Website).Distinct().Count());
    }

    // The DLA open-data list (dlads_05_01): Thai headers, one row per tambon an LAO covers, Thai type names, names with their prefix.
    private const string DlaHeader = "จังหวัด,อำเภอ,ตำบล,รหัส อปท.,ประเภท อปท.,อปท.,ที่ตั้ง,LAT,LONG,เว็ปไซต์ของอปท";

    [Fact]
    public void Read_AcceptsDlaOpenDataLayout_OneLaoOverManyTambonRows()
    {
        var csv = string.Join("\n",
            DlaHeader,
            "สิงห์บุรี,พรหมบุรี,โรงช้าง,6170401,องค์การบริหารส่วนตำบล,องค์การบริหารส่วนตำบลโรงช้าง,หมู่ 1,14.8,100.4,www.rongchang.go.th",
            "สิงห์บุรี,พรหมบุรี,บางน้ำเชี่ยว,6170401,องค์การบริหารส่วนตำบล,องค์การบริหารส่วนตำบลโรงช้าง,"
                + "หมู่ 1,14.8,100.4,www.rongchang.go.th",
            "พิจิตร,โพธิ์ประทับช้าง,โรงช้าง,6660302,อบต.,อบต.โรงช้าง,,16.3,100.3,\"www,tlpm.go.th\"",
            "จังหวัดสิงห์บุรี,อำเภอเมืองสิงห์บุรี,บางพุทรา,5170101,เทศบาลตำบล,ทต.บางพุทรา,,,,http://bangphutsa.go.th/",
            "ชลบุรี,บางละมุง,หนองปรือ,๗๒๐๐๐๐๑,เมืองพัทยา,เมืองพัทยา,,,,https://www.pattaya.go.th/",
            "ชลบุรี,บางละมุง,นาเกลือ,72000,เมืองพัทยา,เมืองพัทยา,,,,",
            "สิงห์บุรี,พรหมบุรี,พระงาม,6170402,หมู่บ้าน,พระงาม,,,,",
            "สิงห์บุรี,พรหมบุรี,บ้านหม้อ,6170401,องค์การบริหารส่วนตำบล,องค์การบริหารส่วนตำบลโรงช้าง,,,,https://other.example.go.th/",
            "");

        var result = RegistryCsvReader.Read(new StringReader(csv));

        Assert.Equal((RegistryLayout.DlaOpenData, 8), (result.Layout, result.RowsRead));
        Assert.Equal(
            [
                ("6170401", "TAO", "โรงช้าง", "สิงห์บุรี", "พรหมบุรี", "http://www.rongchang.go.th/"),
                ("6660302", "TAO", "โรงช้าง", "พิจิตร", "โพธิ์ประทับช้าง", null),
                ("5170101", "ThesabanTambon", "บางพุทรา", "สิงห์บุรี", "เมืองสิงห์บุรี", "http://bangphutsa.go.th/"),
                ("7200001", "Special", "เมืองพัทยา", "ชลบุรี", "บางละมุง", "https://www.pattaya.go.th/"),
            ],
            result.Laos.Select(l => (l.DlaCode, l.Type, l.Name, l.Province, l.District, l.Website)));
        Assert.Equal([(4, false), (7, true), (8, true), (9, false)], result.Problems.Select(p => (p.Line, p.Rejected)));
        Assert.Contains("www,tlpm.go.th", result.Problems[0].Message);
        Assert.Contains("differs", result.Problems[3].Message);
    }

    [Fact]
    public async Task ImportAsync_ReadsWindows874File_InTheDlaLayout()
    {
        var db = await databases.GetAsync("sqlite");
        var code = "6" + TestData.NewCode()[1..];
        var path = Path.Combine(db.Folder, "dlads_05_01.csv");
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        await File.WriteAllBytesAsync(path, System.Text.Encoding.GetEncoding(874).GetBytes(
            $"{DlaHeader}\r\nสิงห์บุรี,พรหมบุรี,โรงช้าง,{code},อบต.,อบต.โรงช้าง,,,,https://rongchang-{code}.go.th/\r\n"));

        var report = await new RegistryImport(new LaoStore(db.Database)).ImportAsync(path, "test");

        Assert.Equal((RegistryLayout.DlaOpenData, 1), (report.Layout, report.Upserted.Inserted));
        var lao = await new LaoStore(db.Database).GetAsync(code);
        Assert.Equal(("TAO", "โรงช้าง", "สิงห์บุรี"), (lao!.Type, lao.Name, lao.Province));
    }
}
