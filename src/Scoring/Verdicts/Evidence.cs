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
    /// <summary>A page with nothing in it yet ("อยู่ระหว่างจัดทำข้อมูล", template text).</summary>
    Placeholder,
    /// <summary>Content the machine cannot read (scanned PDF, broken Thai glyphs, image-only page): a person must look.</summary>
    Unreadable,
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
