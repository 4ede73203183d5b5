namespace PlanNacc.Crawler.Discovery;

/// <summary>A URL waiting to be fetched, with how it was reached.</summary>
internal sealed record Candidate(Uri Url, IReadOnlyList<string> ClickPath, int Depth, double Score, bool IsDocument, Uri? FoundOn,
    string? LinkText);

/// <summary>
/// Best-first queue of one site's URLs: highest score first, each level of depth costing a little, so ITA hubs and disclosure labels
/// are fetched before galleries. A URL is queued once; a better route found before it is fetched replaces the queued one.
/// </summary>
internal sealed class CrawlFrontier(int maxPerTemplate)
{
    private const double DepthCost = 2.5;
    private readonly PriorityQueue<Candidate, double> queue = new();
    private readonly Dictionary<string, Candidate> queued = new(StringComparer.Ordinal);
    private readonly HashSet<string> done = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> templates = new(StringComparer.Ordinal);

    public int Count => queued.Count;

    /// <summary>Queues or improves a candidate; false when already fetched, not better, or its URL template is used up.</summary>
    public bool Offer(Candidate candidate)
    {
        var key = candidate.Url.AbsoluteUri;
        if (done.Contains(key))
        {
            return false;
        }
        if (queued.TryGetValue(key, out var existing))
        {
            if (Priority(candidate) >= Priority(existing))
            {
                return false;
            }
            queued[key] = candidate;
            queue.Enqueue(candidate, Priority(candidate));
            return true;
        }
        queued[key] = candidate;
        queue.Enqueue(candidate, Priority(candidate));
        return true;
    }

    public bool TryTake(out Candidate candidate)
    {
        while (queue.TryDequeue(out candidate!, out _))
        {
            var key = candidate.Url.AbsoluteUri;
            if (!queued.TryGetValue(key, out var current) || !ReferenceEquals(current, candidate))
            {
                continue;
            }
            queued.Remove(key);
            if (!done.Add(key))
            {
                // Reached meanwhile through a redirect from another link.
                continue;
            }
            var template = Template(candidate.Url);
            if ((templates[template] = templates.GetValueOrDefault(template) + 1) > maxPerTemplate)
            {
                continue;
            }
            return true;
        }
        return false;
    }

    public void MarkDone(Uri url) => done.Add(url.AbsoluteUri);

    public bool IsDone(Uri url) => done.Contains(url.AbsoluteUri);

    private static double Priority(Candidate candidate) => -candidate.Score + candidate.Depth * DepthCost;

    /// <summary>
    /// The URL with digit runs masked: /news.php?id=1 and ?id=2 share a template (pagination and item lists). Parameter values
    /// stay in it (digits masked, long tokens as '*'), so a Joomla site's category lists and articles
    /// (<c>option=com_content&amp;view=category</c> / <c>view=article</c>) are two templates, not one for the whole site.
    /// </summary>
    internal static string Template(Uri url)
    {
        var parameters = url.Query.TrimStart('?').Split('&').Select(p =>
        {
            var equals = p.IndexOf('=');
            return equals < 0 ? p : p[..(equals + 1)] + (p.Length - equals > 24 ? "*" : p[(equals + 1)..]);
        });
        var text = url.AbsolutePath + "?" + string.Join('&', parameters.Order(StringComparer.Ordinal));
        var chars = text.ToCharArray();
        var written = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsAsciiDigit(chars[i]))
            {
                if (written == 0 || chars[written - 1] != '#')
                {
                    chars[written++] = '#';
                }
                continue;
            }
            chars[written++] = chars[i];
        }
        return new string(chars, 0, written);
    }
}
