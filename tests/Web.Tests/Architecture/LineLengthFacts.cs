using System.Diagnostics;

namespace PlanNacc.Web.Tests.Architecture;

/// <summary>
/// Readable files (issue 11, point 5): `.editorconfig` sets max_line_length = 140, and every C# and Razor file the repository
/// tracks under src/ and tests/ keeps it. Length counts UTF-16 characters, as an editor's column does for Thai text.
/// </summary>
public sealed class LineLengthFacts
{
    private const int Limit = 140;

    [Fact]
    public void EveryTrackedSourceFile_HasNoLineOver140Characters()
    {
        var files = TrackedSources();
        Assert.NotEmpty(files);
        var over = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(Path.Combine(TestEnvironment.RepoRoot, file));
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Length > Limit)
                {
                    over.Add($"{file}:{i + 1} ({lines[i].Length})");
                }
            }
        }
        Assert.True(over.Count == 0, $"{over.Count} lines over {Limit} characters:\n" + string.Join("\n", over));
    }

    /// <summary>`git ls-files` under src/ and tests/ (.cs, .cshtml); without git, the files on disk outside bin/ and obj/.</summary>
    private static List<string> TrackedSources()
    {
        static bool Source(string path) =>
            path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".cshtml", StringComparison.Ordinal);
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "-C", TestEnvironment.RepoRoot, "ls-files", "-z", "--", "src", "tests" })
            {
                start.ArgumentList.Add(arg);
            }
            using var git = Process.Start(start)!;
            var stdout = git.StandardOutput.ReadToEndAsync();
            _ = git.StandardError.ReadToEndAsync();
            git.WaitForExit();
            if (git.ExitCode == 0)
            {
                return stdout.Result.Split('\0', StringSplitOptions.RemoveEmptyEntries)
                    .Where(Source)
                    .Where(f => File.Exists(Path.Combine(TestEnvironment.RepoRoot, f)))
                    .ToList();
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // no git on this machine: read the folders instead
        }
        var sep = Path.DirectorySeparatorChar;
        return new[] { "src", "tests" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(TestEnvironment.RepoRoot, d), "*", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(TestEnvironment.RepoRoot, f))
            .Where(f => Source(f) && !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal)
                && !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal))
            .ToList();
    }
}
