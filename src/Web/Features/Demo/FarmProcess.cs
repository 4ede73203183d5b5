using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace PlanNacc.Web.Features.Demo;

/// <summary>What the farm says on its ready line.</summary>
public sealed record FarmReady(int Port, Uri Control, IReadOnlyDictionary<string, IPAddress> HostMap);

/// <summary>A large farm leaves the host map off its ready line; it is then read from /_farm/hostmap.json.</summary>
internal static class FarmHostMap
{
    public static async Task<FarmReady> CompleteAsync(FarmReady ready, CancellationToken cancellationToken)
    {
        if (ready.HostMap.Count > 0)
        {
            return ready;
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var json = await http.GetStringAsync(new Uri(ready.Control, "hostmap.json"), cancellationToken);
        var map = JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        return ready with
        {
            HostMap = map.Where(p => IPAddress.TryParse(p.Value, out _))
                .ToDictionary(p => p.Key, p => IPAddress.Parse(p.Value), StringComparer.OrdinalIgnoreCase),
        };
    }
}

/// <summary>The site farm as a child process: started, read until ready, killed (with its children) on dispose.</summary>
public sealed class FarmProcess : IAsyncDisposable
{
    private readonly Process _process;

    private FarmProcess(Process process, FarmReady ready)
    {
        _process = process;
        Ready = ready;
    }

    public FarmReady Ready { get; }

    public static string? FindFarmDll(DemoOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.FarmPath))
        {
            return Path.GetFullPath(options.FarmPath);
        }
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PlanNacc.sln")))
                {
                    return Path.Combine(dir.FullName, "tests", "SiteFarm", "bin", "Release", "net10.0", "PlanNacc.SiteFarm.dll");
                }
            }
        }
        return null;
    }

    /// <summary>Starts the farm writing its sites for <paramref name="fiscalYear"/>, the year the scans will assess.</summary>
    public static async Task<FarmProcess> StartAsync(DemoOptions options, int fiscalYear, CancellationToken cancellationToken)
    {
        var dll = FindFarmDll(options);
        if (dll is null || !File.Exists(dll))
        {
            throw new DemoException(
                $"the site farm is not built ({dll ?? "no PlanNacc.sln above " + AppContext.BaseDirectory}): "
                + "run ./plannacc (it builds it), " +
                "or `dotnet build -c Release tests/SiteFarm`, or set Demo:FarmPath");
        }
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--sites", options.Sites.ToString(CultureInfo.InvariantCulture), "--port", "0", "--fiscal-year",
            fiscalYear.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }
        if (options.MarkupSite)
        {
            start.ArgumentList.Add("--markup-site");
        }
        var process = Process.Start(start) ?? throw new DemoException("could not start the site farm (dotnet not found?)");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.StartTimeout);
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new DemoException($"the site farm exited (code {(process.WaitForExit(2000) ? process.ExitCode : -1)}) " +
                        $"before it was ready");
                if (TryParseReady(line) is { } ready)
                {
                    // Keep draining stdout so the farm never blocks on a full pipe.
                    _ = Task.Run(() => process.StandardOutput.ReadToEndAsync(CancellationToken.None), CancellationToken.None);
                    return new FarmProcess(process, await FarmHostMap.CompleteAsync(ready, timeout.Token));
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill(process);
            throw new DemoException($"the site farm did not say it was ready within {options.StartTimeout.TotalSeconds:0} s");
        }
        catch
        {
            Kill(process);
            throw;
        }
    }

    /// <summary>The farm's one JSON ready line: {"port":…, "control":"http://127.0.0.1:…/_farm/",
    /// "hostMap":{"host":"127.0.0.1",…}}.</summary>
    public static FarmReady? TryParseReady(string line)
    {
        if (!line.TrimStart().StartsWith('{'))
        {
            return null;
        }
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (!TryGet(root, "port", out var portElement) || !portElement.TryGetInt32(out var port))
            {
                return null;
            }
            var control = TryGet(root, "control", out var c) && c.ValueKind == JsonValueKind.String
                && Uri.TryCreate(c.GetString(), UriKind.Absolute, out var uri)
                ? uri
                : new Uri($"http://127.0.0.1:{port}/_farm/");
            var map = new Dictionary<string, IPAddress>(StringComparer.OrdinalIgnoreCase);
            if (TryGet(root, "hostMap", out var hosts) && hosts.ValueKind == JsonValueKind.Object)
            {
                foreach (var host in hosts.EnumerateObject())
                {
                    if (host.Value.ValueKind == JsonValueKind.String && IPAddress.TryParse(host.Value.GetString(), out var address))
                    {
                        map[host.Name] = address;
                    }
                }
            }
            return new FarmReady(port, control, map);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryGet(JsonElement root, string name, out JsonElement value)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    public ValueTask DisposeAsync()
    {
        Kill(_process);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }
}

/// <summary>`serve --demo` cannot start; one line tells the operator what to do.</summary>
public sealed class DemoException(string message) : Exception(message);
