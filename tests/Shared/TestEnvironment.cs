namespace PlanNacc.Tests.Shared;

/// <summary>Where the repository, ../shared, PostgreSQL and Chromium are for tests; and whether a missing one skips or fails.</summary>
public static class TestEnvironment
{
    /// <summary>In CI a missing PostgreSQL or Chromium is a failure, never a silent skip.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>../shared beside the checkout (real LAO pages, the DLA registry, the domain notes), or null.</summary>
    public static string? SharedDir
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("PLANNACC_SHARED");
            var dir = !string.IsNullOrEmpty(fromEnv) ? fromEnv : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
            return Directory.Exists(dir) ? dir : null;
        }
    }

    /// <summary>The throwaway PostgreSQL the test script starts (PLANNACC_TEST_PG), or null.</summary>
    public static string? PostgresConnectionString =>
        Environment.GetEnvironmentVariable("PLANNACC_TEST_PG") is { Length: > 0 } cs ? cs : null;

    public static string? ChromiumPath =>
        new[] { Environment.GetEnvironmentVariable("PLANNACC_CHROMIUM"), "/usr/lib/chromium/chromium", "/usr/bin/chromium" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PlanNacc.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("PlanNacc.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that needs ../shared; skipped with the reason when it is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (TestEnvironment.SharedDir is null)
        {
            Skip = "../shared (real LAO pages, registry) is not beside the checkout; set PLANNACC_SHARED to run this";
        }
    }
}

/// <summary>A theory that needs ../shared; skipped with the reason when it is absent.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (TestEnvironment.SharedDir is null)
        {
            Skip = "../shared (real LAO pages, registry) is not beside the checkout; set PLANNACC_SHARED to run this";
        }
    }
}

/// <summary>A fact that needs the real PostgreSQL; skipped outside CI when PLANNACC_TEST_PG is unset, failed in CI.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestEnvironment.PostgresConnectionString is null && !TestEnvironment.IsCi)
        {
            Skip = "PLANNACC_TEST_PG is not set; scripts/test.sh starts a throwaway PostgreSQL and sets it";
        }
    }
}

/// <summary>A fact that needs Debian's Chromium; skipped outside CI when it is not installed, failed in CI.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (TestEnvironment.ChromiumPath is null && !TestEnvironment.IsCi)
        {
            Skip = "Chromium is not installed; scripts/test.sh installs it (apt-get install chromium fonts-thai-tlwg)";
        }
    }
}
