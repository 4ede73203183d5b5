namespace PlanNacc.Web.Cli;

/// <summary>Bad arguments: one line, the usage, exit 2.</summary>
public sealed class UsageException(string message, string? verb = null) : Exception(message)
{
    public string? Verb { get; } = verb;
}

/// <summary>A failure the operator can act on, reported as one line (no stack trace) with its exit code.</summary>
public sealed class CliFailure(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
