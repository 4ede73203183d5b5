namespace PlanNacc.SiteFarm.Generation;

/// <summary>
/// The farm's own reading of the robots.txt it writes (RFC 9309: the group for "plannacc" if any, else "*"; longest
/// match wins, Allow on a tie; '*' any run, '$' end). Used only to mark truth URLs a polite crawler must not fetch.
/// </summary>
internal static class RobotsRules
{
    public static bool Disallows(string robots, string pathAndQuery)
    {
        var rules = GroupFor(robots, "plannacc") ?? GroupFor(robots, "*") ?? [];
        var best = -1;
        var allowed = true;
        foreach (var (allow, pattern) in rules)
        {
            if (pattern.Length == 0 || !Matches(pattern, pathAndQuery))
            {
                continue;
            }
            if (pattern.Length > best || (pattern.Length == best && allow))
            {
                best = pattern.Length;
                allowed = allow;
            }
        }
        return !allowed;
    }

    private static List<(bool Allow, string Pattern)>? GroupFor(string robots, string agent)
    {
        List<(bool, string)>? rules = null;
        var inGroup = false;
        var lastWasAgent = false;
        foreach (var raw in robots.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (key == "user-agent")
            {
                inGroup = (lastWasAgent && inGroup) || string.Equals(value, agent, StringComparison.OrdinalIgnoreCase);
                lastWasAgent = true;
                if (inGroup)
                {
                    rules ??= [];
                }
                continue;
            }
            lastWasAgent = false;
            if (inGroup && key is "allow" or "disallow")
            {
                rules!.Add((key == "allow", value));
            }
        }
        return rules;
    }

    private static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        var parts = (anchored ? pattern[..^1] : pattern).Split('*');
        if (!path.StartsWith(parts[0], StringComparison.Ordinal))
        {
            return false;
        }
        var at = parts[0].Length;
        for (var i = 1; i < parts.Length; i++)
        {
            var found = i == parts.Length - 1 && anchored
                ? (path.Length - parts[i].Length >= at && path.EndsWith(parts[i], StringComparison.Ordinal) ? path.Length - parts[i].Length
                    : -1)
                : path.IndexOf(parts[i], at, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }
            at = found + parts[i].Length;
        }
        return !anchored || at == path.Length;
    }
}
