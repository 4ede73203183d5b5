using PlanNacc.Tests.Shared;

namespace PlanNacc.Web.Tests.Architecture;

/// <summary>
/// Hangfire keeps process-wide state (job activator, filters, log provider): two hosts started at once in this test process
/// run each other's jobs in the wrong container. Every fact class that starts a host joins one collection, so they take
/// turns; two notification classes that did not were the last flaky facts of a full run.
/// </summary>
public sealed class HangfireHostsFacts
{
    private static readonly string Tests = Path.Combine(TestEnvironment.RepoRoot, "tests", "Web.Tests");

    [Fact]
    public void EveryFactClassThatStartsAHost_TakesTurnsWithTheOthers()
    {
        var starters = new[] { "TestHost.", "ServeCommand.BuildAsync(", "AppHost.Build" };
        var loose = Directory.EnumerateFiles(Tests, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetFileName(f) is not ("TestHost.cs" or "HangfireHostsFacts.cs"))
            .Where(f =>
            {
                var text = File.ReadAllText(f);
                return starters.Any(s => text.Contains(s, StringComparison.Ordinal))
                    && !text.Contains("[Collection(HangfireHosts.Name)]", StringComparison.Ordinal)
                    && !text.Contains("[Collection(WorkerProcesses.Name)]", StringComparison.Ordinal);
            })
            .Select(f => Path.GetRelativePath(Tests, f))
            .ToList();
        Assert.True(loose.Count == 0, "start a host outside the Hangfire hosts collection: " + string.Join(", ", loose));
    }
}
