using System.Text;
using System.Text.RegularExpressions;

namespace PlanNacc.Crawler.Discovery;

/// <summary>
/// Collapses URL variants and recognises infinite URL spaces. Only parameters known to carry no content are dropped: session ids,
/// tracking tags and sort/order switches. Every other parameter is kept, known or not, because on LAO sites the query string is
/// often the page (Joomla <c>option/view/layout/id/catid/Itemid/task</c>, <c>menuid</c>, <c>page_id</c>, <c>p</c>, <c>cat</c>): variants
/// that still answer the same bytes are recognised by content hash in the crawl instead. Calendar-like URLs (date parameters,
/// /calendar/ paths, repeating path segments, very long URLs) are cut.
/// </summary>
public static partial class UrlCanonicaliser
{
    private static readonly HashSet<string> DroppedParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        // Sessions.
        "phpsessid", "jsessionid", "sid", "sessionid", "session_id", "aspsessionid", "cfid", "cftoken", "oscsid", "zenid",
        // Tracking.
        "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id", "fbclid", "gclid", "gclsrc", "dclid",
        "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "lang_redirect", "replytocom",
        // Sort and order switches: the same list in another order.
        "sort", "sortby", "sort_by", "order", "orderby", "order_by", "dir", "direction", "asc", "desc", "filter_order", "filter_order_dir",
    };

    /// <summary>Parameters that page through dates on their own (a year alone is a fiscal-year listing, not a calendar).</summary>
    private static readonly HashSet<string> CalendarParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "month", "mon", "day", "date", "week", "cal", "calendar", "caldate", "ical", "timestamp", "eventdate", "event_date",
    };

    private static readonly HashSet<string> ShortDateParameters = new(StringComparer.OrdinalIgnoreCase) { "d", "m" };
    private static readonly HashSet<string> YearParameters = new(StringComparer.OrdinalIgnoreCase) { "y", "yr", "year" };

    /// <summary>The canonical form of <paramref name="url"/>, or null when it is a trap to cut (with the reason).</summary>
    public static Uri? Canonicalise(Uri url, out string? trapReason)
    {
        trapReason = null;
        if (url.AbsoluteUri.Length > 1024)
        {
            trapReason = "url-too-long";
            return null;
        }
        var path = JSessionInPath().Replace(url.AbsolutePath, string.Empty);
        if (RepeatedSegments(path))
        {
            trapReason = "repeating-path";
            return null;
        }
        var decodedPath = Uri.UnescapeDataString(path).ToLowerInvariant();
        var calendarPath = CalendarWord().IsMatch(decodedPath);
        if (calendarPath && (DatedSegment().IsMatch(decodedPath) || DateValue().IsMatch(Uri.UnescapeDataString(url.Query))))
        {
            trapReason = "calendar";
            return null;
        }
        var kept = new List<(string Key, string Value)>();
        var calendarParameters = 0;
        var shortDates = 0;
        var years = 0;
        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var key = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            if (DroppedParameters.Contains(key))
            {
                continue;
            }
            if (DateLike().IsMatch(Uri.UnescapeDataString(value)))
            {
                calendarParameters += CalendarParameters.Contains(key) ? 1 : 0;
                shortDates += ShortDateParameters.Contains(key) ? 1 : 0;
                years += YearParameters.Contains(key) ? 1 : 0;
            }
            kept.Add((key, value));
        }
        if (calendarParameters > 0 || (shortDates > 0 && years > 0))
        {
            trapReason = "calendar";
            return null;
        }
        var query = new StringBuilder();
        foreach (var (key, value) in kept)
        {
            query.Append(query.Length == 0 ? "" : "&").Append(key);
            if (value.Length > 0 || url.Query.Contains(key + "=", StringComparison.Ordinal))
            {
                query.Append('=').Append(value);
            }
        }
        var builder = new UriBuilder(url) { Path = path, Query = query.ToString(), Fragment = string.Empty };
        if ((builder.Scheme == "http" && builder.Port == 80) || (builder.Scheme == "https" && builder.Port == 443))
        {
            builder.Port = -1;
        }
        builder.Host = builder.Host.ToLowerInvariant();
        return builder.Uri;
    }

    private static bool RepeatedSegments(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length > 12)
        {
            return true;
        }
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in segments)
        {
            if ((counts[segment] = counts.GetValueOrDefault(segment) + 1) > 2)
            {
                return true;
            }
        }
        return false;
    }

    [GeneratedRegex(@";jsessionid=[^/?#]*", RegexOptions.IgnoreCase)]
    private static partial Regex JSessionInPath();

    [GeneratedRegex(@"calendar|kalender|ปฏิทิน|/events?/")]
    private static partial Regex CalendarWord();

    [GeneratedRegex(@"/(19|20|25)\d\d([-/]\d{1,2})?(/|$)")]
    private static partial Regex DatedSegment();

    [GeneratedRegex(@"=\d{1,4}([-/.]\d{1,2})")]
    private static partial Regex DateValue();

    [GeneratedRegex(@"^\d{1,4}([-/.]\d{1,2}([-/.]\d{1,4})?)?$")]
    private static partial Regex DateLike();
}
