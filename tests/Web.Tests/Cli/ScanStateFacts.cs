using System.Text.Json;
using PlanNacc.SiteFarm;

namespace PlanNacc.Web.Tests.Cli;

/// <summary>`scan URL --state DIR`: the second scan of a site sends conditional requests and downloads only what changed.</summary>
public sealed class ScanStateFacts : IDisposable
{
    private readonly string state = Path.Combine(Path.GetTempPath(), "plannacc-scan-state-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(state))
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task Scan_WithState_SecondScanAnswers304s_AndJudgesAsTheFirst()
    {
        await using var farm = await Farm.StartAsync(new FarmOptions { Sites = 1, FiscalYear = 2568, PagesPerSite = 8 });
        var site = farm.Sites[0];
        string[] args =
        [
            "scan", site.Root.ToString(), "--year", "2568", "--json", "--rate", "50", "--allow-private-network",
            "--resolve", $"{site.Host}:{farm.HostMap[site.Host]}", "--state", state,
        ];

        var (firstExit, firstOut, firstErr) = await WebProcess.RunAsync(args);
        var (secondExit, secondOut, secondErr) = await WebProcess.RunAsync(args);

        Assert.True(firstExit == 0, firstErr);
        Assert.True(secondExit == 0, secondErr);
        using var first = JsonDocument.Parse(firstOut);
        using var second = JsonDocument.Parse(secondOut);
        var before = first.RootElement.GetProperty("crawl");
        var after = second.RootElement.GetProperty("crawl");
        Assert.False(before.GetProperty("incremental").GetBoolean());
        Assert.Contains("state missing: full scan", before.GetProperty("incrementalNotes").EnumerateArray().Select(n => n.GetString()));
        Assert.True(after.GetProperty("incremental").GetBoolean());
        Assert.True(after.GetProperty("notModified").GetInt32() > 0);
        Assert.True(after.GetProperty("bodyBytes").GetInt64() < before.GetProperty("bodyBytes").GetInt64() / 2);
        Assert.Equal(Statuses(first), Statuses(second));
        Assert.True(File.Exists(Path.Combine(state, "state.json")));
    }

    private static List<string> Statuses(JsonDocument report) => report.RootElement.GetProperty("items").EnumerateArray()
        .Select(i => $"{i.GetProperty("code").GetString()} {i.GetProperty("status").GetString()}").ToList();
}
