using PlanNacc.Web.Features.Registry;

namespace PlanNacc.Web.Tests.Registry;

/// <summary>Registry import reports the hosting realities: hosts several LAOs live on, and URLs several LAOs list.</summary>
public sealed class RegistryHostingFacts
{
    private const string Header = "dla_code,type,name,province,province_geocode,lao_geocode,size,dola_year,website,all_urls";

    [Fact]
    public void Read_ReportsSharedHostsWithTheirPaths_AndDuplicateUrlsWithTheirCodes()
    {
        var csv = string.Join("\n",
            Header,
            "6540506,TAO,ไทรย้อย,แพร่,54,540506,S,2017,http://www.nmt.or.th/phrae/saiyoi/,",
            "6540507,TAO,นาคูหา,แพร่,54,540507,S,2017,http://nmt.or.th/phrae/nakhuha/index.php,",
            "6550101,TAO,ปัว,น่าน,55,550101,S,2017,http://www.nmt.or.th/nan/pua/,",
            "5300101,ThesabanTambon,องครักษ์,นครนายก,26,260701,M,2017,http://www.ongkarak.go.th/,",
            "6300102,TAO,องครักษ์,นครนายก,26,260702,M,2017,http://ongkarak.go.th,",
            "6300103,TAO,บางลูกเสือ,นครนายก,26,260703,S,2017,https://sites.google.com/view/banglooksua,",
            "6300104,TAO,ทองหลาง,นครนายก,26,260704,S,2017,http://www.thonglang.go.th/,",
            "");

        var result = RegistryCsvReader.Read(new StringReader(csv));

        var nmt = Assert.Single(result.SharedHosts, h => h.Host == "nmt.or.th");
        Assert.Equal(
            [
                new HostedLao("6540506", "/phrae/saiyoi/"), new HostedLao("6540507", "/phrae/nakhuha/"),
                new HostedLao("6550101", "/nan/pua/"),
            ],
            nmt.Laos);
        var duplicate = Assert.Single(result.DuplicateWebsites);
        Assert.Equal(["5300101", "6300102"], duplicate.DlaCodes);
        Assert.Contains(result.SharedHosts, h => h.Host == "ongkarak.go.th");
        Assert.DoesNotContain(result.SharedHosts, h => h.Host is "sites.google.com" or "thonglang.go.th");
        Assert.Equal("http://www.nmt.or.th/phrae/saiyoi/", result.Laos.Single(l => l.DlaCode == "6540506").Website);
    }

    [SharedDataFact]
    public void Read_FindsTheRealSharedHosts_InTheDlaList()
    {
        var path = Path.Combine(TestEnvironment.SharedDir!, "lao-registry", "lao_registry_dla2560_with_urls.csv");

        var result = RegistryCsvReader.Read(new StringReader(RegistryImport.Decode(File.ReadAllBytes(path))));

        // The largest shared host keeps its LAOs under /<province>/<tambon>/ paths.
        var largest = result.SharedHosts[0];
        Assert.Equal("nmt.or.th", largest.Host);
        Assert.True(largest.Laos.Count >= 30, $"{largest.Laos.Count} LAOs");
        Assert.All(largest.Laos, l => Assert.Matches("^/[^/]+/[^/]+/$", l.Path));
        Assert.Contains(result.SharedHosts,
            h => h.Host == "sites.google.com" && h.Laos.Any(l => l.Path.StartsWith("/view/", StringComparison.Ordinal)));
        Assert.NotEmpty(result.DuplicateWebsites);
        Assert.All(result.DuplicateWebsites, d => Assert.True(d.DlaCodes.Count > 1));
    }
}
