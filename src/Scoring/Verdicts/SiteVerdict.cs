using System.Text.Json;
using System.Text.Json.Serialization;
using PlanNacc.Crawler;

namespace PlanNacc.Scoring.Verdicts;

/// <summary>
/// The judgement of one site's snapshot against one ITA year's criteria, with the crawl facts it rests on: the one
/// result type of `scan --json`, the API and the pages (Web stores and reads exactly this).
/// </summary>
public sealed record SiteVerdict
{
    public required string Site { get; init; }
    /// <summary>How the crawl of the site as a whole fared; written "ok", "certificate-invalid", "robots-disallowed"…</summary>
    [JsonConverter(typeof(SiteStatusJsonConverter))]
    public SiteStatus Status { get; init; }
    public string? StatusReason { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    /// <summary>Site-level crawl findings that are not fatal ("render-unavailable"…).</summary>
    public IReadOnlyList<string> Findings { get; init; } = [];
    public required CriteriaRef Criteria { get; init; }
    /// <summary>The assessed fiscal year (BE).</summary>
    public required int FiscalYear { get; init; }
    public required IReadOnlyList<ItemVerdict> Items { get; init; }
    public required IReadOnlyList<string> KindsFound { get; init; }
    public required OitScore Score { get; init; }
    public int PagesFetched { get; init; }
    public int DocumentsChecked { get; init; }
    public long DurationMs { get; init; }
    /// <summary>Per-URL crawl failures, as the crawler reported them.</summary>
    public IReadOnlyList<UrlError> Errors { get; init; } = [];
    /// <summary>What the crawl cost and how (incremental scans: 304s and body bytes); null in results stored before it existed.</summary>
    public CrawlCounts? Crawl { get; init; }
    /// <summary>Site-level notes in Thai and English (criteria fallback, site unreachable…).</summary>
    public IReadOnlyList<Reason> Notes { get; init; } = [];
}

/// <summary>A URL that failed during the crawl.</summary>
public sealed record UrlError(string Url, string Error);

/// <summary>A site status as the `scan --json` shape and the database write it: kebab-case ("certificate-invalid").</summary>
public sealed class SiteStatusJsonConverter : JsonConverter<SiteStatus>
{
    /// <summary>"ok", "unreachable", "certificate-invalid", "robots-disallowed", "refused", "timeout", "cancelled".</summary>
    public static string Name(SiteStatus status) => JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());

    public override SiteStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        foreach (var status in Enum.GetValues<SiteStatus>())
        {
            if (Name(status) == text || string.Equals(status.ToString(), text, StringComparison.OrdinalIgnoreCase)) return status;
        }
        throw new JsonException($"unknown site status '{text}'");
    }

    public override void Write(Utf8JsonWriter writer, SiteStatus value,
        JsonSerializerOptions options) => writer.WriteStringValue(Name(value));
}

/// <summary>
/// Which criteria judged the site: <see cref="Year"/> is the criteria year used, <see cref="RequestedYear"/> the fiscal
/// year assessed. <see cref="FallbackNote"/> is set when the assessed year has no criteria of its own (naming both
/// years); <see cref="Provisional"/> when the criteria used are not confirmed.
/// </summary>
public sealed record CriteriaRef(int Year, string Id, int RequestedYear, Reason? FallbackNote, bool Provisional = false);

public enum VerdictStatus { Pass, Fail, Review }

/// <summary>The verdict on one OIT item.</summary>
public sealed record ItemVerdict
{
    public required string Code { get; init; }
    public required string Title { get; init; }
    public required string TitleEn { get; init; }
    public required string Indicator { get; init; }
    public required string SubIndicator { get; init; }
    public required IReadOnlyList<string> Kinds { get; init; }
    public required VerdictStatus Status { get; init; }
    /// <summary>100 or 0 (no partial credit within an item).</summary>
    public required int Score { get; init; }
    public IReadOnlyList<EvidenceRef> Evidence { get; init; } = [];
    public IReadOnlyList<Reason> Reasons { get; init; } = [];
    public Reason? FixHint { get; init; }
}

/// <summary>A piece of evidence: where, what it said, for which fiscal year, and how an assessor gets there.</summary>
public sealed record EvidenceRef
{
    public required string Url { get; init; }
    public required string Text { get; init; }
    public string Kind { get; init; } = "";
    public double Confidence { get; init; }
    public int? FiscalYear { get; init; }
    public int[]? FiscalYearSpan { get; init; }
    public IReadOnlyList<string> Path { get; init; } = [];
    public DateTimeOffset? FetchedAt { get; init; }
    public string? ContentHash { get; init; }
    /// <summary>
    /// A place the item's status was decided on (not one of the "also found here" places shown after it): the places whose
    /// kept copy Web stores. Written only when true, so the `scan --json` shape of the other places is unchanged.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool Decisive { get; init; }
}

/// <summary>A reason or hint in Thai and English.</summary>
public sealed record Reason(string Th, string En);

/// <summary>Scores: items 100/0, sub-indicator = mean of items, indicator = mean of sub-indicators, OIT = mean of indicators.</summary>
public sealed record OitScore
{
    public required double Oit { get; init; }
    public required IReadOnlyDictionary<string, double> Indicators { get; init; }
    public IReadOnlyDictionary<string, double> SubIndicators { get; init; } = new Dictionary<string, double>();
    /// <summary>The year's grade label (AA-F up to 2565, pass/fail at 85 from 2566), with its confidence.</summary>
    public string? Grade { get; init; }
    public string? GradeConfidence { get; init; }
    public string? GradeEn { get; init; }
    /// <summary>"oit-only" (indicative: the grade applies to the ITA total) or "ita-total" (IIT and EIT supplied).</summary>
    public string? GradeBasis { get; init; }
    /// <summary>0.30 IIT + 0.30 EIT + 0.40 OIT, when IIT and EIT are supplied.</summary>
    public double? ProjectedItaTotal { get; init; }
    public int ItemsPassed { get; init; }
    public int ItemsFailed { get; init; }
    /// <summary>Items a person must look at; they score 0 until confirmed.</summary>
    public int ItemsInReview { get; init; }
}

/// <summary>IIT and EIT scores (0-100) of the same assessment, to project the ITA total.</summary>
public sealed record ToolScores(double Iit, double Eit);

/// <summary>The crawl's own figures in a verdict: requests, conditional requests and 304s, body bytes, robots skips.</summary>
public sealed record CrawlCounts
{
    public int Requests { get; init; }
    public int ConditionalRequests { get; init; }
    public int NotModified { get; init; }
    public long BodyBytes { get; init; }
    public int RobotsSkipped { get; init; }
    public bool Incremental { get; init; }
    public IReadOnlyList<string> IncrementalNotes { get; init; } = [];
    /// <summary>The typed failure (SiteFailureKind, camel-cased) when the status is not ok.</summary>
    public string? FailureKind { get; init; }
    public string? MovedTo { get; init; }
    public bool CertificateIgnored { get; init; }

    public static CrawlCounts Of(SiteSnapshot snapshot) => new()
    {
        Requests = snapshot.RequestsMade,
        ConditionalRequests = snapshot.ConditionalRequests,
        NotModified = snapshot.NotModified,
        BodyBytes = snapshot.BodyBytes,
        RobotsSkipped = snapshot.RobotsSkipped,
        Incremental = snapshot.Incremental,
        IncrementalNotes = snapshot.IncrementalNotes,
        FailureKind = snapshot.Failure == SiteFailureKind.None
            ? null
            : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(snapshot.Failure.ToString()),
        MovedTo = snapshot.MovedTo?.AbsoluteUri,
        CertificateIgnored = snapshot.CertificateIgnored,
    };
}
