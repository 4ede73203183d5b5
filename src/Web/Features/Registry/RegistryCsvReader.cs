using System.Text.RegularExpressions;

namespace PlanNacc.Web.Features.Registry;

/// <summary>A row the import rejected or changed, by its line in the file.</summary>
public sealed record RegistryProblem(int Line, string? DlaCode, string Message, bool Rejected)
{
    public override string ToString() => $"line {Line}: {(DlaCode is null ? "" : DlaCode + ": ")}{Message}";
}

public sealed record RegistryReadResult(IReadOnlyList<LaoRecord> Laos, IReadOnlyList<RegistryProblem> Problems, int RowsRead);

/// <summary>
/// Reads a registry CSV in the layout of the DLA list (dla_code, type, name, province, [district], size, website, …).
/// A bad row is reported by its line and skipped (or kept without its website); it never stops the rest.
/// </summary>
public static partial class RegistryCsvReader
{
    private static readonly string[] RequiredColumns = ["dla_code", "type", "name", "province", "website"];

    public static RegistryReadResult Read(TextReader reader)
    {
        var problems = new List<RegistryProblem>();
        var laos = new List<LaoRecord>();
        var lineOfCode = new Dictionary<string, int>(StringComparer.Ordinal);
        var siteOwner = new Dictionary<string, (int Line, string Code)>(StringComparer.OrdinalIgnoreCase);
        using var records = CsvRecords.Read(reader).GetEnumerator();
        if (!records.MoveNext() || records.Current.Fields.All(string.IsNullOrWhiteSpace))
        {
            throw new RegistryFormatException("the file is empty: expected a header line starting with dla_code,type,name,province");
        }
        var header = records.Current.Fields.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        var missing = RequiredColumns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new RegistryFormatException($"not a registry CSV: missing column(s) {string.Join(", ", missing)} (expected the DLA layout: dla_code,type,name,province,…,size,…,website)");
        }

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
                Array.IndexOf(header, name) is var i and >= 0 && i < record.Fields.Count && !string.IsNullOrWhiteSpace(record.Fields[i])
                    ? record.Fields[i].Trim()
                    : null;
            var code = Field("dla_code");
            void Reject(string message) => problems.Add(new RegistryProblem(line, code, message, Rejected: true));

            if (record.Malformed is not null)
            {
                Reject($"malformed CSV ({record.Malformed}); row skipped");
                continue;
            }
            if (record.Fields.Count != header.Length)
            {
                Reject($"{record.Fields.Count} fields where the header has {header.Length}; row skipped");
                continue;
            }
            if (code is null || !DlaCode().IsMatch(code))
            {
                Reject($"bad dla_code '{code}': expected 7 digits; row skipped");
                continue;
            }
            if (lineOfCode.TryGetValue(code, out var firstLine))
            {
                Reject($"duplicate dla_code {code} (first on line {firstLine}); row skipped");
                continue;
            }
            var type = Field("type");
            var name = Field("name");
            var province = Field("province");
            if (type is null || !LaoTypes.IsKnown(type))
            {
                Reject($"unknown type '{type}' (expected TAO, ThesabanTambon, ThesabanMueang, ThesabanNakhon or PAO); row skipped");
                continue;
            }
            if (name is null || province is null)
            {
                Reject("name or province is empty; row skipped");
                continue;
            }
            lineOfCode[code] = line;

            var website = Field("website");
            string? site = null;
            if (website is not null)
            {
                if (NormaliseWebsite(website) is not { } uri)
                {
                    problems.Add(new RegistryProblem(line, code, $"malformed website '{website}'; LAO imported without a website", Rejected: false));
                }
                else if (siteOwner.TryGetValue(SiteKey(uri), out var owner))
                {
                    problems.Add(new RegistryProblem(line, code, $"website {uri} is also the site of {owner.Code} (line {owner.Line}); LAO imported without a website", Rejected: false));
                }
                else
                {
                    siteOwner[SiteKey(uri)] = (line, code);
                    site = uri.AbsoluteUri;
                }
            }
            var size = Field("size")?.ToUpperInvariant();
            laos.Add(new LaoRecord
            {
                DlaCode = code,
                Type = type,
                Name = name,
                Province = province,
                District = Field("district") ?? Field("amphoe"),
                Size = size is "S" or "M" or "L" ? size : null,
                Website = site,
            });
        }
        return new RegistryReadResult(laos, problems, rows);
    }

    /// <summary>An absolute http(s) URL with a valid host name (Thai IDN hosts included) or IPv4 address, or null. A bare host gets http://.</summary>
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
