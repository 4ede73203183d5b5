using PlanNacc.Crawler;
using PlanNacc.Scoring.Classification;
using PlanNacc.Scoring.Criteria;
using PlanNacc.Scoring.Verdicts;

namespace PlanNacc.Scoring;

/// <summary>Judges a site snapshot against the criteria of an ITA year. Pure: no I/O.</summary>
public sealed class SiteScorer(CriteriaCatalog catalog)
{
    private readonly DisclosureClassifier _classifier = new(catalog);

    public SiteScorer() : this(CriteriaCatalog.Default)
    {
    }

    public CriteriaCatalog Catalog => catalog;

    /// <summary>Per OIT item of the year: pass / fail / review with evidence and reasons, and the scores.</summary>
    public SiteVerdict Score(SiteSnapshot snapshot, int fiscalYear) => Score(snapshot, fiscalYear, null);

    /// <summary>As <see cref="Score(SiteSnapshot,int)"/>, projecting the ITA total when IIT and EIT are known.</summary>
    public SiteVerdict Score(SiteSnapshot snapshot, int fiscalYear, ToolScores? tools)
    {
        var resolution = catalog.Resolve(fiscalYear);
        var set = resolution.Set;
        var notes = new List<Reason>();
        if (resolution.FallbackNote is { } fallback) notes.Add(fallback);
        if (resolution.ProvisionalNote is { } provisional) notes.Add(provisional);

        IReadOnlyList<Evidence> evidence = [];
        if (snapshot.Status == SiteStatus.Ok)
        {
            var chrome = SiteChrome.Learn(snapshot.Pages);
            evidence = new EvidenceCollector(_classifier).Collect(snapshot, fiscalYear, chrome);
        }
        else
        {
            notes.Add(new Reason($"เปิดเว็บไซต์ไม่ได้ ({snapshot.Status}: {snapshot.StatusReason}) ทุกข้อจึงไม่ผ่าน",
                $"The site could not be crawled ({snapshot.Status}: {snapshot.StatusReason}); every item fails"));
        }

        var items = set.Items.Select(item => ItemJudge.Judge(item, fiscalYear, evidence)).ToList();
        if (resolution.FallbackNote is { } note)
        {
            items = items.Select(i => i with { Reasons = [.. i.Reasons, note] }).ToList();
        }
        // a kind is found where the target's content shows it, or where a scanned page's own title names it; not on empty,
        // unreachable, unopened or other kinds' pages, nor on a link whose target says nothing of it
        var kindsFound = evidence.Where(e => e.State == TargetState.Ok && e.Support != ContentSupport.None
                || e.State == TargetState.Unreadable && e.Support == ContentSupport.Title)
            .SelectMany(e => e.Kinds).Distinct(StringComparer.Ordinal)
            .OrderBy(k => k, StringComparer.Ordinal).ToList();
        return new SiteVerdict
        {
            Site = (snapshot.FinalRoot ?? snapshot.Root).ToString(),
            Status = snapshot.Status,
            StatusReason = snapshot.StatusReason,
            StartedAt = snapshot.StartedAt,
            Findings = snapshot.Findings,
            Crawl = CrawlCounts.Of(snapshot),
            Criteria = new CriteriaRef(set.Year, set.Id, fiscalYear, resolution.FallbackNote, set.Provisional),
            FiscalYear = fiscalYear,
            Items = items,
            KindsFound = kindsFound,
            Score = ScoreCalculator.Compute(set, items, tools),
            PagesFetched = snapshot.Pages.Count,
            DocumentsChecked = snapshot.Documents.Count,
            DurationMs = (long)Math.Max(0, (snapshot.FinishedAt - snapshot.StartedAt).TotalMilliseconds),
            Errors = snapshot.Errors.Select(e => new UrlError(e.Url.AbsoluteUri, e.Error)).ToList(),
            Notes = notes,
        };
    }
}
