using PlanNacc.Crawler;
using PlanNacc.Scoring.Classification;

namespace PlanNacc.Scoring.Verdicts;

/// <summary>How a linked target fared when the crawler fetched it.</summary>
public enum TargetState
{
    /// <summary>Fetched and readable.</summary>
    Ok,
    /// <summary>Not fetched (off-site, or beyond the crawl budget): judged on the link alone.</summary>
    NotFetched,
    /// <summary>HTTP error or fetch failure.</summary>
    Unreachable,
    /// <summary>
    /// A page with nothing of its own: its main content (the page minus the chrome every page repeats) is a heading, a
    /// breadcrumb, an empty list, a "no data" line or template text (<see cref="Evidence.StateDetail"/> says which).
    /// </summary>
    Placeholder,
    /// <summary>Content the machine cannot read (scanned PDF, broken Thai glyphs, image-only page): a person must look.</summary>
    Unreadable,
    /// <summary>Readable content that speaks of another kind than its link (a copy of another item's page, another document).</summary>
    Mismatch,
}

/// <summary>How far the target's own content (title, headings, main text, document text) confirms the link's kind.</summary>
public enum ContentSupport
{
    /// <summary>Not judged: the target was not read (not fetched, unreachable, unreadable).</summary>
    Unknown,
    /// <summary>The target's own title or headings name the kind: a page dedicated to it.</summary>
    Title,
    /// <summary>The target's main text speaks of the kind (a general page that carries it).</summary>
    Text,
    /// <summary>The target was read and names neither this kind nor another: it cannot confirm the item.</summary>
    None,
}

/// <summary>One piece of evidence found in a snapshot: a link (with its context) and, when fetched, its target.</summary>
public sealed record Evidence
{
    public required Uri Url { get; init; }
    public required string Text { get; init; }
    public required Classification.Classification Classification { get; init; }
    public IReadOnlyList<string> Path { get; init; } = [];
    public Uri? FoundOn { get; init; }
    public bool Chrome { get; init; }
    public TargetState State { get; init; }
    public string? StateDetail { get; init; }
    /// <summary>The target's own text (chrome cut), normalised; null when not fetched.</summary>
    public string? TargetText { get; init; }
    public bool TargetHasImages { get; init; }
    /// <summary>Years the target's content mentions (a news list carries many dates).</summary>
    public IReadOnlyList<int> TargetYears { get; init; } = [];
    public DateTimeOffset? FetchedAt { get; init; }
    public string? ContentHash { get; init; }
    /// <summary>
    /// The target is a listing page whose own links carry evidence of the same kind (menu → list → documents): the
    /// documents are judged, not the list, so a scanned PDF behind a readable list still goes to review.
    /// </summary>
    public bool IsListing { get; init; }
    /// <summary>How far the target's own content confirms the kind (<see cref="ContentSupport"/>).</summary>
    public ContentSupport Support { get; init; }
    /// <summary>The link's own words name the kind (not only its row, menu, URL or context).</summary>
    public bool LinkNamesKind { get; init; }
    /// <summary>
    /// The place names its item only in part (an in-part rule, unconfirmed in full by its content): a grievance box for the
    /// corruption-complaint channel, a message form for the feedback channel. It is shown, and at most goes to review.
    /// </summary>
    public bool InPart { get; init; }
    /// <summary>The link's own text when it names nothing ("ดาวน์โหลด", an icon): the text shown is then its context.</summary>
    public string? LinkText { get; init; }

    public IReadOnlyList<string> Kinds => Classification.Kinds;

    public EvidenceRef ToRef(string kind) => new()
    {
        Url = Url.ToString(),
        Text = Text,
        Kind = kind,
        Confidence = Classification.Confidence,
        FiscalYear = Classification.FiscalYear,
        FiscalYearSpan = Classification.FiscalYearSpan,
        Path = Path,
        FetchedAt = FetchedAt,
        ContentHash = ContentHash,
    };
}
