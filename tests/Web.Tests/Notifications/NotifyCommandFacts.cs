using PlanNacc.Web.Features.Notifications;

namespace PlanNacc.Web.Tests.Notifications;

/// <summary>`plannacc notify` as the operator runs it (the built assembly as a process) against real loopback servers.</summary>
public sealed class NotifyCommandFacts
{
    private static Dictionary<string, string> Smtp(int port, string? user = null, string? password = null)
    {
        var env = new Dictionary<string, string>
        {
            ["Notifications__Smtp__Host"] = "127.0.0.1",
            ["Notifications__Smtp__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications__Smtp__Security"] = "None",
            ["Notifications__Smtp__From"] = "PlanNacc <noreply@example.go.th>",
            ["Notifications__Smtp__TimeoutSeconds"] = "5",
        };
        if (user is not null)
        {
            env["Notifications__Smtp__User"] = user;
            // The password comes from the environment, never from the command line.
            env["Notifications__Smtp__Password"] = password ?? "";
        }
        return env;
    }

    [Fact]
    public async Task TestMail_SendsAThaiMessage_AndSaysSo()
    {
        await using var sink = new SmtpSink { Credentials = ("plannacc", "s3cret-ไทย") };
        var (exit, stdout, stderr) = await WebProcess.RunAsync(["notify", "--test-mail", "ops@example.go.th"],
            environment: Smtp(sink.Port, "plannacc", "s3cret-ไทย"));
        Assert.True(exit == 0, stderr);
        Assert.StartsWith($"sent a Thai test message to ops@example.go.th via 127.0.0.1:{sink.Port} (None)", stdout);
        var message = Assert.Single(sink.Messages);
        Assert.Equal("PlanNacc: ทดสอบการส่งอีเมลแจ้งเตือน", message.Subject);
        Assert.Contains("การตั้งค่า SMTP ใช้ได้", message.TextBody);
        Assert.Contains("การตั้งค่า SMTP ใช้ได้", message.HtmlBody);
    }

    [Fact]
    public async Task TestMail_FailsWithOneLine_WhenAuthenticationIsRefused()
    {
        await using var sink = new SmtpSink { Credentials = ("plannacc", "right") };
        var (exit, _, stderr) = await WebProcess.RunAsync(["notify", "--test-mail", "ops@example.go.th"],
            environment: Smtp(sink.Port, "plannacc", "wrong"));
        Assert.Equal(1, exit);
        Assert.StartsWith($"plannacc: test mail not sent: authentication failed at 127.0.0.1:{sink.Port}", stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Empty(sink.Messages);
    }

    [Fact]
    public async Task TestMail_FailsWithOneLine_WhenNothingListens()
    {
        var port = WebProcess.FreePort();
        var (exit, _, stderr) = await WebProcess.RunAsync(["notify", "--test-mail", "ops@example.go.th"], environment: Smtp(port));
        Assert.Equal(1, exit);
        Assert.Equal($"plannacc: test mail not sent: refused connection: nothing accepts SMTP at 127.0.0.1:{port}", stderr.TrimEnd());
    }

    [Fact]
    public async Task TestMail_FailsWithOneLine_WhenTlsCannotStart()
    {
        await using var sink = new SmtpSink();
        var env = Smtp(sink.Port);
        env["Notifications__Smtp__Security"] = "StartTls";
        var (exit, _, stderr) = await WebProcess.RunAsync(["notify", "--test-mail", "ops@example.go.th"], environment: env);
        Assert.Equal(1, exit);
        Assert.StartsWith($"plannacc: test mail not sent: TLS failed with 127.0.0.1:{sink.Port}", stderr);
    }

    [Fact]
    public async Task TestWebhook_PostsASignedEvent_OrRefusesAPrivateAddress()
    {
        await using var receiver = await HookReceiver.StartAsync();
        var env = new Dictionary<string, string>
        {
            ["Notifications__Webhooks__Secret"] = "cli-secret",
            ["Notifications__AllowPrivateNetwork"] = "true",
        };
        var (exit, stdout, stderr) = await WebProcess.RunAsync(["notify", "--test-webhook", receiver.BaseUrl + "/ok"], environment: env);
        Assert.True(exit == 0, stderr);
        Assert.StartsWith($"posted a signed test event to {receiver.BaseUrl}/ok: HTTP 200", stdout);
        var call = Assert.Single(receiver.Calls);
        Assert.True(WebhookSignature.Verify("cli-secret", call.Signature, call.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));

        env.Remove("Notifications__AllowPrivateNetwork");
        (exit, _, stderr) = await WebProcess.RunAsync(["notify", "--test-webhook", receiver.BaseUrl + "/ok"], environment: env);
        Assert.Equal(3, exit);
        Assert.StartsWith("plannacc: test webhook refused: refused: 127.0.0.1 is loopback", stderr);
        Assert.Single(receiver.Calls);

        (exit, _, stderr) = await WebProcess.RunAsync(["notify", "--test-webhook", receiver.BaseUrl + "/fail"],
            environment: new Dictionary<string, string>(env) { ["Notifications__AllowPrivateNetwork"] = "true" });
        Assert.Equal(1, exit);
        Assert.Equal("plannacc: test webhook failed: answered 500 Internal Server Error", stderr.TrimEnd());
    }
}
