using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace PlanNacc.Web.Tests.Notifications;

/// <summary>
/// A small real SMTP server on loopback: greets, takes EHLO, AUTH PLAIN/LOGIN (when a password is set), MAIL, RCPT, DATA and
/// QUIT, and keeps each accepted message. It can refuse the sender a number of times, or stall before its greeting.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _sendersToRefuse;

    public SmtpSink()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>Connections that reached the greeting (a stalled one counts).</summary>
    public int Connections => _connections;

    private int _connections;

    /// <summary>The next this many MAIL FROM commands are answered 451 (a temporary refusal).</summary>
    public int RefuseSenders { set => Volatile.Write(ref _sendersToRefuse, value); }

    /// <summary>While set, a new connection waits this long (or until the sink stops) before the greeting.</summary>
    public TimeSpan? StallGreeting { get; set; }

    /// <summary>When set, AUTH is offered and only this user and password are accepted.</summary>
    public (string User, string Password)? Credentials { get; set; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        Interlocked.Increment(ref _connections);
        try
        {
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.ASCII);
            var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
            if (StallGreeting is { } stall)
            {
                await Task.Delay(stall, _stop.Token);
            }
            await writer.WriteLineAsync("220 sink.test ESMTP");
            var authenticated = Credentials is null;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        // No 8BITMIME or SMTPUTF8: the client must send Thai as 7-bit MIME encodings, which any relay passes.
                        await writer.WriteLineAsync("250-sink.test");
                        await writer.WriteLineAsync(Credentials is null ? "250 HELP" : "250-HELP");
                        if (Credentials is not null)
                        {
                            await writer.WriteLineAsync("250 AUTH PLAIN LOGIN");
                        }
                        break;
                    case "HELO" or "NOOP" or "RSET":
                        await writer.WriteLineAsync("250 ok");
                        break;
                    case "AUTH":
                        authenticated = await AuthenticateAsync(line, reader, writer);
                        await writer.WriteLineAsync(
                            authenticated ? "235 2.7.0 authenticated" : "535 5.7.8 authentication credentials invalid");
                        break;
                    case "MAIL":
                        if (!authenticated)
                        {
                            await writer.WriteLineAsync("530 5.7.0 authentication required");
                        }
                        else if (Interlocked.Decrement(ref _sendersToRefuse) >= 0)
                        {
                            await writer.WriteLineAsync("451 4.7.1 sender refused, try again later");
                        }
                        else
                        {
                            await writer.WriteLineAsync("250 2.1.0 sender ok");
                        }
                        break;
                    case "RCPT":
                        await writer.WriteLineAsync("250 2.1.5 recipient ok");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }
                        // The reader decoded ASCII; the message is 7-bit (MimeKit encodes UTF-8 text as base64 or quoted-printable).
                        Messages.Enqueue(MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(data.ToString()))));
                        await writer.WriteLineAsync("250 2.0.0 queued as sink");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 command not recognized");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task<bool> AuthenticateAsync(string line, StreamReader reader, StreamWriter writer)
    {
        var parts = line.Split(' ');
        string Decode(string b64) => Encoding.UTF8.GetString(Convert.FromBase64String(b64));
        string user, password;
        if (parts.Length >= 2 && parts[1].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            var payload = parts.Length > 2 ? parts[2] : await PromptAsync("");
            var fields = Decode(payload).Split('\0');
            (user, password) = (fields[^2], fields[^1]);
        }
        else
        {
            user = Decode(parts.Length > 2 ? parts[2] : await PromptAsync("VXNlcm5hbWU6"));
            password = Decode(await PromptAsync("UGFzc3dvcmQ6"));
        }
        return Credentials is { } c && c.User == user && c.Password == password;

        async Task<string> PromptAsync(string challenge)
        {
            await writer.WriteLineAsync($"334 {challenge}");
            return await reader.ReadLineAsync(_stop.Token) ?? "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
