using Microsoft.Extensions.DependencyInjection;
using PlanNacc.Web.Features.Registry;

namespace PlanNacc.Web.Tests.Registry;

/// <summary>The LAO page says what the registry import found: a host shared with other LAOs, a URL other LAOs list too.</summary>
[Collection(HangfireHosts.Name)]
public sealed class RegistryFindingsPageFacts : IAsyncLifetime
{
    private const string Header = "dla_code,type,name,province,province_geocode,lao_geocode,size,dola_year,website,all_urls";
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<RegistryImportReport> ImportAsync(params string[] rows) =>
        _host.App.Services.GetRequiredService<RegistryImport>()
            .ImportAsync(new StringReader(string.Join("\n", [Header, .. rows, ""])), "registry.csv", "test");

    [Fact]
    public async Task LaoPage_NamesTheLaosSharingItsHostOrItsUrl_AndForgetsThemWhenTheRegistryChanges()
    {
        await ImportAsync(
            "6540506,TAO,ไทรย้อย,แพร่,54,540506,S,2017,http://www.nmt.or.th/phrae/saiyoi/,",
            "6540507,TAO,นาคูหา,แพร่,54,540507,S,2017,http://nmt.or.th/phrae/nakhuha/index.php,",
            "5300101,ThesabanTambon,องครักษ์,นครนายก,26,260701,M,2017,http://www.ongkarak.go.th/,",
            "6300102,TAO,องครักษ์,นครนายก,26,260702,M,2017,http://ongkarak.go.th,",
            "6300104,TAO,ทองหลาง,นครนายก,26,260704,S,2017,http://www.thonglang.go.th/,");

        var shared = await _host.Browser().GetStringAsync("/lao/6540506?lang=en");
        Assert.Contains("data-finding=\"shared-host\"", shared);
        Assert.Contains("shares the host nmt.or.th with 1 other LAOs (crawled only under /phrae/saiyoi/)", shared);
        Assert.Contains("<a href=\"/lao/6540507\" data-other=\"6540507\">6540507</a>", shared);
        Assert.DoesNotContain("data-finding=\"duplicate-url\"", shared);

        var duplicate = await _host.Browser().GetStringAsync("/lao/6300102");
        Assert.Contains("data-finding=\"duplicate-url\"", duplicate);
        Assert.Contains("data-other=\"5300101\"", duplicate);
        // One URL listed twice is not a shared host: there is no path to keep each LAO to.
        Assert.DoesNotContain("data-finding=\"shared-host\"", duplicate);
        Assert.DoesNotContain("data-finding", await _host.Browser().GetStringAsync("/lao/6300104"));

        // The registry corrected: the second LAO has its own site now, and neither page says otherwise any more.
        await ImportAsync(
            "5300101,ThesabanTambon,องครักษ์,นครนายก,26,260701,M,2017,http://www.ongkarak.go.th/,",
            "6300102,TAO,องครักษ์,นครนายก,26,260702,M,2017,http://www.ongkarak-tao.go.th/,");
        Assert.DoesNotContain("data-finding", await _host.Browser().GetStringAsync("/lao/6300102"));
        Assert.DoesNotContain("data-finding", await _host.Browser().GetStringAsync("/lao/5300101"));
    }
}
