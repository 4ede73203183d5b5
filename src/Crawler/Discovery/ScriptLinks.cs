using System.Net;
using System.Text.RegularExpressions;

namespace PlanNacc.Crawler.Discovery;

/// <summary>A URL a page reaches only through script (an intro button, a pop-up menu item, a timed redirect), with its label.</summary>
public sealed record ScriptLink(Uri Url, string Text, string Via);

/// <summary>
/// Static discovery of navigation written in script: <c>location = '…'</c>, <c>location.href</c>, <c>location.replace/assign(…)</c>,
/// <c>window.open('…')</c> and <c>navigate('…')</c> in <c>onclick</c> and similar attributes, <c>javascript:</c> links and
/// <c>&lt;script&gt;</c> blocks (timed intro redirects, Macromedia pop-up menus), and document paths named in scripts
/// (<c>PDFObject.embed("….pdf")</c>). Only string literals are read: a URL assembled at run time needs rendering. Bounded by
/// the page size (the page text is already capped) and by <paramref name="maxLinks"/>.
/// </summary>
public static partial class ScriptLinks
{
    public static IReadOnlyList<ScriptLink> Find(string html, Uri baseUrl, int maxLinks = 200)
    {
        var found = new List<ScriptLink>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (!MayNavigate().IsMatch(html))
        {
            return found;
        }
        foreach (Match attribute in HandlerAttribute().Matches(html))
        {
            var code = WebUtility.HtmlDecode(attribute.Groups["code"].Value);
            var label = LabelOf(html, attribute);
            foreach (var target in Targets(code))
            {
                Add(found, seen, baseUrl, target.Url, label, "onclick", maxLinks);
            }
        }
        foreach (Match script in ScriptBlock().Matches(html))
        {
            foreach (var target in Targets(script.Groups["code"].Value))
            {
                Add(found, seen, baseUrl, target.Url, target.Label, "script", maxLinks);
            }
            foreach (Match document in DocumentLiteral().Matches(script.Groups["code"].Value))
            {
                Add(found, seen, baseUrl, document.Groups["url"].Value, string.Empty, "script", maxLinks);
            }
        }
        return found;
    }

    /// <summary>
    /// The navigation targets in a piece of script, each with the string literal just before it on its line (a menu label).
    /// </summary>
    private static IEnumerable<(string Url, string Label)> Targets(string code)
    {
        foreach (Match call in Navigation().Matches(code))
        {
            var lineStart = code.LastIndexOf('\n', Math.Max(0, call.Index - 1)) + 1;
            var before = code[lineStart..call.Index];
            var label = string.Empty;
            foreach (Match literal in Literal().Matches(before.Length > 300 ? before[^300..] : before))
            {
                var text = literal.Groups["s"].Value;
                if (!LooksLikeUrl(text))
                {
                    label = text;
                }
            }
            yield return (call.Groups["url"].Value, Clean(WebUtility.HtmlDecode(label)));
        }
    }

    /// <summary>
    /// The label of the element carrying a handler: its text up to the next tag, else its value, alt, title or aria-label.
    /// </summary>
    private static string LabelOf(string html, Match attribute)
    {
        var tag = attribute.Groups["tag"].Value;
        var close = html.IndexOf('>', attribute.Index + attribute.Length);
        if (close > 0)
        {
            var next = html.IndexOf('<', close + 1);
            var text = next > close ? Clean(WebUtility.HtmlDecode(html[(close + 1)..Math.Min(next, close + 300)])) : string.Empty;
            if (text.Length > 0)
            {
                return text;
            }
            var whole = html[attribute.Index..close];
            var named = NamedAttribute().Match(whole);
            if (named.Success)
            {
                return Clean(WebUtility.HtmlDecode(named.Groups["v"].Value));
            }
        }
        return tag;
    }

    // A literal ending in '=' is the first half of a URL built at run time ('page.php?id=' + id): only rendering sees it whole.
    private static void Add(List<ScriptLink> found, HashSet<string> seen, Uri baseUrl, string raw, string label, string via, int max)
    {
        raw = raw.Trim();
        if (found.Count >= max || raw.Length == 0 || raw.StartsWith('#')
            || raw.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
            || raw.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || raw.EndsWith('='))
        {
            return;
        }
        if (Uri.TryCreate(baseUrl, raw, out var url) && url.Scheme is "http" or "https" && seen.Add(url.AbsoluteUri))
        {
            found.Add(new ScriptLink(url, label, via));
        }
    }

    private static bool LooksLikeUrl(string text) =>
        text.Contains('/', StringComparison.Ordinal) || text.Contains(".php", StringComparison.OrdinalIgnoreCase)
        || text.Contains(".htm", StringComparison.OrdinalIgnoreCase) || text.StartsWith('_');

    private static string Clean(string text) => WhiteSpace().Replace(text.Replace('\u00A0', ' '), " ").Trim();

    [GeneratedRegex(@"location|window\.open|navigate\(|\.pdf", RegexOptions.IgnoreCase)]
    private static partial Regex MayNavigate();

    [GeneratedRegex(
        @"<(?<tag>[a-z][a-z0-9]*)\b[^>]*?\s(?:on(?:click|dblclick|mousedown|mouseup|change|load)|href)\s*=\s*(?<q>[""'])"
        + @"(?<code>(?:(?!\k<q>).){0,2000}?(?:location|window\.open|navigate)(?:(?!\k<q>).){0,2000})\k<q>",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HandlerAttribute();

    [GeneratedRegex(@"<script\b[^>]*>(?<code>.*?)</script\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptBlock();

    [GeneratedRegex(
        @"(?:(?:\blocation(?:\.href)?|\.location(?:\.href)?)\s*=\s*|location\.(?:replace|assign)\s*\(\s*"
        + @"|window\.open\s*\(\s*|\bnavigate\s*\(\s*)(?<q>['""])(?<url>[^'""\s<>]{1,500})\k<q>",
        RegexOptions.IgnoreCase)]
    private static partial Regex Navigation();

    [GeneratedRegex(@"(?<q>['""])(?<s>[^'""\r\n]{1,200})\k<q>")]
    private static partial Regex Literal();

    [GeneratedRegex(@"(?<q>['""])(?<url>[^'""\s<>]{1,400}\.(?:pdf|docx?|xlsx?|pptx?))\k<q>", RegexOptions.IgnoreCase)]
    private static partial Regex DocumentLiteral();

    [GeneratedRegex(@"\s(?:value|alt|title|aria-label)\s*=\s*(?<q>[""'])(?<v>[^""']{1,200})\k<q>", RegexOptions.IgnoreCase)]
    private static partial Regex NamedAttribute();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
