using System.Text.RegularExpressions;

namespace PlanNacc.Web.Features.Registry;

/// <summary>A row the import rejected or changed, by its line in the file.</summary>
public sealed record RegistryProblem(int Line, string? DlaCode, string Message, bool Rejected)
{
    public override string ToString() => $"line {Line}: {(DlaCode is null ? "" : DlaCode + ": ")}{Message}";
}

public sealed record RegistryReadResult(
    IReadOnlyList<LaoRecord> Laos, IReadOnlyList<RegistryProblem> Problems, int RowsRead, string Layout = RegistryLayout.PlanNacc)
{
    /// <summary>Hosts that several LAOs' websites live on (a shared host with one path per LAO, or one site listed for several).</summary>
    public IReadOnlyList<SharedHost> SharedHosts { get; init; } = [];
    /// <summary>Website URLs that several LAOs list: only the first keeps it, the others are imported without a website.</summary>
    public IReadOnlyList<DuplicateWebsite> DuplicateWebsites { get; init; } = [];
}

/// <summary>One LAO's place on a shared host: its code and the path its site lives under ("/" for the host's root).</summary>
public sealed record HostedLao(string DlaCode, string Path);

/// <summary>A host several LAOs' websites live on; the crawler keeps each LAO to its own path there.</summary>
public sealed record SharedHost(string Host, IReadOnlyList<HostedLao> Laos)
{
    public override string ToString() =>
        $"shared host {Host}: {Laos.Count} LAOs ({string.Join(", ", Laos.Select(l => $"{l.DlaCode} {l.Path}"))})";
}

/// <summary>One website URL listed by several LAOs, in the order of the file (the first keeps it).</summary>
public sealed record DuplicateWebsite(string Url, IReadOnlyList<string> DlaCodes)
{
    public override string ToString() =>
        $"website {Url} is listed by {DlaCodes.Count} LAOs: {string.Join(", ", DlaCodes)} (the first keeps it)";
}

/// <summary>
/// Reads a registry CSV in either layout of <see cref="RegistryLayout"/>: PlanNacc's (dla_code, type, name, province, [district], size,
/// website, …) or the DLA open-data list (Thai headers, one row per tambon). A bad row is reported by its line and skipped (or kept
/// without its website); it never stops the rest.
/// </summary>
public static partial class RegistryCsvReader
{
    public static RegistryReadResult Read(TextReader reader)
    {
        var problems = new List<RegistryProblem>();
        var laos = new List<LaoRecord>();
        var lineOfCode = new Dictionary<string, (int Line, int Index)>(StringComparer.Ordinal);
        var siteOwner = new Dictionary<string, (int Line, string Code)>(StringComparer.OrdinalIgnoreCase);
        var listed = new List<(string Code, Uri Url)>();
        using var records = CsvRecords.Read(reader).GetEnumerator();
        if (!records.MoveNext() || records.Current.Fields.All(string.IsNullOrWhiteSpace))
        {
            throw new RegistryFormatException("the file is empty: expected a header line starting with dla_code,type,name,province");
        }
        var header = records.Current.Fields;
        var layout = RegistryLayout.Detect(header)
            ?? throw new RegistryFormatException(
                $"not a registry CSV: missing column(s) {RegistryLayout.Missing(header)} (expected the PlanNacc layout "
                + "dla_code,type,name,province,…,size,…,website, or the DLA open-data layout with รหัส อปท., ประเภท อปท., อปท., "
                + "จังหวัด, เว็ปไซต์ของอปท)");

        var rows = 0;
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            rows++;
            var line = record.Line;
            string? Field(string name) =>
                layout.Columns.TryGetValue(name, out var i) && i < record.Fields.Count && !string.IsNullOrWhiteSpace(record.Fields[i])
                    ? record.Fields[i].Trim()
                    : null;
            var code = Field("dla_code") is { } raw ? RegistryLayout.AsciiDigits(raw) : null;
            void Reject(string message) => problems.Add(new RegistryProblem(line, code, message, Rejected: true));

            if (record.Malformed is not null)
            {
                Reject($"malformed CSV ({record.Malformed}); row skipped");
                continue;
            }
            if (record.Fields.Count != header.Count)
            {
                Reject($"{record.Fields.Count} fields where the header has {header.Count}; row skipped");
                continue;
            }
            if (code is null || !DlaCode().IsMatch(code))
            {
                Reject($"bad dla_code '{code}': expected 7 digits; row skipped");
                continue;
            }
            var rawType = Field("type");
            var type = layout.Name == RegistryLayout.PlanNacc ? (rawType is not null && LaoTypes.IsKnown(rawType) ? rawType : null)
                : RegistryLayout.Type(rawType);
            var name = Field("name") is { } n ? (layout.RowsPerTambon ? RegistryLayout.LaoName(n) : n) : null;
            var province = Field("province") is { } p ? (layout.RowsPerTambon ? RegistryLayout.WithoutPrefix(p, "จังหวัด") : p) : null;
            var district = Field("district") is { } d ? (layout.RowsPerTambon ? RegistryLayout.WithoutPrefix(d, "อำเภอ") : d) : null;
            var website = Field("website");
            if (website is not null && NormaliseWebsite(website) is { } listedUrl)
            {
                listed.Add((code, listedUrl));
            }
            if (lineOfCode.TryGetValue(code, out var first))
            {
                if (!layout.RowsPerTambon)
                {
                    Reject($"duplicate dla_code {code} (first on line {first.Line}); row skipped");
                    continue;
                }
                // The DLA list repeats an LAO on the row of every tambon it covers: the rows must agree, else the first is kept.
                var kept = laos[first.Index];
                if (kept.Website is null && website is not null && NormaliseWebsite(website) is { } later
                    && !siteOwner.ContainsKey(SiteKey(later)))
                {
                    siteOwner[SiteKey(later)] = (line, code);
                    laos[first.Index] = kept with { Website = later.AbsoluteUri };
                }
                else if (website is not null && kept.Website is not null && NormaliseWebsite(website) is { } other
                    && SiteKey(other) != SiteKey(new Uri(kept.Website)))
                {
                    problems.Add(new RegistryProblem(line, code,
                        $"website {website} differs from {kept.Website} on line {first.Line} for the same LAO; the first is kept",
                        Rejected: false));
                }
                else if ((name is not null && name != kept.Name) || (type is not null && type != kept.Type))
                {
                    problems.Add(new RegistryProblem(line, code,
                        $"name or type differs from line {first.Line} for the same code; the first is kept", Rejected: false));
                }
                continue;
            }
            if (type is null)
            {
                Reject($"unknown type '{rawType}' (expected TAO, ThesabanTambon, ThesabanMueang, ThesabanNakhon, PAO, "
                    + "or the Thai names อบต., เทศบาลตำบล, เทศบาลเมือง, เทศบาลนคร, อบจ.); row skipped");
                continue;
            }
            if (name is null || province is null)
            {
                Reject("name or province is empty; row skipped");
                continue;
            }
            lineOfCode[code] = (line, laos.Count);

            string? site = null;
            var keepStored = false;
            if (website is not null)
            {
                if (NormaliseWebsite(website) is not { } uri)
                {
                    keepStored = true;
                    problems.Add(new RegistryProblem(line, code,
                        $"malformed website '{website}'; LAO imported without a website, or with the one already stored (kept)",
                            Rejected: false));
                }
                else if (siteOwner.TryGetValue(SiteKey(uri), out var owner))
                {
                    problems.Add(new RegistryProblem(line, code,
                        $"website {uri} is also the site of {owner.Code} (line {owner.Line}); LAO imported without a website",
                        Rejected: false));
                }
                else
                {
                    siteOwner[SiteKey(uri)] = (line, code);
                    site = uri.AbsoluteUri;
                }
            }
            laos.Add(new LaoRecord
            {
                DlaCode = code,
                Type = type,
                Name = name,
                Province = province,
                District = district,
                Size = RegistryLayout.Size(Field("size")),
                Website = site,
                KeepStoredWebsite = keepStored,
            });
        }
        return new RegistryReadResult(laos, problems, rows, layout.Name)
        {
            SharedHosts = SharedHostsOf(listed),
            DuplicateWebsites = DuplicatesOf(listed),
        };
    }

    private static List<SharedHost> SharedHostsOf(List<(string Code, Uri Url)> listed) =>
        listed.GroupBy(l => HostKey(l.Url), StringComparer.OrdinalIgnoreCase)
            .Select(g => new SharedHost(g.Key, g.DistinctBy(l => l.Code).Select(l => new HostedLao(l.Code, PathOf(l.Url))).ToList()))
            .Where(h => h.Laos.Count > 1)
            .OrderByDescending(h => h.Laos.Count).ThenBy(h => h.Host, StringComparer.Ordinal)
            .ToList();

    private static List<DuplicateWebsite> DuplicatesOf(List<(string Code, Uri Url)> listed) =>
        listed.GroupBy(l => SiteKey(l.Url), StringComparer.OrdinalIgnoreCase)
            .Select(g => new DuplicateWebsite(g.First().Url.AbsoluteUri, g.Select(l => l.Code).Distinct(StringComparer.Ordinal).ToList()))
            .Where(d => d.DlaCodes.Count > 1)
            .ToList();

    private static string HostKey(Uri uri)
    {
        var host = uri.IdnHost.ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    /// <summary>The path a site lives under, as the crawler scopes it (its folder; "/" for the host's root).</summary>
    private static string PathOf(Uri uri) => PlanNacc.Crawler.Discovery.SiteScope.PrefixOf(uri) ?? "/";

    /// <summary>An absolute http(s) URL with a valid host name (Thai IDN hosts included) or IPv4 address, or null. A bare host gets
    /// http://.</summary>
    public static Uri? NormaliseWebsite(string text)
    {
        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || !(uri.HostNameType == UriHostNameType.IPv4 || (uri.HostNameType == UriHostNameType.Dns && HostName().IsMatch(uri.IdnHost)))
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return null;
        }
        return uri;
    }

    private static string SiteKey(Uri uri)
    {
        var host = uri.IdnHost.ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal))
        {
            host = host[4..];
        }
        return host + uri.AbsolutePath.TrimEnd('/').ToLowerInvariant();
    }

    [GeneratedRegex("^[0-9]{7}$")]
    private static partial Regex DlaCode();

    // Labels of letters, digits and hyphens, at least one dot: rejects "www,tlpm.go.th" and "localhost".
    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$", RegexOptions.IgnoreCase)]
    private static partial Regex HostName();
}

/// <summary>The file as a whole cannot be read as a registry.</summary>
public sealed class RegistryFormatException(string message) : Exception(message);
