using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PlanNacc.Crawler;
using PlanNacc.Scoring;
using PlanNacc.SiteFarm;
using PlanNacc.Web.Features.Demo;
using PlanNacc.Web.Features.Lao;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Evidence;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Tests.Lao;

/// <summary>
/// The farm's markup site (script and markup in its name, link texts, menu labels and titles) crawled for real and
/// shown: every page and export carries the payloads as text, the kept copies are served sandboxed.
/// </summary>
[Collection(HangfireHosts.Name)]
public sealed class MarkupSiteFacts : IAsyncLifetime
{
    private TestHost _host = null!;
    private IRunningFarm _farm = null!;
    private FarmSite _site = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        _farm = await Farm.StartAsync(new FarmOptions { Sites = 0, IncludeMarkupSite = true, PagesPerSite = 12 });
        _site = Assert.Single(_farm.Sites);
        await new RegistryImport(new LaoStore(_host.Database)).ImportAsync(new StringReader(_farm.RegistryCsv()), "farm", "test");
        var options = new CrawlerOptions { EnableRendering = false };
        DemoSetup.ConfigureCrawler(options, new FarmReady(_farm.Port, new Uri($"http://127.0.0.1:{_farm.Port}/_farm/"), _farm.HostMap),
            new DemoOptions { RequestsPerSecondPerHost = 50 });
        var router = new EvidenceRouter();
        await using var crawler = new SiteCrawler(options, router);
        var files = _host.App.Services.GetRequiredService<EvidenceStore>();
        var scanner = new SiteScanService(crawler, PlanNacc.Web.Features.Criteria.CriteriaSource.For(_host.Database),
            new ScanStore(_host.Database), router, files, NullLogger<SiteScanService>.Instance);
        var runId = await new RunStore(_host.Database).CreateAsync("nightly", "all", 2568, 1);
        await scanner.ScanAsync(runId, (await new LaoStore(_host.Database).GetAsync(_site.DlaCode))!, 2568, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _farm.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Pages_ShowPayloadsAsText_Everywhere()
    {
        var client = _host.Browser();
        var checklist = await new LaoQueries(_host.Database).ChecklistAsync(_site.DlaCode);
        Assert.Equal(PlanNacc.Web.Features.Scans.ScanStatus.Ok, checklist?.Scan?.Status);
        Assert.Contains(checklist!.Items.SelectMany(i => i.Evidence),
            e => e.Text.Contains("<script>window.__xss=1</script>", StringComparison.Ordinal));

        foreach (var url in new[] { $"/lao/{_site.DlaCode}", $"/province/{Uri.EscapeDataString(_site.Province)}", "/national",
            $"/?q={_site.DlaCode}", $"/lao/{_site.DlaCode}?lang=en" })
        {
            var html = await client.GetStringAsync(url);
            Assert.DoesNotContain("<script>window.__xss", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.DoesNotContain("<b>ทดสอบ</b>", html);
            if (url != "/national")
            {
                Assert.Contains("&lt;b&gt;ทดสอบ&lt;/b&gt;", html);
            }
        }
        Assert.Contains("&lt;script&gt;window.__xss=1&lt;/script&gt;", await client.GetStringAsync($"/lao/{_site.DlaCode}"));
    }

    [Fact]
    public async Task Exports_CarryPayloadsAsInertText()
    {
        var client = _host.Browser();

        var ita = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/lao/{_site.DlaCode}/ita.csv"));
        var ranking = Encoding.UTF8.GetString(
            await client.GetByteArrayAsync($"/province/{Uri.EscapeDataString(_site.Province)}/ranking.csv"));

        Assert.Contains("<script>window.__xss=1</script>", ita);
        Assert.Contains("<b>ทดสอบ</b>", ranking);
        // No cell begins a formula: each field starts after a comma, a quote or a line start.
        foreach (var text in new[] { ita, ranking })
        {
            Assert.DoesNotContain(",=", text);
            Assert.DoesNotContain(",\"=", text);
            Assert.DoesNotContain("\n=", text);
        }
    }

    [Fact]
    public async Task KeptCopies_AreServedSandboxed()
    {
        var checklist = await new LaoQueries(_host.Database).ChecklistAsync(_site.DlaCode);
        // The copies kept (of the places each status was decided on): the page links these, and each is served.
        var hashes = checklist!.KeptCopies.ToList();
        Assert.NotEmpty(hashes);
        var html = await _host.Browser().GetStringAsync($"/lao/{_site.DlaCode}");
        Assert.All(checklist.Items.SelectMany(i => i.Evidence).Select(e => e.ContentHash).OfType<string>().Except(hashes),
            uncopied => Assert.DoesNotContain($"/evidence/{uncopied}", html, StringComparison.Ordinal));

        foreach (var hash in hashes)
        {
            var response = await _host.Browser().GetAsync($"/evidence/{hash}");
            Assert.True(response.IsSuccessStatusCode, hash);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.StartsWith("sandbox;", csp);
            Assert.DoesNotContain("allow-scripts", csp);
            Assert.DoesNotContain("allow-same-origin", csp);
        }
    }
}
