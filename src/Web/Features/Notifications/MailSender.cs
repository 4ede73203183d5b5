using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace PlanNacc.Web.Features.Notifications;

/// <summary>
/// Why a mail was not sent, in one line (refused connection, authentication, TLS, the server's refusal, a timeout).
/// <see cref="Uncertain"/>: the connection broke after the message went out, so the server may have it.
/// </summary>
public sealed class MailSendException(string reason, bool uncertain, Exception? inner = null) : Exception(reason, inner)
{
    public bool Uncertain { get; } = uncertain;
}

/// <summary>Sends one mail over SMTP with MailKit: multipart plain text and HTML, UTF-8 headers, bounded in time.</summary>
public sealed class MailSender(IOptions<NotificationOptions> options)
{
    public SmtpOptions Settings => options.Value.Smtp;

    public static MimeMessage Message(string from, string to, RenderedMail mail, string messageKey)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = mail.Subject;
        // The same digest always carries the same Message-ID, so a receiving system can tell a copy from a new mail.
        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(messageKey));
        message.MessageId = $"{Convert.ToHexStringLower(digest)[..32]}@plannacc";
        if (mail.Unsubscribe is { } unsubscribe)
        {
            // RFC 2369 and RFC 8058: mail clients offer their own one-click unsubscribe (a POST to the same signed link).
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe.AbsoluteUri}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        message.Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody();
        return message;
    }

    /// <summary>Sends <paramref name="message"/>; a <see cref="MailSendException"/> says why not. Returns the server's reply.</summary>
    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        var smtp = Settings;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            throw new MailSendException("no SMTP server configured (Notifications:Smtp:Host)", uncertain: false);
        }
        var timeout = TimeSpan.FromSeconds(Math.Max(1, smtp.TimeoutSeconds));
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Each exchange is bounded by the client's Timeout; the whole conversation by a few of them.
        bounded.CancelAfter(timeout * 4);
        using var client = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
        var where = $"{smtp.Host}:{smtp.Port}";
        var sending = false;
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, bounded.Token);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.EffectivePassword() ?? "", bounded.Token);
            }
            sending = true;
            var reply = await client.SendAsync(message, bounded.Token);
            sending = false;
            await client.DisconnectAsync(quit: true, CancellationToken.None).WaitAsync(timeout, CancellationToken.None);
            return reply;
        }
        catch (Exception e) when (e is not MailSendException
            && !(cancellationToken.IsCancellationRequested && e is OperationCanceledException))
        {
            throw Classify(e, where, timeout, sending);
        }
    }

    /// <summary>The one-line reason for a failure; a failure while the message was going out (not a refusal) is uncertain.</summary>
    public static MailSendException Classify(Exception e, string where, TimeSpan timeout, bool sending) => e switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused }
            => new($"refused connection: nothing accepts SMTP at {where}", false, e),
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } => new($"no such host: {where}", false, e),
        SocketException s => new($"cannot connect to {where}: {s.SocketErrorCode}", false, e),
        AuthenticationException => new($"authentication failed at {where}: {OneLine(e.Message)}", false, e),
        SslHandshakeException => new($"TLS failed with {where}: {OneLine(e.Message)}", false, e),
        SmtpCommandException c => new($"{where} refused the {Step(c.ErrorCode)}: {(int)c.StatusCode} {OneLine(c.Message)}", false, e),
        NotSupportedException when e.Message.Contains("STARTTLS", StringComparison.OrdinalIgnoreCase)
            => new($"TLS failed with {where}: the server does not offer STARTTLS (set Notifications:Smtp:Security)", false, e),
        OperationCanceledException or TimeoutException => new($"timed out after {timeout.TotalSeconds:0} s at {where}", sending, e),
        _ => new($"{(sending ? "connection lost while sending to" : "failed at")} {where}: {OneLine(e.Message)}", sending, e),
    };

    private static string Step(SmtpErrorCode code) => code switch
    {
        SmtpErrorCode.SenderNotAccepted => "sender",
        SmtpErrorCode.RecipientNotAccepted => "recipient",
        SmtpErrorCode.MessageNotAccepted => "message",
        _ => "command",
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
