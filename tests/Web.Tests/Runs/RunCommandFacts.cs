using System.Text.Json;
using PlanNacc.SiteFarm;

namespace PlanNacc.Web.Tests.Runs;

/// <summary>`plannacc run` and `runs` as the operator types them (the built assembly, SQLite, the farm's LAOs).</summary>
[Collection(WorkerProcesses.Name)]
public sealed class RunCommandFacts
{
    [Fact]
    public async Task Run_WaitsAndScansInProcess_ThenRunsShowsTheProgressAsJson()
    {
        await using var run = await FarmRun.StartAsync("sqlite", new FarmOptions { Sites = 4, PagesPerSite = 6, Seed = 5509 });
        var environment = run.Environment(rate: 50, workers: 4);

        var (exit, stdout, stderr) = await WebProcess.RunAsync(
            [.. run.DatabaseArgs, "run", "--all", "--wait", "--work"], environment: environment);

        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Matches(@"^run \d+: 4 LAOs \(all\)$", lines[0]);
        Assert.Contains("finished", lines[^1]);
        Assert.Contains("done 4, failed 0, left 0", lines[^1]);
        var runId = lines[0].Split(' ', ':')[1];

        var (showExit, json, _) = await WebProcess.RunAsync([.. run.DatabaseArgs, "runs", "--id", runId, "--json"]);

        Assert.Equal(0, showExit);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal((4, 4, 0, 0, true), (doc.RootElement.GetProperty("total").GetInt32(), doc.RootElement.GetProperty("done").GetInt32(),
            doc.RootElement.GetProperty("failed").GetInt32(), doc.RootElement.GetProperty("left").GetInt32(),
                doc.RootElement.GetProperty("finished").GetBoolean()));
        Assert.Equal(4, doc.RootElement.GetProperty("byStatus").GetProperty("ok").GetInt32());
    }

    [Fact]
    public async Task Run_ReachesFarmHostsMapped_ByCrawlerResolveSettingsInTheEnvironment()
    {
        await using var run = await FarmRun.StartAsync("sqlite", new FarmOptions { Sites = 2, PagesPerSite = 5, Seed = 5511 });
        // What an operator sets to run against an intranet test site: no resolve file, only Crawler:* settings.
        var environment = run.Environment(rate: 50, workers: 2, resolveSettings: true);
        environment["Crawler__MaxPagesPerSite"] = "3";

        var (exit, stdout, stderr) = await WebProcess.RunAsync(
            [.. run.DatabaseArgs, "run", "--all", "--wait", "--work"], environment: environment);

        Assert.True(exit == 0, stderr);
        Assert.Contains("done 2, failed 0, left 0", stdout.Trim().Split('\n')[^1]);
        Assert.Contains("(ok 2)", stdout);
        await using var connection = await run.Db.Database.OpenAsync();
        var pages = await Dapper.SqlMapper.QueryAsync<int>(connection, "SELECT pages_fetched FROM site_scans");
        Assert.All(pages, p => Assert.InRange(p, 1, 3));
    }

    [Fact]
    public async Task Run_RefusesFarmHosts_WhenLoopbackIsNotAllowedBySettings()
    {
        await using var run = await FarmRun.StartAsync("sqlite", new FarmOptions { Sites = 1, PagesPerSite = 3, Seed = 5512 });
        var environment = run.Environment(rate: 50, workers: 1, resolveSettings: true);
        environment["Crawler__AllowLoopback"] = "false";

        var (exit, stdout, stderr) = await WebProcess.RunAsync(
            [.. run.DatabaseArgs, "run", "--all", "--wait", "--work"], environment: environment);

        Assert.True(exit == 0, stderr);
        Assert.Contains("(refused 1)", stdout);
    }

    [Theory]
    [InlineData(2, "run", "--all", "--lao", "6170401")]
    [InlineData(2, "run", "--lao", "61704")]
    [InlineData(3, "run", "--lao", "0000001")]
    [InlineData(3, "run", "--province", "ไม่มีจังหวัดนี้")]
    public async Task Run_RefusesWithOneLine_WhenScopeIsWrongOrEmpty(int code, params string[] args)
    {
        var folder = Path.Combine(Path.GetTempPath(), "plannacc-run-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, stdout, stderr) = await WebProcess.RunAsync(["--data-dir", folder, .. args]);

            Assert.Equal(code, exit);
            Assert.Empty(stdout);
            Assert.StartsWith("plannacc: ", stderr);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
