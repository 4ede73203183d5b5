using System.Globalization;

namespace PlanNacc.Scoring.Classification;

/// <summary>
/// The classifier's vocabulary, from the label variants in disclosure-kinds.md and ita-criteria.md §9, kept as data in
/// Data/kind-rules.tsv (embedded, read once; the file's head says its format).
/// A rule: every term must be present (a term is alternatives split by '|'), no '!' term may be present.
/// Matching is on compact text (letters and digits only), so spacing and punctuation never matter.
/// The rule whose matched phrases are longest wins: a specific label beats a generic word.
/// </summary>
internal static class KindRules
{
    /// <summary>
    /// A rule: kinds it yields, its terms, and a weight on its specificity. <paramref name="InPart"/>: the rule names its
    /// item only in part (a general grievance box for the corruption-complaint channel), so what it finds is at most review.
    /// </summary>
    internal sealed record Rule(string[] Kinds, string Spec, double Weight = 1.0, bool InPart = false);

    /// <summary>What a person must check when a place names its item only in part, in Thai and English.</summary>
    internal sealed record InPartNote(string Th, string En);

    /// <summary>A veto: when present, the text is a known negative (placeholder, template, other assessment).</summary>
    internal sealed record Veto(string Reason, string Spec);

    private static readonly Vocabulary Data = Vocabulary.Load();

    /// <summary>Every phrase of the vocabulary as written (for the benchmark's plain string.Contains baseline).</summary>
    internal static IReadOnlyList<string> Phrases() =>
        Rules.Select(r => r.Spec).Concat(Vetoes.Select(v => v.Spec)).Append(EventWords)
            .SelectMany(spec => spec.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .SelectMany(term => term.TrimStart('!').Split('|', StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Words of an event report: a news article about a meeting or ceremony is news, not the disclosure itself.</summary>
    internal static string EventWords => Data.EventWords;

    /// <summary>Kinds that are themselves activities, so event words do not veto them.</summary>
    internal static IReadOnlySet<string> ActivityKinds => Data.ActivityKinds;

    internal static IReadOnlyList<Veto> Vetoes => Data.Vetoes;

    /// <summary>A text that opens with a law's name is the law itself (a download of an Act), not a disclosure.</summary>
    internal static string LawTitles => Data.LawTitles;

    internal static IReadOnlyList<Rule> Rules => Data.Rules;

    /// <summary>The note for a kind's in-part rules ("a grievance channel that does not say it takes corruption complaints").</summary>
    internal static InPartNote? InPartNoteOf(string kind) => Data.InPartNotes.GetValueOrDefault(kind);

    /// <summary>The kind a page's message form (the public writes a free text and sends it) is, in part, evidence of.</summary>
    internal static string? MessageFormKind => Data.MessageFormKind;

    private sealed record Vocabulary(IReadOnlyList<Rule> Rules, IReadOnlyList<Veto> Vetoes, string EventWords, string LawTitles,
        IReadOnlySet<string> ActivityKinds, IReadOnlyDictionary<string, InPartNote> InPartNotes, string? MessageFormKind)
    {
        public static Vocabulary Load()
        {
            var rules = new List<Rule>();
            var vetoes = new List<Veto>();
            string? events = null, laws = null, messageForm = null;
            HashSet<string>? activities = null;
            var notes = new Dictionary<string, InPartNote>(StringComparer.Ordinal);
            foreach (var (n, fields) in EmbeddedTable.Read("kind-rules.tsv"))
            {
                switch (fields[0])
                {
                    case "rule" when fields.Length == 4 || fields.Length == 5 && fields[4] == "in-part":
                        rules.Add(new Rule(fields[1].Split(','), fields[3], double.Parse(fields[2], CultureInfo.InvariantCulture),
                            InPart: fields.Length == 5));
                        break;
                    case "message-form" when fields.Length == 2:
                        messageForm = fields[1];
                        break;
                    case "in-part-note" when fields.Length == 4:
                        notes[fields[1]] = new InPartNote(fields[2], fields[3]);
                        break;
                    case "veto" when fields.Length == 3:
                        vetoes.Add(new Veto(fields[1], fields[2]));
                        break;
                    case "events" when fields.Length == 2:
                        events = fields[1];
                        break;
                    case "law-titles" when fields.Length == 2:
                        laws = fields[1];
                        break;
                    case "activity-kinds" when fields.Length == 2:
                        activities = fields[1].Split(',').ToHashSet(StringComparer.Ordinal);
                        break;
                    default:
                        throw new InvalidDataException($"kind-rules.tsv line {n}: '{fields[0]}' with {fields.Length} fields is not an " +
                            $"entry");
                }
            }
            var named = rules.SelectMany(r => r.Kinds).Concat(activities ?? []).Concat(notes.Keys)
                .Concat(messageForm is null ? [] : [messageForm]);
            foreach (var kind in named)
            {
                if (!DisclosureKinds.IsKnown(kind)) throw new InvalidDataException($"kind-rules.tsv names an unknown kind '{kind}'");
            }
            return new Vocabulary(rules, vetoes,
                events ?? throw new InvalidDataException("kind-rules.tsv has no 'events' line"),
                laws ?? throw new InvalidDataException("kind-rules.tsv has no 'law-titles' line"),
                activities ?? throw new InvalidDataException("kind-rules.tsv has no 'activity-kinds' line"), notes, messageForm);
        }
    }
}
