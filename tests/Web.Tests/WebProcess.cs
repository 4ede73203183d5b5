using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PlanNacc.Web.Tests;

/// <summary>The built PlanNacc.Web.dll run as a real process (as ./plannacc runs it), with its output captured.</summary>
public sealed class WebProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private WebProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Debug or Release: the configuration this test assembly was built in (the Web and farm builds beside it match).</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static string WebDll => Built(Path.Combine("src", "Web"), "PlanNacc.Web.dll");

    public static string FarmDll => Built(Path.Combine("tests", "SiteFarm"), "PlanNacc.SiteFarm.dll");

    public string Stdout { get { lock (_stdout) { return _stdout.ToString(); } } }

    public string Stderr { get { lock (_stderr) { return _stderr.ToString(); } } }

    public bool HasExited => _process.HasExited;

    /// <summary>The process id (to send it a signal, e.g. SIGTERM).</summary>
    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    private static string Built(string project, string dll)
    {
        var path = Path.Combine(TestEnvironment.RepoRoot, project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : Path.Combine(AppContext.BaseDirectory, dll);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static WebProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? stdin = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(WebDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["PLANNACC_DB"] = "";
        start.Environment["PLANNACC_CONNECTION"] = "";
        start.Environment["PLANNACC_DATA"] = "";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start };
        var web = new WebProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (web._stdout) { web._stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (web._stderr) { web._stderr.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }
        process.StandardInput.Close();
        return web;
    }

    /// <summary>Runs a verb to its end (a stuck verb is killed after a generous limit and reported as such).</summary>
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(IEnumerable<string> args, string? stdin = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        await using var web = Start(args, environment, stdin);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await web._process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"plannacc {string.Join(' ', args)} did not finish; stderr: {web.Stderr}");
        }
        web._process.WaitForExit();
        return (web.ExitCode, web.Stdout, web.Stderr);
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>
    /// Waits until `serve` answers /health with "ok" (failing at once if the process exits), for up to
    /// <paramref name="patience"/> (two minutes; `serve --demo` starts a farm and scans it first, and asks for more).
    /// </summary>
    public async Task WaitForHealthAsync(string baseUrl, TimeSpan? patience = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var limit = new CancellationTokenSource(patience ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            Assert.False(HasExited, $"serve exited: {Stderr}");
            try
            {
                if ((await http.GetStringAsync(baseUrl + "/health")).Contains("\"ok\"", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            Assert.False(limit.IsCancellationRequested, $"serve never answered {baseUrl}/health: {Stderr}");
            await Task.Delay(200);
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
