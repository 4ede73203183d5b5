using MailKit.Security;

namespace PlanNacc.Web.Features.Notifications;

/// <summary>Settings of section <c>Notifications</c>: where links point, the SMTP server, webhooks, and the event thresholds.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>The dashboard's address as recipients reach it (links in mails and webhooks): https://plannacc.example.go.th</summary>
    public string PublicUrl { get; set; } = "http://localhost:5080";

    public SmtpOptions Smtp { get; set; } = new();

    public WebhookOptions Webhooks { get; set; } = new();

    /// <summary>Webhooks to private and loopback addresses are refused unless this is true (the crawler's rule).</summary>
    public bool AllowPrivateNetwork { get; set; }

    /// <summary>A site unreachable this many nightly scans in a row raises an event.</summary>
    public int UnreachableNights { get; set; } = 3;

    /// <summary>How often the collector looks for finished runs, due dates and decisions (Bangkok time).</summary>
    public string CollectCron { get; set; } = "*/10 * * * *";

    /// <summary>The weekly digest: Monday 08:00 Bangkok.</summary>
    public string WeeklyCron { get; set; } = "0 8 * * 1";

    public string TimeZone { get; set; } = "Asia/Bangkok";

    /// <summary>Pauses between attempts at a mail or a webhook delivery; one attempt more than there are pauses.</summary>
    public List<int> RetryDelaysSeconds { get; set; } = [];

    public IReadOnlyList<int> RetryDelays => RetryDelaysSeconds is { Count: > 0 } d ? d : [60, 300, 1800, 7200];

    public int MaxAttempts => RetryDelays.Count + 1;

    public Uri Link(string pathAndQuery) => new(new Uri(PublicUrl.TrimEnd('/') + "/"), pathAndQuery.TrimStart('/'));
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string From { get; set; } = "PlanNacc <plannacc@localhost>";

    public string? User { get; set; }

    /// <summary>From the environment (Notifications__Smtp__Password) or appsettings; never from the command line.</summary>
    public string? Password { get; set; }

    /// <summary>A file holding the password (a mounted secret); read when <see cref="Password"/> is empty.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable (MailKit's SecureSocketOptions).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>Each SMTP exchange gives up after this long, so a slow server holds one job, never the others.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public string? EffectivePassword()
    {
        if (!string.IsNullOrEmpty(Password))
        {
            return Password;
        }
        return string.IsNullOrEmpty(PasswordFile) ? null : File.ReadAllText(PasswordFile).TrimEnd('\r', '\n');
    }
}

public sealed class WebhookOptions
{
    /// <summary>Signs webhooks registered without their own secret.</summary>
    public string? Secret { get; set; }

    /// <summary>The whole exchange (connect, send, status line and the bounded read of the answer).</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>At most this much of a webhook's answer is read (for the delivery log); the rest is dropped unread.</summary>
    public int MaxResponseBytes { get; set; } = 16 * 1024;
}
