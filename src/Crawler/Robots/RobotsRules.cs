using System.Globalization;
using System.Text;

namespace PlanNacc.Crawler.Robots;

/// <summary>
/// robots.txt rules for one product token, per RFC 9309: the groups naming the token (else the <c>*</c> groups) merged, the longest
/// matching rule wins, Allow wins a tie, <c>*</c> matches any sequence and a trailing <c>$</c> anchors the end; /robots.txt is
/// always allowed.
/// </summary>
public sealed class RobotsRules
{
    /// <summary>Parsers must read at least 500 KiB (RFC 9309 2.5); the rest is ignored.</summary>
    public const int MaxBytes = 500 * 1024;

    private readonly List<Rule> rules;

    private RobotsRules(List<Rule> rules, TimeSpan? crawlDelay, IReadOnlyList<Uri> sitemaps, string? source)
    {
        this.rules = rules;
        CrawlDelay = crawlDelay;
        Sitemaps = sitemaps;
        Source = source;
    }

    /// <summary>Everything allowed (robots.txt missing or 4xx).</summary>
    public static RobotsRules AllowAll(string source) => new([], null, [], source);

    /// <summary>Everything disallowed (robots.txt 5xx or unreachable).</summary>
    public static RobotsRules DisallowAll(string source) => new([new Rule("/", Normalise("/"), false)], null, [], source);

    /// <summary>Everything disallowed because robots.txt could not be fetched at all (no HTTP response).</summary>
    internal static RobotsRules Unreachable(string source, Fetching.FetchFailure failure, SiteFailureKind kind, Uri url) =>
        new([new Rule("/", Normalise("/"), false)], null, [], source) { Failure = failure, FailureKind = kind, FailureUrl = url };

    /// <summary>Everything disallowed because robots.txt answered 5xx or 429 (the server, not its will).</summary>
    internal static RobotsRules ServerBusy(string source) =>
        new([new Rule("/", Normalise("/"), false)], null, [], source) { FailureKind = SiteFailureKind.ServerBusy };

    /// <summary>The fetch failure (or 5xx answer) that made these rules, as the snapshot types it.</summary>
    internal SiteFailureKind FailureKind { get; private init; }

    /// <summary>Why robots.txt got no HTTP response (certificate, unreachable…), or None.</summary>
    internal Fetching.FetchFailure Failure { get; private init; }
    /// <summary>The robots.txt URL the failure happened on (after redirects: maybe another host).</summary>
    internal Uri? FailureUrl { get; private init; }

    public TimeSpan? CrawlDelay { get; }
    public IReadOnlyList<Uri> Sitemaps { get; }
    /// <summary>How these rules came about ("robots.txt", "robots.txt 404: allow all", "robots-unavailable: robots.txt 503").</summary>
    public string? Source { get; }
    public bool DisallowsEverything => rules.Count == 1 && !rules[0].Allow && rules[0].Pattern == "/";

    public static RobotsRules Parse(string content, string productToken, Uri? baseUrl = null)
    {
        var groups = new List<(List<string> Agents, List<Rule> Rules, List<string> Delays)>();
        (List<string> Agents, List<Rule> Rules, List<string> Delays)? current = null;
        var lastWasAgent = false;
        var sitemaps = new List<Uri>();
        foreach (var rawLine in FirstBytes(content).Split('\n'))
        {
            // A byte order mark (Notepad's UTF-8) would otherwise glue itself to the first key and lose that line.
            var line = rawLine.TrimStart('\uFEFF');
            var hash = line.IndexOf('#');
            if (hash >= 0)
            {
                line = line[..hash];
            }
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "user-agent" or "useragent" or "user agent":
                    if (!lastWasAgent || current is null)
                    {
                        current = ([], [], []);
                        groups.Add(current.Value);
                    }
                    current.Value.Agents.Add(value);
                    lastWasAgent = true;
                    continue;
                case "allow" or "disallow":
                    if (current is not null && value.Length > 0)
                    {
                        current.Value.Rules.Add(new Rule(value, Normalise(value), key == "allow"));
                    }
                    break;
                case "crawl-delay":
                    current?.Delays.Add(value);
                    break;
                case "sitemap":
                    if (Uri.TryCreate(baseUrl ?? new Uri("http://invalid/"), value, out var sitemap) && sitemap.Scheme is "http" or "https")
                    {
                        sitemaps.Add(sitemap);
                    }
                    break;
                default:
                    // Unknown lines (Host, Clean-param, Noindex…) neither end a group nor start one (RFC 9309 2.2: ignore them).
                    continue;
            }
            lastWasAgent = false;
        }

        var mine = groups.Where(g => g.Agents.Any(a => Matches(a, productToken))).ToList();
        if (mine.Count == 0)
        {
            mine = groups.Where(g => g.Agents.Any(a => a == "*")).ToList();
        }
        TimeSpan? delay = null;
        foreach (var text in mine.SelectMany(g => g.Delays))
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                && seconds >= 0 && !double.IsInfinity(seconds))
            {
                delay = TimeSpan.FromSeconds(Math.Min(seconds, 86_400));
                break;
            }
        }
        return new RobotsRules(mine.SelectMany(g => g.Rules).ToList(), delay, sitemaps, "robots.txt");
    }

    /// <summary>The first <see cref="MaxBytes"/> bytes (as UTF-8) of the file, ending at the last whole line when it was cut.</summary>
    private static string FirstBytes(string content)
    {
        if (content.Length * 3L <= MaxBytes || Encoding.UTF8.GetByteCount(content) <= MaxBytes)
        {
            return content;
        }
        var cut = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(content), 0, MaxBytes);
        var lastLine = cut.LastIndexOf('\n');
        return lastLine < 0 ? string.Empty : cut[..lastLine];
    }

    /// <summary>Whether the path and query of <paramref name="url"/> may be fetched.</summary>
    public bool IsAllowed(Uri url) => IsAllowed(url.PathAndQuery);

    public bool IsAllowed(string pathAndQuery)
    {
        var path = Normalise(pathAndQuery.Length == 0 ? "/" : pathAndQuery);
        if (path == "/robots.txt")
        {
            return true;
        }
        Rule? best = null;
        foreach (var rule in rules)
        {
            if (!PatternMatches(rule.Pattern, path))
            {
                continue;
            }
            if (best is null || rule.Pattern.Length > best.Pattern.Length
                || (rule.Pattern.Length == best.Pattern.Length && rule.Allow && !best.Allow))
            {
                best = rule;
            }
        }
        return best?.Allow ?? true;
    }

    private static bool Matches(string agent, string productToken)
    {
        // The product token is the leading run of letters, '_' and '-' (RFC 9309 2.2.1), compared case-insensitively.
        var end = 0;
        while (end < agent.Length && (char.IsAsciiLetter(agent[end]) || agent[end] is '_' or '-'))
        {
            end++;
        }
        return end > 0 && agent.AsSpan(0, end).Equals(productToken, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Matches with '*' as any run and a final '$' as end of path; iterative, linear in practice.</summary>
    internal static bool PatternMatches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        if (anchored)
        {
            pattern = pattern[..^1];
        }
        int p = 0, s = 0, star = -1, mark = 0;
        while (s < path.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = s;
            }
            else if (p < pattern.Length && pattern[p] == path[s])
            {
                p++;
                s++;
            }
            else if (p == pattern.Length && !anchored)
            {
                return true;
            }
            else if (star >= 0)
            {
                p = star + 1;
                s = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }

    /// <summary>
    /// Puts rule and path in one form (RFC 9309 2.2.2): %XX of unreserved characters decoded, other escapes upper-cased, non-ASCII
    /// characters percent-encoded as UTF-8, so a Thai path written raw in robots.txt matches its escaped form in the URL.
    /// </summary>
    internal static string Normalise(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && char.IsAsciiHexDigit(value[i + 1]) && char.IsAsciiHexDigit(value[i + 2]))
            {
                var decoded = (char)Convert.ToByte(value.Substring(i + 1, 2), 16);
                if (char.IsAsciiLetterOrDigit(decoded) || decoded is '-' or '.' or '_' or '~')
                {
                    builder.Append(decoded);
                }
                else
                {
                    builder.Append('%').Append(char.ToUpperInvariant(value[i + 1])).Append(char.ToUpperInvariant(value[i + 2]));
                }
                i += 2;
            }
            else if (c > 0x7f)
            {
                var length = char.IsHighSurrogate(c) && i + 1 < value.Length ? 2 : 1;
                foreach (var b in Encoding.UTF8.GetBytes(value.Substring(i, length)))
                {
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
                i += length - 1;
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private sealed record Rule(string Raw, string Pattern, bool Allow);
}
