namespace PlanNacc.SiteFarm.Generation;

/// <summary>
/// Ground truth read off the page graph: every page with a kind, reached breadth-first from the home page.
/// </summary>
internal static class Truth
{
    public static List<GroundTruth> Compute(SiteModel m, Uri root)
    {
        var paths = new Dictionary<string, List<string>>(StringComparer.Ordinal) { ["/"] = ["หน้าหลัก"] };
        var contexts = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue("/");
        while (queue.Count > 0)
        {
            var key = queue.Dequeue();
            if (!m.Pages.TryGetValue(key, out var page))
            {
                continue;
            }
            var links = key == "/" ? m.ChromeLinks().Concat(m.HomeLinks).Concat(page.Links) : page.Links;
            foreach (var link in links)
            {
                var target = link.Href.StartsWith("http", StringComparison.Ordinal)
                    ? link.Href
                    : SiteModel.Key(link.Href);
                if (paths.ContainsKey(target) || !m.Pages.TryGetValue(target, out var next))
                {
                    continue;
                }
                paths[target] = [.. paths[key], Normalize(link.Text)];
                if (link.Context is not null)
                {
                    contexts[target] = Normalize(link.Context);
                }
                if (next.Type != PageType.Document && !next.External)
                {
                    queue.Enqueue(target);
                }
            }
        }

        var truth = new List<GroundTruth>();
        foreach (var (key, page) in m.Pages)
        {
            if (page.Kind is null || !paths.TryGetValue(key, out var path))
            {
                continue;
            }
            truth.Add(new GroundTruth
            {
                Kind = page.Kind,
                Url = page.External ? new Uri(page.Href) : new Uri(root, page.Href),
                LinkText = path[^1],
                ClickPath = path,
                FiscalYear = page.FiscalYear,
                FiscalYearSpan = page.Span,
                NeedsReview = page.NeedsReview,
                Placeholder = page.Placeholder,
                RobotsDisallowed = !page.External && RobotsRules.Disallows(m.Robots, page.Href),
                Context = contexts.GetValueOrDefault(key),
                Mismatch = page.Mismatch,
                Trap = page.Trap,
            });
        }
        return truth;
    }

    /// <summary>
    /// Whitespace collapsed, as a browser shows link text; the same instance when already clean, to save memory.
    /// </summary>
    public static string Normalize(string text)
    {
        var clean = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return clean == text ? text : clean;
    }
}
