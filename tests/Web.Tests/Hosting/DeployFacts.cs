using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PlanNacc.Web.Tests.Hosting;

/// <summary>deploy/: the nginx site passes `nginx -t`; a backup restores the database and the evidence folder.</summary>
public sealed class DeployFacts : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("plannacc-deploy-").FullName;

    private static string Deploy(string path) => Path.Combine(TestEnvironment.RepoRoot, "deploy", path);

    [ToolFact("nginx")]
    public async Task NginxSite_PassesNginxCheck()
    {
        // The site as shipped, with its certificate paths pointed at a throwaway self-signed pair.
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=plannacc.example.go.th", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllTextAsync(Path.Combine(_temp, "fullchain.pem"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(_temp, "privkey.pem"), key.ExportPkcs8PrivateKeyPem());
        var site = (await File.ReadAllTextAsync(Deploy("nginx/plannacc.conf")))
            .Replace("/etc/ssl/plannacc", _temp, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(_temp, "plannacc.conf"), site);
        await File.WriteAllTextAsync(Path.Combine(_temp, "nginx.conf"),
            $"pid {_temp}/nginx.pid;\nerror_log stderr;\nevents {{}}\nhttp {{\n  access_log off;\n  include {_temp}/plannacc.conf;\n}}\n");

        var (exit, output) = await RunAsync(ToolFactAttribute.Find("nginx")!, ["-t", "-p", _temp, "-c", Path.Combine(_temp, "nginx.conf")]);

        Assert.True(exit == 0, output);
        Assert.Contains("test is successful", output);
    }

    [ToolFact("sqlite3", "rsync")]
    public async Task Backup_ThenRestore_GivesBackTheDatabaseAndTheEvidence()
    {
        var data = Path.Combine(_temp, "data");
        Directory.CreateDirectory(Path.Combine(data, "evidence", "ab"));
        await File.WriteAllTextAsync(Path.Combine(data, "evidence", "ab", "blob"), "หลักฐาน");
        Assert.Equal(0,
            (await RunAsync("sqlite3", [Path.Combine(data, "plannacc.db"), "CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('ก');"])).Exit);
        var environment = new Dictionary<string, string> { ["PLANNACC_DATA"] = data, ["PLANNACC_DB"] = "sqlite" };

        var backup = await RunAsync(Deploy("backup/plannacc-backup.sh"), [Path.Combine(_temp, "backups")], environment);
        File.Delete(Path.Combine(data, "plannacc.db"));
        Directory.Delete(Path.Combine(data, "evidence"), recursive: true);
        var restore = await RunAsync(Deploy("backup/plannacc-restore.sh"), [Path.Combine(_temp, "backups", "latest")], environment);

        Assert.True(backup.Exit == 0, backup.Output);
        Assert.True(restore.Exit == 0, restore.Output);
        Assert.Equal("หลักฐาน", await File.ReadAllTextAsync(Path.Combine(data, "evidence", "ab", "blob")));
        Assert.Equal("ก", (await RunAsync("sqlite3", [Path.Combine(data, "plannacc.db"), "SELECT x FROM t;"])).Output.Trim());
    }

    private static async Task<(int Exit, string Output)> RunAsync(
        string file, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);
}

/// <summary>A fact that needs command-line tools; skipped with the reason when one is not installed.</summary>
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(params string[] tools)
    {
        var missing = tools.Where(t => Find(t) is null).ToList();
        if (missing.Count > 0)
        {
            Skip = $"{string.Join(", ", missing)} not installed (apt-get install {string.Join(' ', missing)}): the deploy/ check needs it";
        }
    }

    /// <summary>The tool's full path on PATH (or /usr/sbin, /sbin, where nginx lives), or null.</summary>
    public static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin"])
            .Select(p => Path.Combine(p, tool)).FirstOrDefault(File.Exists);
}
