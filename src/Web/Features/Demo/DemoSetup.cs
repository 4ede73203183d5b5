using PlanNacc.Crawler;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Features.Demo;

/// <summary>`serve --demo`: point the crawler at the farm, import the farm's LAOs, scan them all.</summary>
public static class DemoSetup
{
    public static void ConfigureCrawler(CrawlerOptions crawler, FarmReady farm, DemoOptions demo)
    {
        foreach (var (host, address) in farm.HostMap)
        {
            crawler.Resolve[host] = address;
        }
        // The farm serves on loopback; the crawler refuses loopback unless told. Only the farm's own host names are trusted
        // to be there: any other URL, redirect or DNS answer that leads to this machine is still refused.
        crawler.TrustResolveMap = true;
        crawler.RequestsPerSecondPerHost = demo.RequestsPerSecondPerHost;
        crawler.MaxConcurrentPerAddress = demo.MaxConcurrentPerAddress;
    }

    public static async Task<long> ImportAndScanAsync(IServiceProvider services, FarmReady farm, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var csv = await http.GetStringAsync(new Uri(farm.Control, "registry.csv"), cancellationToken);
        var read = RegistryCsvReader.Read(new StringReader(csv));
        await services.GetRequiredService<LaoStore>().UpsertAsync(read.Laos, "demo", cancellationToken);
        using var scope = services.CreateScope();
        var jobs = scope.ServiceProvider.GetRequiredService<ScanJobs>();
        return await jobs.StartRunAsync("on-demand", "demo", read.Laos.Where(l => l.Website is not null).Select(l => l.DlaCode).ToList());
    }
}
