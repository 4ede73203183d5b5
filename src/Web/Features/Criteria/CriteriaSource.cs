using PlanNacc.Scoring;
using PlanNacc.Scoring.Criteria;
using PlanNacc.Scoring.Thai;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Criteria;

/// <summary>
/// The criteria in force: the embedded years with the operator's imported years over them. Every process (serve, each
/// worker, the CLI) reads the imports from the shared database, and looks again when a newer import exists, so a year
/// imported on one machine judges the next scan on every machine.
/// </summary>
public sealed class CriteriaSource(CriteriaStore store, IConfiguration configuration, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Version, CriteriaCatalog Catalog, SiteScorer Scorer)? _current;

    /// <summary>A source over <paramref name="database"/> with default scan options (CLI verbs without a host, tests).</summary>
    public static CriteriaSource For(Database database, int? fiscalYear = null) =>
        new(new CriteriaStore(database), new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string,
                string?> { [FiscalYearSetting] = fiscalYear?.ToString(System.Globalization.CultureInfo.InvariantCulture) }).Build(),
            TimeProvider.System);

    /// <summary>The setting that fixes the assessed fiscal year (the scan runs' own, read here so criteria need no run code).</summary>
    public const string FiscalYearSetting = "Scans:FiscalYear";

    /// <summary>The database the imported years live in.</summary>
    public Database Database => store.Database;

    /// <summary>The fiscal year the product assesses now (Scans:FiscalYear, or today's).</summary>
    public int AssessedYear => configuration.GetValue<int?>(FiscalYearSetting) ?? FiscalYears.Of(time.GetUtcNow());

    public async Task<CriteriaCatalog> CatalogAsync(CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken)).Catalog;

    /// <summary>A scorer over the catalogue in force (built once per import, not per scan).</summary>
    public async Task<SiteScorer> ScorerAsync(CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken)).Scorer;

    /// <summary>What judges fiscal year <paramref name="fiscalYear"/> (default: the assessed year), for the pages' notice.</summary>
    public async Task<CriteriaNotice> NoticeAsync(int? fiscalYear = null, CancellationToken cancellationToken = default) =>
        CriteriaNotice.Of((await CatalogAsync(cancellationToken)).Resolve(fiscalYear ?? AssessedYear));

    /// <summary>The notice of a stored scan: the fiscal year it assessed and the criteria year that judged it.</summary>
    public async Task<CriteriaNotice?> NoticeForScanAsync(int? fiscalYear, int? criteriaYear, CancellationToken cancellationToken = default)
    {
        if (criteriaYear is not { } used)
        {
            return null;
        }
        var set = (await CatalogAsync(cancellationToken)).Exact(used);
        return new CriteriaNotice(fiscalYear ?? used, used, set?.Provisional ?? false, set?.Source);
    }

    private async Task<(long Version, CriteriaCatalog Catalog, SiteScorer Scorer)> CurrentAsync(CancellationToken cancellationToken)
    {
        var version = await store.VersionAsync(cancellationToken);
        if (_current is { } cached && cached.Version == version)
        {
            return cached;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } again && again.Version == version)
            {
                return again;
            }
            var imported = await store.LatestAsync(cancellationToken);
            var catalog = CriteriaCatalog.Default.With(imported.Select(i
                => Json.Deserialize<CriteriaSet>(i.SetJson) with { FileName = i.FileName }));
            var built = (version, catalog, new SiteScorer(catalog));
            _current = built;
            return built;
        }
        finally
        {
            _gate.Release();
        }
    }
}
