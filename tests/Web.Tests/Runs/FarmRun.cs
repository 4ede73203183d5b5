using System.Runtime.InteropServices;
using System.Text.Json;
using Dapper;
using PlanNacc.SiteFarm;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Evidence;

namespace PlanNacc.Web.Tests.Runs;

/// <summary>
/// A site farm, a test database holding its LAOs, and the settings that point `plannacc worker` / `run` processes at both:
/// the built Web DLL as the operator runs it, configured through environment variables.
/// </summary>
public sealed class FarmRun : IAsyncDisposable
{
    private FarmRun(IRunningFarm farm, TestDatabase db, string evidence, string hostMapFile)
    {
        Farm = farm;
        Db = db;
        Evidence = evidence;
        HostMapFile = hostMapFile;
    }

    public IRunningFarm Farm { get; }
    public TestDatabase Db { get; }
    /// <summary>The evidence folder every worker of the run shares.</summary>
    public string Evidence { get; }
    public string HostMapFile { get; }

    public static async Task<FarmRun> StartAsync(string provider, FarmOptions options)
    {
        var db = await TestDatabase.CreateAsync(provider);
        var farm = await PlanNacc.SiteFarm.Farm.StartAsync(options);
        var hostMap = Path.Combine(db.Folder, "hostmap.json");
        await File.WriteAllTextAsync(hostMap, JsonSerializer.Serialize(farm.HostMap.ToDictionary(p => p.Key, p => p.Value.ToString())));
        var read = RegistryCsvReader.Read(new StringReader(farm.RegistryCsv()));
        Assert.Empty(read.Problems);
        await new LaoStore(db.Database).UpsertAsync(read.Laos, "test");
        return new FarmRun(farm, db, Path.Combine(db.Folder, "shared-evidence"), hostMap);
    }

    /// <summary>Global options for the database of this run.</summary>
    public IEnumerable<string> DatabaseArgs =>
        Db.Options.Provider == PlanNacc.Web.Storage.DatabaseProvider.Postgres
            ? ["--db", "postgres", "--connection", Db.Options.ConnectionString!, "--data-dir", Db.Folder]
            : ["--data-dir", Db.Folder];

    /// <summary>
    /// The environment of a worker: the farm's host map (a Scans:ResolveFile, or with <paramref name="resolveSettings"/> one
    /// Crawler__Resolve__&lt;host&gt; variable per host), loopback allowed, no browser, the shared evidence folder.
    /// </summary>
    public Dictionary<string, string> Environment(double rate, int workers, TimeSpan? invisibility = null, bool resolveSettings = false)
    {
        var environment = BaseEnvironment(rate, workers, invisibility);
        if (resolveSettings)
        {
            foreach (var (host, address) in Farm.HostMap)
            {
                environment[$"Crawler__Resolve__{host}"] = address.ToString();
            }
        }
        else
        {
            environment["Scans__ResolveFile"] = HostMapFile;
        }
        return environment;
    }

    private Dictionary<string, string> BaseEnvironment(double rate, int workers, TimeSpan? invisibility) => new()
    {
        ["Scans__WorkerCount"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Scans__InvisibilityTimeout"] = (invisibility ?? TimeSpan.FromMinutes(30)).ToString("c"),
        ["Scans__RetryDelaysSeconds__0"] = "1",
        // A retry (the site's, or Hangfire's after the database was away) is queued within a second of its time, not fifteen.
        ["Scans__SchedulePollingInterval"] = "00:00:01",
        ["Crawler__AllowLoopback"] = "true",
        ["Crawler__EnableRendering"] = "false",
        // Farm sites ask for Crawl-delay 1-2 s; the tests want their politeness at the rate given, not minutes per site.
        ["Crawler__HonourCrawlDelay"] = "false",
        ["Crawler__RequestsPerSecondPerHost"] = rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Crawler__MaxConcurrentPerAddress"] = "2",
        // Loopback answers in milliseconds: short exchange limits let a killed worker's address slots come back in 20 s, not a minute.
        ["Crawler__ConnectTimeout"] = "00:00:03",
        ["Crawler__RequestTimeout"] = "00:00:10",
        ["Scans__AddressLeaseTime"] = "00:00:20",
        // Hangfire lock rows a killed worker leaves behind are taken over after this (the product's default is a minute).
        ["Scans__StaleLockTimeout"] = "00:00:20",
        ["Storage__EvidenceFolder"] = Evidence,
        ["Logging__LogLevel__Default"] = "Warning",
    };

    public WebProcess StartWorker(IReadOnlyDictionary<string, string> environment) =>
        WebProcess.Start([.. DatabaseArgs, "worker"], environment);

    /// <summary>`plannacc run --all` (enqueues one job per LAO and returns): the run's id.</summary>
    public async Task<long> StartRunAsync(IReadOnlyDictionary<string, string> environment)
    {
        var (exit, stdout, stderr) = await WebProcess.RunAsync([.. DatabaseArgs, "run", "--all"], environment: environment);
        Assert.True(exit == 0, $"run --all: exit {exit}\n{stderr}");
        var words = stdout.Split(' ', ':');
        return long.Parse(words[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<int> StoredAsync(long runId)
    {
        await using var connection = await Db.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM site_scans WHERE run_id = @runId", new { runId });
    }

    /// <summary>Waits (polling the database) until <paramref name="done"/> holds; fails with <paramref name="what"/> after a generous
    /// limit.</summary>
    public static async Task WaitForAsync(Func<Task<bool>> done, string what, TimeSpan? limit = null, params WebProcess[] watch)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromMinutes(5));
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{what} did not happen; worker stderr:\n{string.Join("\n---\n", watch.Select(w => w.Stderr))}");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>Where a run stands, for a failure message: results per status, Hangfire job states, held address slots.</summary>
    public async Task<string> DescribeAsync(long runId)
    {
        await using var connection = await Db.Database.OpenAsync();
        var results =
            await connection.QueryAsync<(string, int)>("SELECT status, count(*) FROM site_scans WHERE run_id = @runId GROUP BY status",
                new { runId });
        var text = "results: " + string.Join(", ", results.Select(r => $"{r.Item1} {r.Item2}"));
        if (Db.Options.Provider == PlanNacc.Web.Storage.DatabaseProvider.Postgres)
        {
            var states =
                await connection.QueryAsync<(string, int)>("SELECT coalesce(statename, '?'), count(*) FROM hangfire.job GROUP BY " +
                    "statename");
            var queue =
                await connection.QuerySingleAsync<(int, int)>("SELECT count(*) FILTER (WHERE fetchedat IS NULL)::int, count(*) FILTER " +
                    "(WHERE fetchedat IS NOT NULL)::int FROM hangfire.jobqueue");
            var leases =
                await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM crawl_address_leases WHERE holder IS NOT NULL AND " +
                    "expires_at > now()");
            text +=
                $"; jobs: {string.Join(", ", states.Select(s => $"{s.Item1} {s.Item2}"))}; queue: {queue.Item1} waiting, {queue.Item2} " +
                    $"fetched; address slots held {leases}";
        }
        return text;
    }

    public async Task<bool> FinishedAsync(long runId)
    {
        await using var connection = await Db.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM runs WHERE id = @runId AND finished_at IS NOT NULL",
            new { runId }) == 1;
    }

    /// <summary>Blob files in the evidence folder (not the .json beside each, not scratch files, not staging).</summary>
    public IReadOnlyList<string> EvidenceFiles() =>
        !Directory.Exists(Evidence)
            ? []
            : Directory.EnumerateFiles(Evidence, "*", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.staging{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.EndsWith(".json", StringComparison.Ordinal) && !f.EndsWith(".tmp", StringComparison.Ordinal))
                .Select(f => Path.GetRelativePath(Evidence, f))
                .ToList();

    public static void Terminate(WebProcess process) => Assert.Equal(0, Kill(process.Id, 15));

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        await Farm.DisposeAsync();
        await Db.DisposeAsync();
    }
}
