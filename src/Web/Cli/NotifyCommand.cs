using System.Diagnostics;
using Microsoft.Extensions.Options;
using PlanNacc.Web.Features.Notifications;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Cli;

/// <summary>
/// `notify --test-mail ADDRESS` and `notify --test-webhook URL`: the operator's check of the settings (no database is opened). Prints
/// what happened; a failure is one line (refused connection, authentication, TLS, the server's refusal, a refused address)
/// and a non-zero exit (1 failed, 3 refused address).
/// </summary>
public static class NotifyCommand
{
    public static readonly VerbSpec Spec = new("notify", "notify --test-mail ADDRESS | --test-webhook URL",
        "check the mail settings (sends a Thai test message through Notifications:Smtp) or a webhook (posts a signed test event)",
        0, new Dictionary<string, bool> { ["--test-mail"] = true, ["--test-webhook"] = true });

    public static async Task<int> RunAsync(CliArgs cli, IServiceProvider services, TextWriter output)
    {
        var mailTo = cli.Value("--test-mail");
        var hookUrl = cli.Value("--test-webhook");
        if ((mailTo is null) == (hookUrl is null))
        {
            throw new UsageException("notify needs exactly one of --test-mail ADDRESS or --test-webhook URL", "notify");
        }
        var settings = services.GetRequiredService<IOptions<NotificationOptions>>().Value;
        var watch = Stopwatch.StartNew();
        if (mailTo is not null)
        {
            var smtp = settings.Smtp;
            var mail = new RenderedMail(
                "PlanNacc: ทดสอบการส่งอีเมลแจ้งเตือน",
                $"ข้อความทดสอบจาก PlanNacc ส่งผ่าน {smtp.Host}:{smtp.Port} ({smtp.Security})\n"
                    + $"ถ้าได้รับอีเมลนี้ การตั้งค่า SMTP ใช้ได้\n{settings.PublicUrl}\n",
                $"<!DOCTYPE html><html lang=\"th\"><body><p>ข้อความทดสอบจาก <strong>PlanNacc</strong></p>"
                    + $"<p>ถ้าได้รับอีเมลนี้ การตั้งค่า SMTP ใช้ได้</p></body></html>",
                null);
            try
            {
                var message = MailSender.Message(smtp.From, mailTo, mail, $"test|{Guid.NewGuid():N}");
                var reply = await services.GetRequiredService<MailSender>().SendAsync(message);
                output.WriteLine($"sent a Thai test message to {mailTo} via {smtp.Host}:{smtp.Port} ({smtp.Security})"
                    + $" in {watch.ElapsedMilliseconds} ms: {reply}");
                return CommandLine.Ok;
            }
            catch (MailSendException e)
            {
                throw new CliFailure($"test mail not sent: {e.Message}", CommandLine.Failed);
            }
            catch (Exception e) when (e is FormatException or MimeKit.ParseException)
            {
                throw new CliFailure($"test mail not sent: bad address ({e.Message})", CommandLine.BadArguments);
            }
        }
        var secret = settings.Webhooks.Secret;
        if (string.IsNullOrEmpty(secret))
        {
            throw new CliFailure("test webhook not sent: no secret (set Notifications:Webhooks:Secret, e.g. in the environment)",
                CommandLine.Failed);
        }
        var sender = services.GetRequiredService<WebhookSender>();
        if (await sender.RefusalAsync(hookUrl!) is { } refusal)
        {
            throw new CliFailure($"test webhook refused: {refusal}", CommandLine.Refused);
        }
        var body = Json.Serialize(new
        {
            id = 0,
            type = "test",
            occurredAt = DateTime.UtcNow,
            text = new { th = "ทดสอบ webhook จาก PlanNacc", en = "PlanNacc webhook test" },
            link = settings.PublicUrl,
        });
        var result = await sender.PostAsync(hookUrl!, secret, body);
        if (!result.Delivered)
        {
            var refused = result.Error?.StartsWith("refused:", StringComparison.Ordinal) == true;
            throw new CliFailure($"test webhook failed: {result.Error}", refused
                ? CommandLine.Refused : CommandLine.Failed);
        }
        output.WriteLine($"posted a signed test event to {hookUrl}: HTTP {result.StatusCode} in {watch.ElapsedMilliseconds} ms");
        return CommandLine.Ok;
    }
}
