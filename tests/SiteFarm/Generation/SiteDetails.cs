namespace PlanNacc.SiteFarm.Generation;

/// <summary>
/// A site's page count and ground truth, computed on first use by rebuilding the site model and held only weakly:
/// 7,000 sites cost a few MB until someone reads their truth, and the same truth comes back every time.
/// </summary>
internal sealed class SiteDetails(Func<(int PageCount, int HtmlPageCount, List<GroundTruth> Truth)> build)
{
    private int _pageCount = -1;
    private int _htmlPageCount = -1;
    private WeakReference<List<GroundTruth>>? _truth;

    public int PageCount
    {
        get
        {
            if (_pageCount < 0)
            {
                Load();
            }
            return _pageCount;
        }
    }

    public int HtmlPageCount
    {
        get
        {
            if (_htmlPageCount < 0)
            {
                Load();
            }
            return _htmlPageCount;
        }
    }

    public List<GroundTruth> Truth => _truth is not null && _truth.TryGetTarget(out var truth) ? truth : Load();

    private List<GroundTruth> Load()
    {
        var (pageCount, htmlPageCount, truth) = build();
        _pageCount = pageCount;
        _htmlPageCount = htmlPageCount;
        _truth = new WeakReference<List<GroundTruth>>(truth);
        return truth;
    }
}

/// <summary>The read-only list a <see cref="FarmSite"/> exposes as its Truth, backed by <see cref="SiteDetails"/>.</summary>
internal sealed class LazyTruth(SiteDetails details) : IReadOnlyList<GroundTruth>
{
    public int Count => details.Truth.Count;

    public GroundTruth this[int index] => details.Truth[index];

    public IEnumerator<GroundTruth> GetEnumerator() => details.Truth.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
