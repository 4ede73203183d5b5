namespace PlanNacc.Crawler.Fetching;

/// <summary>One HTTP exchange (after the last redirect the fetcher was asked to follow), body already decoded from gzip/br.</summary>
internal sealed record FetchResult
{
    public required Uri Url { get; init; }
    public required Uri FinalUrl { get; init; }
    /// <summary>0 when no response was received.</summary>
    public int StatusCode { get; init; }
    public string? ContentType { get; init; }
    public string? HeaderCharset { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public byte[] Body { get; init; } = [];
    public long? DeclaredLength { get; init; }
    /// <summary>Bytes received on the wire (compressed), for the site's byte budget.</summary>
    public long WireBytes { get; init; }
    /// <summary>Null on success; otherwise a short reason ("timeout", "too-large", "redirect-loop", "refused: loopback
    /// 127.0.0.1"…).</summary>
    public string? Error { get; init; }
    public FetchFailure Failure { get; init; }
    public Uri? RedirectTo { get; init; }
    public int Attempts { get; init; } = 1;
    public DateTimeOffset FetchedAt { get; init; }

    public bool IsSuccess => Error is null && StatusCode is >= 200 and < 300;
    /// <summary>The validators the request carried (a conditional request), or null.</summary>
    public Validators? SentValidators { get; init; }
    /// <summary>The server answered 304 Not Modified (no body).</summary>
    public bool NotModified => StatusCode == 304 && Error is null;

    /// <summary>The failure as the site's snapshot types it.</summary>
    public SiteFailureKind Kind => FetchFailures.KindOf(Failure, Error, StatusCode);
}

/// <summary>What a server said identifies a response's version: its ETag and Last-Modified header values, as sent.</summary>
public sealed record Validators(string? ETag, string? LastModified)
{
    public bool IsEmpty => ETag is null && LastModified is null;
}

internal static class FetchFailures
{
    /// <summary>
    /// A fetch failure as <see cref="SiteFailureKind"/>; the socket's words (HttpFetcher.Describe) tell a refusal from a drop.
    /// </summary>
    public static SiteFailureKind KindOf(FetchFailure failure, string? error, int statusCode) => failure switch
    {
        FetchFailure.None => SiteFailureKind.None,
        FetchFailure.Timeout => SiteFailureKind.Timeout,
        FetchFailure.Http when statusCode is 429 or >= 500 => SiteFailureKind.ServerBusy,
        FetchFailure.Http when statusCode == 0 => SiteFailureKind.ConnectionLost,
        FetchFailure.Http => SiteFailureKind.HttpStatus,
        FetchFailure.Unreachable
            when error is "unreachable: connectionrefused" or "unreachable: hostunreachable" or "unreachable: networkunreachable"
            => SiteFailureKind.ConnectionRefused,
        FetchFailure.Unreachable when error is "unreachable: hostnotfound" => SiteFailureKind.NoSuchHost,
        FetchFailure.Unreachable when error == "unreachable: timedout" => SiteFailureKind.Timeout,
        FetchFailure.Unreachable => SiteFailureKind.ConnectionLost,
        FetchFailure.Dns => SiteFailureKind.NoSuchHost,
        FetchFailure.DnsTemporary => SiteFailureKind.DnsTemporary,
        FetchFailure.Refused => SiteFailureKind.AddressRefused,
        FetchFailure.Certificate => SiteFailureKind.Certificate,
        FetchFailure.TooLarge or FetchFailure.DecompressionBomb => SiteFailureKind.TooLarge,
        FetchFailure.Redirects => SiteFailureKind.Redirects,
        FetchFailure.Robots => SiteFailureKind.RobotsDisallowed,
        FetchFailure.Budget => SiteFailureKind.Budget,
        FetchFailure.Cancelled => SiteFailureKind.Cancelled,
        _ => SiteFailureKind.ConnectionLost,
    };
}

/// <summary>Why a fetch produced no usable response; decides the site status when it was the home page.</summary>
internal enum FetchFailure
{
    None,
    Http,
    Timeout,
    Unreachable,
    Dns,
    DnsTemporary,
    Refused,
    Certificate,
    TooLarge,
    DecompressionBomb,
    Redirects,
    Robots,
    Budget,
    Cancelled,
}
