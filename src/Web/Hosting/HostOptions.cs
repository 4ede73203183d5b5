namespace PlanNacc.Web.Hosting;

/// <summary>Settings of the web host behind a reverse proxy (section <c>Host</c>).</summary>
public sealed class WebHostOptions
{
    public const string Section = "Host";

    /// <summary>
    /// Addresses of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (nginx on the same
    /// machine: 127.0.0.1). Empty: the headers are ignored and the connection's own address and scheme count.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>The largest request body taken (a plan spreadsheet is at most 5 MB); larger ones answer 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Where the sign-in key ring is kept; empty = "keys" under the data folder.</summary>
    public string? KeysFolder { get; set; }

    /// <summary>One line per setting that cannot work, each naming the setting (empty when all can).</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var proxy in KnownProxies.Where(p => !System.Net.IPAddress.TryParse(p, out _)))
        {
            yield return $"Host:KnownProxies: '{proxy}' is not an IP address";
        }
        if (MaxRequestBodyBytes < 64 * 1024)
        {
            yield return $"Host:MaxRequestBodyBytes must be at least 65536 (64 KB), not {MaxRequestBodyBytes}";
        }
    }
}
