using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PlanNacc.Benchmarks.Dashboard;

/// <summary>What wrk measured for one set of paths.</summary>
public sealed record WrkResult(string Name, long Requests, double Seconds, long Errors, long Non2xx, double P50Ms, double P95Ms,
    double P99Ms, double MaxMs)
{
    public double RequestsPerSecond => Requests / Seconds;
}

/// <summary>
/// wrk (the Debian package) against a running server: a Lua script walks a list of paths (each thread from its own start) and
/// prints the latency percentiles, the 95th included, which wrk's own --latency table lacks.
/// </summary>
public static partial class Wrk
{
    public static bool Installed => File.Exists("/usr/bin/wrk") || File.Exists("/usr/local/bin/wrk");

    public static async Task<WrkResult> RunAsync(string name, Uri server, IReadOnlyList<string> paths, int connections, int seconds,
        string folder)
    {
        var script = Path.Combine(folder, $"wrk-{name}.lua");
        var lua = new StringBuilder();
        lua.AppendLine("local paths = {");
        foreach (var path in paths)
        {
            lua.Append("  \"").Append(path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"",
                StringComparison.Ordinal)).AppendLine("\",");
        }
        lua.AppendLine("""
            }
            local i = 0
            local threads = 0
            setup = function(thread)
              threads = threads + 1
              thread:set("start", threads * 7919)
            end
            init = function(args)
              i = start % #paths
            end
            request = function()
              i = (i % #paths) + 1
              return wrk.format("GET", paths[i])
            end
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("RESULT requests=%d duration_us=%d errors=%d non2xx=%d p50=%.3f p95=%.3f p99=%.3f max=%.3f\n",
                summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
                latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
            end
            """);
        await File.WriteAllTextAsync(script, lua.ToString());
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "--timeout", "10s", "-s", script,
            server.AbsoluteUri.TrimEnd('/') + "/" })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout;
        var match = ResultLine().Match(output);
        if (process.ExitCode != 0 || !match.Success)
        {
            throw new InvalidOperationException($"wrk failed (exit {process.ExitCode}): {output}{await stderr}");
        }
        double D(string key) => double.Parse(match.Groups[key].Value, CultureInfo.InvariantCulture);
        return new WrkResult(name, (long)D("requests"), D("duration") / 1e6, (long)D("errors"), (long)D("non2xx"), D("p50"), D("p95"),
            D("p99"), D("max"));
    }

    [GeneratedRegex(@"RESULT requests=(?<requests>\d+) duration_us=(?<duration>\d+) errors=(?<errors>\d+) non2xx=(?<non2xx>\d+) " +
        @"p50=(?<p50>[\d.]+) p95=(?<p95>[\d.]+) p99=(?<p99>[\d.]+) max=(?<max>[\d.]+)")]
    private static partial Regex ResultLine();
}
