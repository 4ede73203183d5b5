using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using PlanNacc.Crawler.Safety;

namespace PlanNacc.Crawler.Fetching;

/// <summary>
/// The one HTTP stack of the process: a shared <see cref="SocketsHttpHandler"/> whose connect callback resolves through
/// <see cref="HostResolver"/> (so the address check runs on every connection, redirects included), with a connect timeout,
/// certificate validation on, no automatic redirects (the caller checks every hop) and no automatic decompression (the body reader
/// caps the ratio). One exchange per call.
/// </summary>
internal sealed class HttpFetcher : IDisposable
{
    private readonly CrawlerOptions options;
    private readonly TimeProvider clock;
    private readonly HttpClient client;
    private readonly ConcurrentDictionary<string, CertificateProblem> certificateProblems = new(StringComparer.OrdinalIgnoreCase);

    public HttpFetcher(CrawlerOptions options, HostResolver resolver, TimeProvider clock)
    {
        this.options = options;
        this.clock = clock;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            MaxConnectionsPerServer = Math.Max(1, options.MaxConcurrentPerAddress),
            ConnectTimeout = options.ConnectTimeout,
            ResponseDrainTimeout = TimeSpan.FromSeconds(1),
            MaxResponseHeadersLength = 64,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var addresses = await resolver.ResolveAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                connectTimeout.CancelAfter(options.ConnectTimeout);
                try
                {
                    await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, connectTimeout.Token).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    socket.Dispose();
                    throw new ConnectTimeoutException(context.DnsEndPoint.Host);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
                {
                    if (errors == SslPolicyErrors.None)
                    {
                        return true;
                    }
                    var host = (sender as SslStream)?.TargetHostName ?? "?";
                    certificateProblems[host] = CertificateCheck.Describe(errors, certificate, chain);
                    return options.IgnoreCertificateErrors;
                },
            },
        };
        client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent.For(options.ContactUrl));
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("th,en;q=0.5");
        client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip, deflate, br");
    }

    /// <summary>The certificate problem seen for a host ("self-signed (RemoteCertificateChainErrors: UntrustedRoot)"), or null.</summary>
    public string? CertificateProblem(string host) => certificateProblems.TryGetValue(host, out var problem) ? problem.Text : null;

    /// <summary>The typed kind of the certificate problem seen for a host (CertificateInvalid when none was recorded).</summary>
    public SiteFailureKind CertificateKind(string host) =>
        certificateProblems.TryGetValue(host, out var problem) ? problem.Kind : SiteFailureKind.Certificate;

    /// <param name="truncate">Keep the first <paramref name="maxBytes"/> of a longer body rather than failing "too-large".</param>
    /// <param name="validators">Sent as If-None-Match / If-Modified-Since; a 304 answer then comes back with no body and no error.</param>
    public async Task<FetchResult> SendAsync(
        Uri url, long maxBytes, CancellationToken cancellationToken, bool truncate = false, Validators? validators = null)
    {
        var fetchedAt = clock.GetUtcNow();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (validators?.ETag is { } etag)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }
            if (validators?.LastModified is { } lastModified)
            {
                request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
            }
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                .ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var headers = FlattenHeaders(response);
            var contentType = response.Content.Headers.ContentType;
            var declared = response.Content.Headers.ContentLength;
            var result = new FetchResult
            {
                Url = url,
                FinalUrl = url,
                StatusCode = status,
                ContentType = contentType?.MediaType,
                HeaderCharset = contentType?.CharSet?.Trim('"', '\''),
                Headers = headers,
                DeclaredLength = declared,
                FetchedAt = fetchedAt,
                SentValidators = validators,
            };
            if (status == 304)
            {
                return result;
            }
            if (status is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                return result with { RedirectTo = new Uri(url, location) };
            }
            if (declared > maxBytes && !truncate)
            {
                return result with { Error = "too-large", Failure = FetchFailure.TooLarge };
            }
            var encoding = response.Content.Headers.ContentEncoding.LastOrDefault();
            BodyReadResult body;
            try
            {
                var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                body = await BodyReader.ReadAsync(
                    stream, encoding, maxBytes, options.MaxDecompressionRatio, declared, timeout.Token, truncate).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                // The headers came, the body did not finish: the server cut it short.
                return result with { Error = "truncated", Failure = FetchFailure.Unreachable };
            }
            if (body.Error is not null)
            {
                var failure = body.Error switch
                {
                    "too-large" => FetchFailure.TooLarge,
                    "decompression-bomb" => FetchFailure.DecompressionBomb,
                    _ => FetchFailure.Http,
                };
                return result with { WireBytes = body.WireBytes, Error = body.Error, Failure = failure };
            }
            result = result with { Body = body.Body, WireBytes = body.WireBytes };
            return status is >= 200 and < 300 ? result : result with { Error = $"http {status}", Failure = FetchFailure.Http };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(url, fetchedAt, "timeout", FetchFailure.Timeout);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or AddressRefusedException or DnsFailureException
            or ConnectTimeoutException)
        {
            var (reason, failure) = Describe(e);
            return Failed(url, fetchedAt, reason, failure);
        }
    }

    /// <summary>Failures worth one more try after a pause: resets, dropped connections, 429 and 502-504.</summary>
    public static bool IsTransient(FetchResult result) =>
        result.Failure == FetchFailure.Unreachable && result.Error is "connection-reset" or "truncated"
        || result.StatusCode is 429 or 502 or 503 or 504;

    private static FetchResult Failed(Uri url, DateTimeOffset at, string reason, FetchFailure failure) =>
        new() { Url = url, FinalUrl = url, Error = reason, Failure = failure, FetchedAt = at };

    private static (string Reason, FetchFailure Failure) Describe(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case AddressRefusedException refused:
                    return (refused.Reason, FetchFailure.Refused);
                case DnsFailureException dns:
                    return (dns.Message, dns.Temporary ? FetchFailure.DnsTemporary : FetchFailure.Dns);
                case ConnectTimeoutException:
                    return ("connect-timeout", FetchFailure.Timeout);
                case AuthenticationException:
                    return ("certificate-invalid", FetchFailure.Certificate);
                case SocketException socket when socket.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted:
                    return ("connection-reset", FetchFailure.Unreachable);
                case SocketException socket when socket.SocketErrorCode == SocketError.HostNotFound:
                    return ("dns: no such host", FetchFailure.Dns);
                case SocketException socket:
                    return ("unreachable: " + socket.SocketErrorCode.ToString().ToLowerInvariant(), FetchFailure.Unreachable);
            }
        }
        if (e is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } || e is IOException)
        {
            return ("truncated", FetchFailure.Unreachable);
        }
        if (e is HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse })
        {
            return ("invalid-response", FetchFailure.Http);
        }
        return ("unreachable: " + e.Message, FetchFailure.Unreachable);
    }

    private static Dictionary<string, string> FlattenHeaders(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = string.Join(", ", values);
        }
        return headers;
    }

    public void Dispose() => client.Dispose();
}

/// <summary>The TCP connection was not established within the connect timeout.</summary>
public sealed class ConnectTimeoutException(string host) : Exception($"connect-timeout: {host}");
