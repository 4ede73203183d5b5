using PlanNacc.Scoring.Thai;

namespace PlanNacc.Scoring.Criteria;

/// <summary>How an item changed between two years.</summary>
public enum ItemChange
{
    /// <summary>In the later year only.</summary>
    Added,
    /// <summary>In the earlier year only.</summary>
    Removed,
    /// <summary>The same item under another code (2568 o25 = 2569 O23).</summary>
    Moved,
    /// <summary>The same item with another title.</summary>
    Renamed,
    /// <summary>The same item asking for other kinds of evidence or another year window.</summary>
    Changed,
}

/// <summary>One line of a diff: the item in each year (null where it does not exist) and what changed.</summary>
public sealed record ItemDiff(CriteriaItem? From, CriteriaItem? To, IReadOnlyList<ItemChange> Changes, string Detail);

/// <summary>
/// Compares two years' items. Codes cannot be compared (2568 o21 is No Gift, 2569 O21 risk assessment), so items are
/// paired by what they ask for: shared disclosure kinds first, then title likeness; each item pairs at most once.
/// </summary>
public static class CriteriaDiff
{
    public static IReadOnlyList<ItemDiff> Compare(CriteriaSet from, CriteriaSet to)
    {
        var candidates = new List<(CriteriaItem A, CriteriaItem B, double Score)>();
        foreach (var a in from.Items)
        {
            foreach (var b in to.Items)
            {
                var kinds = Jaccard(a.Kinds, b.Kinds);
                var title = TitleLikeness(a.TitleTh, b.TitleTh);
                if (kinds > 0 || title >= 0.75)
                {
                    candidates.Add((a, b, kinds * 0.7 + title * 0.3));
                }
            }
        }
        var pairedA = new HashSet<CriteriaItem>(ReferenceEqualityComparer.Instance);
        var pairedB = new HashSet<CriteriaItem>(ReferenceEqualityComparer.Instance);
        var pairs = new List<(CriteriaItem A, CriteriaItem B)>();
        foreach (var (a, b, _) in candidates.OrderByDescending(c => c.Score).ThenBy(c => Distance(c.A, c.B)))
        {
            if (pairedA.Contains(a) || pairedB.Contains(b)) continue;
            pairedA.Add(a);
            pairedB.Add(b);
            pairs.Add((a, b));
        }

        var diffs = new List<ItemDiff>();
        foreach (var (a, b) in pairs)
        {
            var changes = new List<ItemChange>();
            var detail = new List<string>();
            if (a.Number != b.Number)
            {
                changes.Add(ItemChange.Moved);
                detail.Add($"{a.Code} -> {b.Code}");
            }
            if (ThaiText.Normalize(a.TitleTh) != ThaiText.Normalize(b.TitleTh))
            {
                changes.Add(ItemChange.Renamed);
                detail.Add($"\"{a.TitleTh}\" -> \"{b.TitleTh}\"");
            }
            if (!a.Kinds.Order(StringComparer.Ordinal).SequenceEqual(b.Kinds.Order(StringComparer.Ordinal)))
            {
                changes.Add(ItemChange.Changed);
                detail.Add($"kinds {string.Join(",", a.Kinds)} -> {string.Join(",", b.Kinds)}");
            }
            if (a.PeriodText != b.PeriodText)
            {
                if (!changes.Contains(ItemChange.Changed)) changes.Add(ItemChange.Changed);
                detail.Add($"period {a.PeriodText} -> {b.PeriodText}");
            }
            if (changes.Count > 0)
            {
                diffs.Add(new ItemDiff(a, b, changes, string.Join("; ", detail)));
            }
        }
        diffs.AddRange(from.Items.Where(a => !pairedA.Contains(a)).Select(a => new ItemDiff(a, null, [ItemChange.Removed], a.TitleTh)));
        diffs.AddRange(to.Items.Where(b => !pairedB.Contains(b)).Select(b => new ItemDiff(null, b, [ItemChange.Added], b.TitleTh)));
        return diffs.OrderBy(d => (d.To ?? d.From)!.Number ?? int.MaxValue).ThenBy(d => d.From is null ? 1 : 0).ToList();
    }

    private static int Distance(CriteriaItem a, CriteriaItem b) => Math.Abs((a.Number ?? 0) - (b.Number ?? 0));

    private static double Jaccard(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var union = a.Union(b, StringComparer.Ordinal).Count();
        return union == 0 ? 0 : (double)a.Intersect(b, StringComparer.Ordinal).Count() / union;
    }

    /// <summary>Dice coefficient of character bigrams of the normalised titles (Thai has no spaces to split words on).</summary>
    private static double TitleLikeness(string a, string b)
    {
        static HashSet<string> Bigrams(string s)
        {
            var t = ThaiText.Normalize(s).Replace(" ", "", StringComparison.Ordinal);
            var set = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < t.Length; i++) set.Add(t.Substring(i, 2));
            return set;
        }
        var x = Bigrams(a);
        var y = Bigrams(b);
        return x.Count + y.Count == 0 ? 0 : 2.0 * x.Intersect(y).Count() / (x.Count + y.Count);
    }
}
