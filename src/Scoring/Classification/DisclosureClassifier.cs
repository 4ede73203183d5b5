using System.Buffers;
using PlanNacc.Scoring.Criteria;
using PlanNacc.Scoring.Thai;

namespace PlanNacc.Scoring.Classification;

/// <summary>
/// Classifies a piece of evidence (link text, title, file name, URL) into disclosure kinds with a fiscal year and a
/// confidence. Patterns are compiled once into one Aho-Corasick automaton; each text is normalised once and scanned
/// once. Item codes ("o36") count only read against the criteria year they belong to.
/// </summary>
public sealed class DisclosureClassifier
{
    private static readonly Lazy<CompiledRules> Compiled = new(CompiledRules.Build);
    private static readonly Lazy<DisclosureClassifier> LazyDefault = new(() => new DisclosureClassifier(CriteriaCatalog.Default));

    private readonly CriteriaCatalog _catalog;

    public DisclosureClassifier(CriteriaCatalog catalog) => _catalog = catalog;

    public DisclosureClassifier() : this(CriteriaCatalog.Default)
    {
    }

    /// <summary>One classifier over the embedded catalogue.</summary>
    public static DisclosureClassifier Default => LazyDefault.Value;

    /// <summary>Classifies a text (and the URL it points to, when known) for the given criteria year.</summary>
    public Classification Classify(string text, string? url = null, int? criteriaYear = null) =>
        ClassifyNormalized(ThaiText.Normalize(text), url, criteriaYear);

    /// <summary>
    /// Classifies a whole page: it names itself in its title and first headings, each read alone, nearest first (the
    /// body carries menus naming every item, officials' names, counters and teasers); only a page that names nothing there
    /// is read by the lead of its text. The year comes from the line that named the kind, else from the lead of the text.
    /// </summary>
    public Classification ClassifyPage(string? title, IReadOnlyList<string> headings, string? text, string? url = null,
        int? criteriaYear = null)
    {
        const int lead = 600;
        var body = ThaiText.Normalize(text is { Length: > lead * 4 } ? text[..(lead * 4)] : text);
        var bodyLead = body.Length > lead ? body[..lead] : body;
        foreach (var line in headings.Take(3).Prepend(title ?? ""))
        {
            var norm = ThaiText.Normalize(line);
            if (norm.Length == 0) continue;
            var c = ClassifyNormalized(norm, null, criteriaYear);
            if (c.Negative is not null) return c;
            if (c.Kinds.Count == 0 || c.Kinds[0] == "ita-hub") continue;
            if (c.FiscalYear is null && c.FiscalYearSpan is null
                && FiscalYearExtractor.ExtractNormalized(bodyLead) is { } y && (y.FiscalYear is not null || y.Span is not null))
            {
                c = c with { FiscalYear = y.FiscalYear, FiscalYearSpan = y.Span };
            }
            return c;
        }
        return ClassifyNormalized(bodyLead, url, criteriaYear);
    }

    /// <summary>As <see cref="Classify"/>, for text already passed through <see cref="ThaiText.Normalize"/>.</summary>
    public Classification ClassifyNormalized(string norm, string? url = null, int? criteriaYear = null)
    {
        var rules = Compiled.Value;
        var match = rules.Match(norm);
        var years = FiscalYearExtractor.ExtractNormalized(norm);
        string[] kinds = match.Kinds;
        var inPart = match.InPart;
        var confidence = match.Kinds.Length > 0 ? Math.Clamp(0.5 + match.Score / 60.0, 0.5, 0.97) : 0;
        var negative = match.Negative;

        string? code = null;
        if (negative is null && ItemCodeReader.Read(norm) is { } number)
        {
            code = "o" + number;
            var year = criteriaYear ?? years.AssessmentYear;
            if (year is { } y && _catalog.Resolve(y).Set.FindItem(code) is { } item)
            {
                if (kinds.Length == 0 || kinds is ["ita-hub"])
                {
                    kinds = [.. item.Kinds];
                    confidence = 0.6;
                    inPart = false;
                }
                else if (item.Kinds.Contains(kinds[0]))
                {
                    confidence = Math.Min(0.99, confidence + 0.15);
                }
                else
                {
                    confidence *= 0.85;
                }
            }
            else if (kinds is ["ita-hub"])
            {
                // "OIT1": an item whose year we do not know, not the hub itself
                kinds = [];
            }
        }

        if (kinds.Length == 0 && negative is null && !string.IsNullOrEmpty(url))
        {
            var fromUrl = ClassifyUrl(url, rules);
            if (fromUrl.Kinds.Length > 0)
            {
                kinds = fromUrl.Kinds;
                inPart = fromUrl.InPart;
                confidence = Math.Clamp(0.45 + fromUrl.Score / 80.0, 0.45, 0.85);
            }
        }
        if (years.IsEmpty && !string.IsNullOrEmpty(url))
        {
            years = FiscalYearExtractor.ExtractFromUrl(url);
        }

        return new Classification
        {
            Kinds = kinds,
            FiscalYear = years.FiscalYear ?? (years.Span is null ? years.AssessmentYear : null),
            FiscalYearSpan = years.Span,
            Confidence = kinds.Length == 0 ? 0 : Math.Round(confidence, 3),
            ItemCode = code,
            AssessmentYear = years.AssessmentYear,
            Negative = negative,
            InPart = inPart && kinds.Length > 0,
        };
    }

    /// <summary>
    /// Every kind whose rule is met anywhere in a whole text (a page's title and main text, a document's text): what the
    /// content speaks of, not which one thing it is. Used to check that a target's content agrees with its link. Rules that
    /// name their item only in part do not count: content confirms a kind only in full.
    /// </summary>
    public IReadOnlySet<string> KindsMentioned(string norm) => Compiled.Value.MatchAll(norm);

    private static CompiledRules.Result ClassifyUrl(string url, CompiledRules rules)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return rules.Match(ThaiText.Normalize(SafeUnescape(url)));
        }
        var host = uri.Host.ToLowerInvariant();
        if (IsSocialHost(host) && IsWidgetPath(uri.AbsolutePath))
        {
            return new CompiledRules.Result([], 0, null);
        }
        if (host.Contains("facebook.com") || host.EndsWith("fb.com") || host.Contains("youtube.com") || host.Contains("tiktok.com")
            || host.Contains("instagram.com") || host == "x.com" || host.Contains("twitter.com"))
        {
            return new CompiledRules.Result(["social-network"], 30, null);
        }
        if (host.Contains("line.me"))
        {
            return new CompiledRules.Result(["qa"], 20, null);
        }
        if (IsWidgetPath(uri.AbsolutePath))
        {
            // a share button, a like box, an embedded video: a widget of the platform, not the LAO's own channel
            return new CompiledRules.Result([], 0, null);
        }
        var path = SafeUnescape(uri.AbsolutePath + uri.Query).Replace('/', ' ').Replace('_', ' ').Replace('-', ' ');
        return rules.Match(ThaiText.Normalize(path));
    }

    private static bool IsSocialHost(string host) =>
        host.Contains("facebook.com") || host.EndsWith("fb.com") || host.Contains("youtube.com") || host.Contains("youtu.be")
        || host.Contains("tiktok.com") || host.Contains("instagram.com") || host == "x.com" || host.Contains("twitter.com");

    private static bool IsWidgetPath(string path)
    {
        var p = path.ToLowerInvariant();
        return p.StartsWith("/plugins/", StringComparison.Ordinal) || p.StartsWith("/embed", StringComparison.Ordinal)
            || p.StartsWith("/sharer", StringComparison.Ordinal) || p.StartsWith("/share", StringComparison.Ordinal)
            || p.StartsWith("/intent/", StringComparison.Ordinal) || p.StartsWith("/dialog/", StringComparison.Ordinal);
    }

    private static string SafeUnescape(string s)
    {
        try
        {
            return Uri.UnescapeDataString(s);
        }
        catch (UriFormatException)
        {
            return s;
        }
    }

    /// <summary>The vocabulary compiled: one automaton for every phrase, rules as bit masks over phrase ids.</summary>
    internal sealed class CompiledRules
    {
        internal readonly record struct Result(string[] Kinds, double Score, string? Negative, bool InPart = false);

        private sealed record CompiledRule(string[] Kinds, int[][] Groups, int[] Excludes, double Weight, bool InPart)
        {
            /// <summary>One sparse bit mask per group over phrase ids (only its non-zero words), so a rule is ruled out with a few
            /// ANDs.</summary>
            public (int Word, ulong Bits)[][] GroupMasks { get; init; } = [];
            public (int Word, ulong Bits)[] ExcludeMask { get; init; } = [];
        }

        private readonly PhraseMatcher _matcher;
        private readonly CompiledRule[] _rules;
        private readonly (string Reason, int[] Phrases)[] _vetoes;
        private readonly int[] _events;
        private readonly string[] _lawTitles;
        private readonly int _words;

        private CompiledRules(PhraseMatcher matcher, CompiledRule[] rules, (string, int[])[] vetoes, int[] events, string[] lawTitles)
        {
            _lawTitles = lawTitles;
            _matcher = matcher;
            _rules = rules;
            _vetoes = vetoes;
            _events = events;
            _words = (matcher.Count + 63) / 64;
        }

        internal static CompiledRules Build()
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            var phrases = new List<string>();
            int Id(string raw)
            {
                var compact = CompactText.Of(raw);
                if (compact.Length == 0) throw new InvalidOperationException($"empty pattern '{raw}'");
                if (!ids.TryGetValue(compact, out var id))
                {
                    id = phrases.Count;
                    ids[compact] = id;
                    phrases.Add(compact);
                }
                return id;
            }
            int[] Alts(string term) => term.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(Id).Distinct().ToArray();

            var rules = new List<CompiledRule>();
            foreach (var rule in KindRules.Rules)
            {
                var groups = new List<int[]>();
                var excludes = new List<int>();
                foreach (var term in rule.Spec.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (term[0] == '!') excludes.AddRange(Alts(term[1..]));
                    else groups.Add(Alts(term));
                }
                foreach (var k in rule.Kinds)
                {
                    if (!DisclosureKinds.IsKnown(k)) throw new InvalidOperationException($"rule names unknown kind '{k}'");
                }
                rules.Add(new CompiledRule(rule.Kinds, [.. groups], [.. excludes.Distinct()], rule.Weight, rule.InPart));
            }
            var words = (phrases.Count + 63) / 64;
            (int, ulong)[] Mask(IEnumerable<int> ids)
            {
                var m = new ulong[words];
                foreach (var id in ids) m[id >> 6] |= 1UL << (id & 63);
                return m.Select((bits, word) => (word, bits)).Where(x => x.bits != 0).ToArray();
            }
            rules = rules.Select(r => r with { GroupMasks = r.Groups.Select(Mask).ToArray(), ExcludeMask = Mask(r.Excludes) }).ToList();
            var vetoes = KindRules.Vetoes.Select(v => (v.Reason, Alts(v.Spec))).ToArray();
            var events = Alts(KindRules.EventWords);
            var lawTitles = KindRules.LawTitles.Split('|').Select(CompactText.Of).ToArray();
            return new CompiledRules(new PhraseMatcher(phrases), [.. rules], vetoes, events, lawTitles);
        }

        internal Result Match(string norm)
        {
            if (norm.Length == 0) return new Result([], 0, null);
            char[]? rentedChars = null;
            bool[]? rentedFlags = null;
            var chars = norm.Length <= 512 ? stackalloc char[norm.Length] : (rentedChars = ArrayPool<char>.Shared.Rent(norm.Length));
            var flags = norm.Length <= 512 ? stackalloc bool[norm.Length] : (rentedFlags = ArrayPool<bool>.Shared.Rent(norm.Length));
            Span<ulong> found = stackalloc ulong[_words];
            try
            {
                var n = CompactText.Fill(norm, chars, flags);
                _matcher.Match(chars[..n], flags[..n], found);
                var result = Evaluate(found);
                if ((result.Kinds.Length == 0 || result.Kinds[0] != "laws") && result.Negative is null && StartsWithLawTitle(chars[..n]))
                {
                    return new Result([], 0, "law-text");
                }
                return result;
            }
            finally
            {
                if (rentedChars is not null) ArrayPool<char>.Shared.Return(rentedChars);
                if (rentedFlags is not null) ArrayPool<bool>.Shared.Return(rentedFlags);
            }
        }

        internal IReadOnlySet<string> MatchAll(string norm)
        {
            var kinds = new HashSet<string>(StringComparer.Ordinal);
            if (norm.Length == 0) return kinds;
            var chars = ArrayPool<char>.Shared.Rent(norm.Length);
            var flags = ArrayPool<bool>.Shared.Rent(norm.Length);
            try
            {
                var n = CompactText.Fill(norm, chars, flags);
                Span<ulong> found = stackalloc ulong[_words];
                _matcher.Match(chars.AsSpan(0, n), flags.AsSpan(0, n), found);
                foreach (var rule in _rules)
                {
                    if (rule.InPart) continue;
                    if (AllGroupsPresent(rule.GroupMasks, found) && !Overlaps(rule.ExcludeMask, found)) kinds.UnionWith(rule.Kinds);
                }
                return kinds;
            }
            finally
            {
                ArrayPool<char>.Shared.Return(chars);
                ArrayPool<bool>.Shared.Return(flags);
            }
        }

        private bool StartsWithLawTitle(ReadOnlySpan<char> compact)
        {
            // skip a leading item number ("1. พระราชบัญญัติ…")
            var i = 0;
            while (i < compact.Length && char.IsAsciiDigit(compact[i])) i++;
            var rest = compact[i..];
            foreach (var law in _lawTitles)
            {
                if (rest.StartsWith(law, StringComparison.Ordinal)) return true;
            }
            return false;
        }

        private static bool AllGroupsPresent((int Word, ulong Bits)[][] masks, ReadOnlySpan<ulong> found)
        {
            foreach (var mask in masks)
            {
                if (!Overlaps(mask, found)) return false;
            }
            return true;
        }

        private static bool Overlaps((int Word, ulong Bits)[] mask, ReadOnlySpan<ulong> found)
        {
            foreach (var (word, bits) in mask)
            {
                if ((bits & found[word]) != 0) return true;
            }
            return false;
        }

        private static bool Has(ReadOnlySpan<ulong> found, int id) => (found[id >> 6] & (1UL << (id & 63))) != 0;

        private Result Evaluate(ReadOnlySpan<ulong> found)
        {
            var any = false;
            foreach (var w in found) any |= w != 0;
            if (!any) return new Result([], 0, null);

            foreach (var (reason, phrases) in _vetoes)
            {
                foreach (var p in phrases)
                {
                    if (Has(found, p)) return new Result([], 0, reason);
                }
            }

            CompiledRule? best = null;
            var bestScore = 0.0;
            foreach (var rule in _rules)
            {
                if (!AllGroupsPresent(rule.GroupMasks, found) || Overlaps(rule.ExcludeMask, found)) continue;
                var score = 0;
                foreach (var group in rule.Groups)
                {
                    var longest = 0;
                    foreach (var p in group)
                    {
                        if (Has(found, p) && _matcher.Length(p) > longest) longest = _matcher.Length(p);
                    }
                    score += longest;
                }
                var weighted = score * rule.Weight;
                if (weighted > bestScore)
                {
                    bestScore = weighted;
                    best = rule;
                }
            }
            if (best is null) return new Result([], 0, null);

            if (!KindRules.ActivityKinds.Contains(best.Kinds[0]))
            {
                foreach (var e in _events)
                {
                    if (Has(found, e)) return new Result([], 0, "news-article");
                }
            }
            return new Result(best.Kinds, bestScore, null, best.InPart);
        }
    }
}
