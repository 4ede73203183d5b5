using System.Runtime.InteropServices;
using System.Text.Json;

namespace PlanNacc.SiteFarm;

/// <summary>
/// dotnet run --project tests/SiteFarm -- --sites N --port P [--seed S] [--hostile] [--fiscal-year Y] [--pages N] [--addresses K]
/// prints one JSON line when ready and serves until SIGTERM/Ctrl-C. --self-check runs the farm's own checks.
/// </summary>
public static class FarmProgram
{
    private const string Usage =
        "usage: PlanNacc.SiteFarm --sites N [--port P] [--seed S] [--hostile] [--fiscal-year Y] [--pages N] [--addresses K] [--request-log "
            + "N] [--epoch E] | --self-check | --measure N [--seconds S] [--concurrency C]";

    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--self-check"))
        {
            return await FarmSelfCheck.RunAsync(Console.Out).ConfigureAwait(false);
        }
        if (args.Length >= 2 && args[0] == "--measure")
        {
            int Arg(string name, int fallback) =>
                Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length
                    ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
            return await Measure.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), Arg("--seconds", 10),
                Arg("--concurrency", 16), Console.Out).ConfigureAwait(false);
        }
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(Usage);
            return 0;
        }
        FarmOptions options;
        try
        {
            options = Parse(args);
            Farm.Validate(options);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine("sitefarm: " + e.Message.Split('\n')[0] + " (" + Usage + ")");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        IRunningFarm farm;
        try
        {
            farm = await Farm.StartAsync(options, stop.Token).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"sitefarm: cannot listen on port {options.Port}: {e.Message.Split('\n')[0]}");
            return 3;
        }
        await using (farm.ConfigureAwait(false))
        {
            var control = $"http://127.0.0.1:{farm.Port}/_farm/";
            var ready = new Dictionary<string, object?>
            {
                ["port"] = farm.Port,
                ["control"] = control,
                ["sites"] = farm.Sites.Count,
                ["hostMapUrl"] = control + "hostmap.json",
                ["hostMap"] = farm.Sites.Count <= 500 ? farm.HostMap.ToDictionary(kv => kv.Key, kv => kv.Value.ToString()) : null,
            };
            Console.Out.WriteLine(JsonSerializer.Serialize(ready, FarmJson.Options));
            Console.Out.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // SIGTERM or Ctrl-C: stop serving.
            }
        }
        return 0;
    }

    private static FarmOptions Parse(string[] args)
    {
        var options = new FarmOptions();
        var sitesGiven = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--sites": options = options with { Sites = Int() }; sitesGiven = true; break;
                case "--port": options = options with { Port = Int() }; break;
                case "--seed": options = options with { Seed = Int() }; break;
                case "--hostile": options = options with { IncludeHostile = true }; break;
                case "--markup-site": options = options with { IncludeMarkupSite = true }; break;
                case "--fiscal-year": options = options with { FiscalYear = Int() }; break;
                case "--pages": options = options with { PagesPerSite = Int() }; break;
                case "--addresses": options = options with { HostingAddresses = Int() }; break;
                case "--request-log": options = options with { RequestLogCapacity = Int() }; break;
                case "--epoch": options = options with { Epoch = Int() }; break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }
        return sitesGiven ? options : throw new ArgumentException("--sites is required");
    }
}
