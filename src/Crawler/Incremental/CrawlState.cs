using System.Text.Json;
using PlanNacc.Crawler.Discovery;

namespace PlanNacc.Crawler.Incremental;

/// <summary>
/// What one scan keeps for the next scan of the same site: every page and document as read (validators, extracted text, links,
/// script links, content hash), so a page that answers 304 or hashes the same is judged from exactly what a full scan would read.
/// </summary>
public sealed record CrawlState
{
    /// <summary>Bumped whenever the shape changes: a state of another version is ignored (full scan, with a note).</summary>
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;
    public required Uri Root { get; init; }
    public DateTimeOffset SavedAt { get; init; }
    /// <summary>When the last full scan (no validators sent) of this site ran; the full re-scan setting counts from here.</summary>
    public DateTimeOffset LastFullScanAt { get; init; }
    public IReadOnlyList<PageSnapshot> Pages { get; init; } = [];
    public IReadOnlyList<DocumentSnapshot> Documents { get; init; } = [];
    /// <summary>Hosts whose ETag changed while the bytes did not: their ETags are not sent (Last-Modified still is).</summary>
    public IReadOnlyList<string> UnstableETagHosts { get; init; } = [];

    /// <summary>The state a finished crawl leaves for the next one (null when the crawl did not read the site).</summary>
    public static CrawlState? After(SiteSnapshot snapshot, CrawlState? previous, IEnumerable<string> unstableETagHosts)
    {
        if (snapshot.Status is not (SiteStatus.Ok or SiteStatus.OnePage))
        {
            return null;
        }
        return new CrawlState
        {
            Root = snapshot.Root,
            SavedAt = snapshot.FinishedAt,
            LastFullScanAt = snapshot.Incremental && previous is not null ? previous.LastFullScanAt : snapshot.StartedAt,
            Pages = snapshot.Pages.Where(p => p.DuplicateOf is null).ToList(),
            Documents = snapshot.Documents.Where(d => d.ContentHash is not null).ToList(),
            UnstableETagHosts = unstableETagHosts.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList(),
        };
    }
}

/// <summary>
/// Keeps a <see cref="CrawlState"/> in a folder (one site per folder, <c>state.json</c>), written whole or not at all (temp file and
/// rename). A missing, unreadable, corrupt or older state reads as null with the reason: the scan is then a full one.
/// </summary>
public static class CrawlStateFolder
{
    public const string FileName = "state.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static (CrawlState? State, string? Note) Load(string folder, Uri root)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return (null, "state missing: full scan");
        }
        CrawlState? state;
        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            if (!document.RootElement.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number
                || version.GetInt32() != CrawlState.CurrentVersion)
            {
                var found = version.ValueKind == JsonValueKind.Number ? version.GetInt32() : 0;
                return (null, $"state of another version ({found}): full scan");
            }
            state = document.RootElement.Deserialize<CrawlState>(Json);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException
            or NotSupportedException or FormatException or ArgumentException)
        {
            return (null, $"state unreadable ({e.GetType().Name}): full scan");
        }
        if (state is null || state.Pages.Any(p => p is null || p.Url is null) || state.Documents.Any(d => d is null || d.Url is null))
        {
            return (null, "state corrupt: full scan");
        }
        if (!SiteScope.SiteKey(state.Root.IdnHost).Equals(SiteScope.SiteKey(root.IdnHost), StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"state is of another site ({state.Root.Host}): full scan");
        }
        return (state, null);
    }

    public static void Save(string folder, CrawlState state)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(state, Json));
        File.Move(temp, path, overwrite: true);
    }
}
