using System.Globalization;
using PlanNacc.Crawler;
using PlanNacc.Web.Cli;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Composition;

/// <summary>
/// What the environment's PLANNACC_* variables and the command line say, as setting keys laid over appsettings.json and
/// the environment: a verb's flags are overrides of settings (`scan --max-pages 5` is Crawler:MaxPagesPerSite = 5),
/// never a second path to the services.
/// </summary>
public static class Settings
{
    public static Dictionary<string, string?> Overrides(CliArgs cli)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        void Set(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                values[key] = value;
            }
        }
        Set("Storage:Provider", ProviderName(Environment.GetEnvironmentVariable("PLANNACC_DB"), "PLANNACC_DB"));
        Set("Storage:ConnectionString", Environment.GetEnvironmentVariable("PLANNACC_CONNECTION"));
        Set("Storage:DataDir", Environment.GetEnvironmentVariable("PLANNACC_DATA"));
        Set("Storage:EvidenceFolder", Environment.GetEnvironmentVariable("PLANNACC_EVIDENCE"));
        Set("Storage:Provider", ProviderName(cli.Value("--db"), "--db"));
        Set("Storage:ConnectionString", cli.Value("--connection"));
        Set("Storage:DataDir", cli.Value("--data-dir"));
        Set("Storage:EvidenceFolder", cli.Value("--evidence-dir"));
        if (cli.Verb == "scan")
        {
            ScanFlags(cli, Set);
        }
        return values;
    }

    private static void ScanFlags(CliArgs cli, Action<string, string?> set)
    {
        set("Scans:FiscalYear", Text(cli.Int("--year", 2500, 2700)));
        set("Crawler:MaxPagesPerSite", Text(cli.Int("--max-pages", 1, 100_000)));
        set("Crawler:RequestsPerSecondPerHost", cli.Double("--rate", 0.01, 1000)?.ToString(CultureInfo.InvariantCulture));
        if (cli.Has("--allow-private-network"))
        {
            // An explicit operator choice covers loopback too (a site on this machine, the site farm).
            set("Crawler:AllowPrivateNetwork", "true");
            set("Crawler:AllowLoopback", "true");
        }
        foreach (var entry in cli.Values("--resolve"))
        {
            try
            {
                var (host, address) = CrawlerOptions.ParseResolve(entry);
                set($"Crawler:Resolve:{host}", address.ToString());
            }
            catch (FormatException)
            {
                throw new UsageException($"--resolve expects host:ip (like curl --resolve), not '{entry}'", cli.Verb);
            }
        }
    }

    private static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? ProviderName(string? value, string source) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "sqlite" => nameof(DatabaseProvider.Sqlite),
        "postgres" or "postgresql" or "pg" => nameof(DatabaseProvider.Postgres),
        _ => throw new UsageException($"{source} must be sqlite or postgres, not '{value}'"),
    };
}
