using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PlanNacc.Crawler.Safety;

namespace PlanNacc.Web.Features.Notifications;

/// <summary>
/// The header every webhook call carries: <c>X-PlanNacc-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>.
/// The receiver recomputes it with the shared secret and refuses old timestamps (replays).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-PlanNacc-Signature";

    public static string Sign(string secret, long unixSeconds, string body) =>
        string.Create(CultureInfo.InvariantCulture, $"t={unixSeconds},v1={Hex(secret, unixSeconds, body)}");

    /// <summary>
    /// True when <paramref name="header"/> signs <paramref name="body"/> with <paramref name="secret"/> within
    /// <paramref name="tolerance"/> of now.
    /// </summary>
    public static bool Verify(string secret, string? header, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim()).ToDictionary(g => g.Key, g => g.First()[1].Trim());
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
            || !parts.TryGetValue("v1", out var v1) || Math.Abs(now.ToUnixTimeSeconds() - unix) > tolerance.TotalSeconds)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hex(secret, unix, body)), Encoding.ASCII.GetBytes(v1.ToLowerInvariant()));
    }

    private static string Hex(string secret, long unixSeconds, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{unixSeconds}.{body}"))));
}

/// <summary>What one webhook call came to. <see cref="Retry"/>: worth another attempt later (5xx, timeout, redirect, network).</summary>
public sealed record WebhookResult(bool Delivered, int? StatusCode, string? Error, bool Retry, string ResponseStart);

/// <summary>
/// Posts signed JSON to a webhook, bounded: the crawler's address policy on every connection (private and loopback refused
/// unless Notifications:AllowPrivateNetwork), no proxy, no redirects followed, a time limit on the whole exchange, and at most
/// Notifications:Webhooks:MaxResponseBytes of the answer read.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly NotificationOptions _options;
    private readonly TimeProvider _clock;

    public WebhookSender(IOptions<NotificationOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        var policy = new AddressPolicy(allowLoopback: _options.AllowPrivateNetwork, allowPrivateNetwork: _options.AllowPrivateNetwork);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            // An unread answer (a 1 GB body) closes the connection instead of being drained.
            MaxResponseDrainSize = 0,
            ConnectTimeout = TimeSpan.FromSeconds(Math.Max(1, _options.Webhooks.TimeoutSeconds)),
            ConnectCallback = (context, cancellationToken) => ConnectAsync(policy, context.DnsEndPoint, cancellationToken),
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("PlanNacc-Webhook/1.0");
    }

    /// <summary>Refuses an address the policy forbids before anything connects (the checked address is the one connected to).</summary>
    public static async ValueTask<Stream> ConnectAsync(AddressPolicy policy, DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endPoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        AddressRefusedException? refused = null;
        foreach (var address in addresses)
        {
            try
            {
                policy.Check(endPoint.Host, address);
            }
            catch (AddressRefusedException e)
            {
                refused ??= e;
                continue;
            }
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw refused ?? new AddressRefusedException(endPoint.Host, IPAddress.None, AddressCategory.Unspecified);
    }

    /// <summary>Why a URL may not be registered (not http(s), or a private or loopback address now), or null.</summary>
    public async Task<string?> RefusalAsync(string url, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return "not an http(s) URL";
        }
        var policy = new AddressPolicy(_options.AllowPrivateNetwork, _options.AllowPrivateNetwork);
        try
        {
            var addresses = IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken);
            foreach (var address in addresses)
            {
                policy.Check(uri.Host, address);
            }
            return addresses.Length == 0 ? $"no address for {uri.Host}" : null;
        }
        catch (AddressRefusedException e)
        {
            return $"{e.Message} (allowed only with Notifications:AllowPrivateNetwork)";
        }
        catch (SocketException e)
        {
            return $"no such host {uri.Host} ({e.SocketErrorCode})";
        }
    }

    public async Task<WebhookResult> PostAsync(string url, string secret, string body, CancellationToken cancellationToken = default)
    {
        var limit = Math.Max(0, _options.Webhooks.MaxResponseBytes);
        var timeout = TimeSpan.FromSeconds(Math.Max(1, _options.Webhooks.TimeoutSeconds));
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secret, _clock.GetUtcNow().ToUnixTimeSeconds(), body));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, bounded.Token);
            var status = (int)response.StatusCode;
            var start = await ReadStartAsync(response, limit, bounded.Token);
            if (status is >= 200 and < 300)
            {
                return new WebhookResult(true, status, null, false, start);
            }
            if (status is >= 300 and < 400)
            {
                var target = response.Headers.Location?.ToString() ?? "(no Location)";
                return new WebhookResult(false, status, $"redirect to {Truncate(target, 200)} not followed", true, start);
            }
            // 4xx other than 408/429 will not change by asking again.
            var retry = status >= 500 || status is 408 or 429;
            return new WebhookResult(false, status, $"answered {status} {response.ReasonPhrase}", retry, start);
        }
        catch (Exception e) when (Refusal(e) is { } refusedAddress)
        {
            var reason = refusedAddress.Message + " (allowed only with Notifications:AllowPrivateNetwork)";
            return new WebhookResult(false, null, reason, false, "");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookResult(false, null, $"no complete answer within {timeout.TotalSeconds:0} s", true, "");
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
                ? "refused connection"
                : e.HttpRequestError == HttpRequestError.SecureConnectionError
                    ? $"TLS failed: {e.InnerException?.Message ?? e.Message}"
                    : e.Message;
            return new WebhookResult(false, null, Truncate(reason.ReplaceLineEndings(" "), 300), true, "");
        }
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes of the answer; a longer (or endless) answer is cut, never buffered.</summary>
    private static async Task<string> ReadStartAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[limit];
        var read = 0;
        while (read < limit && await stream.ReadAsync(buffer.AsMemory(read, limit - read), cancellationToken) is var n and > 0)
        {
            read += n;
        }
        return Encoding.UTF8.GetString(buffer, 0, Math.Min(read, 500));
    }

    private static AddressRefusedException? Refusal(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is AddressRefusedException refused)
            {
                return refused;
            }
        }
        return null;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    public void Dispose() => _http.Dispose();
}
