using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PlanNacc.Crawler;
using PlanNacc.SiteFarm;
using PlanNacc.Web.Composition;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Storage;

namespace PlanNacc.Benchmarks.Shared;

/// <summary>PlanNacc's job server as the product builds it (storage, Hangfire, crawler, scorer), aimed at an in-process site farm.</summary>
public static class FarmHost
{
    /// <param name="workers">Sites crawled at once (Scans:WorkerCount).</param>
    /// <param name="extra">More configuration (e.g. Scans:RetryDelaysSeconds:0).</param>
    public static IHost Build(IRunningFarm farm, StorageOptions storage, int workers, Action<CrawlerOptions> crawler, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, DisableDefaults = true });
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = storage.Provider.ToString(),
            ["Storage:ConnectionString"] = storage.ConnectionString,
            ["Storage:DataDir"] = storage.DataDir,
            ["Scans:WorkerCount"] = workers.ToString(CultureInfo.InvariantCulture),
            ["Scans:FiscalYear"] = "2568",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole();
        StorageExtensions.EnsureDataDir(storage);
        builder.AddPlanNacc(options =>
        {
            foreach (var (host, address) in farm.HostMap)
            {
                options.Resolve[host] = address;
            }
            options.AllowLoopback = true;
            crawler(options);
        });
        builder.AddJobServer();
        return builder.Build();
    }
}
