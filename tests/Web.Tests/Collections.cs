namespace PlanNacc.Web.Tests;

/// <summary>Hangfire keeps process-wide state (GlobalConfiguration): hosts that configure it run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class HangfireHosts
{
    public const string Name = "Hangfire hosts";
}

/// <summary>Facts that start worker processes run one at a time: each takes both cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkerProcesses
{
    public const string Name = "worker processes";
}
