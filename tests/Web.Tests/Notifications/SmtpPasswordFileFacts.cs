namespace PlanNacc.Web.Tests.Notifications;

/// <summary>
/// The SMTP password from a mounted secret file (Notifications:Smtp:PasswordFile), as systemd credentials and container
/// secrets give it: the process authenticates with the file's content (its trailing newline dropped) and the password
/// appears on no command line.
/// </summary>
public sealed class SmtpPasswordFileFacts : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("plannacc-secret-").FullName;

    [Fact]
    public async Task TestMail_AuthenticatesWithThePasswordFile()
    {
        await using var sink = new SmtpSink { Credentials = ("plannacc", "จาก-ไฟล์ 42") };
        var secret = Path.Combine(_folder, "smtp-password");
        await File.WriteAllTextAsync(secret, "จาก-ไฟล์ 42\n");
        var env = Settings(sink.Port, secret);

        var (exit, stdout, stderr) = await WebProcess.RunAsync(["notify", "--test-mail", "ops@example.go.th"], environment: env);

        Assert.True(exit == 0, stderr);
        Assert.StartsWith("sent a Thai test message to ops@example.go.th", stdout);
        Assert.Single(sink.Messages);
    }

    [Fact]
    public async Task TestMail_RefusedWithOneLine_WhenThePasswordFileHoldsAnotherPassword()
    {
        await using var sink = new SmtpSink { Credentials = ("plannacc", "right") };
        var secret = Path.Combine(_folder, "smtp-password");
        await File.WriteAllTextAsync(secret, "wrong\n");
        var env = Settings(sink.Port, secret);

        var (exit, _, stderr) = await WebProcess.RunAsync(["notify", "--test-mail", "ops@example.go.th"], environment: env);

        Assert.Equal(1, exit);
        Assert.StartsWith($"plannacc: test mail not sent: authentication failed at 127.0.0.1:{sink.Port}", stderr);
        Assert.Empty(sink.Messages);
    }

    private static Dictionary<string, string> Settings(int port, string passwordFile) => new()
    {
        ["Notifications__Smtp__Host"] = "127.0.0.1",
        ["Notifications__Smtp__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications__Smtp__Security"] = "None",
        ["Notifications__Smtp__From"] = "PlanNacc <noreply@example.go.th>",
        ["Notifications__Smtp__TimeoutSeconds"] = "5",
        ["Notifications__Smtp__User"] = "plannacc",
        ["Notifications__Smtp__PasswordFile"] = passwordFile,
    };

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
