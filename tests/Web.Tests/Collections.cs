using Xunit.Abstractions;

[assembly: TestCollectionOrderer("PlanNacc.Web.Tests.LongestFirst", "PlanNacc.Web.Tests")]

namespace PlanNacc.Web.Tests;

/// <summary>Hangfire keeps process-wide state (GlobalConfiguration): hosts that configure it run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class HangfireHosts
{
    public const string Name = "Hangfire hosts";
}

/// <summary>
/// Facts that start `plannacc worker` processes take turns with each other (two of them at once would share the cores four
/// ways); they run beside the in-process facts, which share no database and no Hangfire state with a child process.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WorkerProcesses
{
    public const string Name = "worker processes";
}

/// <summary>
/// Facts that restart the shared PostgreSQL server run alone: every other fact on that server would lose its connections.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DatabaseServerRestarts
{
    public const string Name = "database server restarts";
}

/// <summary>
/// Starts the longest collections first (the two that run their classes one after another, then the facts that start a site
/// farm and a real process), so that the short classes fill the other thread instead of a long one starting last. xunit starts
/// no more collections at once than it has threads, in this order.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    private static readonly string[] Longest =
    [
        WorkerProcesses.Name,
        HangfireHosts.Name,
        "EndToEnd.DashboardJourneyFacts",
        "Demo.DemoPathFacts",
        "Demo.DemoDashboardFacts",
        "Plans.PlanEndToEndFacts",
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderBy(c => Rank(c.DisplayName))
            .ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static int Rank(string name)
    {
        for (var i = 0; i < Longest.Length; i++)
        {
            if (name == Longest[i] || name.EndsWith("." + Longest[i], StringComparison.Ordinal))
            {
                return i;
            }
        }
        return Longest.Length;
    }
}
