using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PlanNacc.Crawler;
using PlanNacc.Scoring.Verdicts;
using Xunit.Abstractions;

namespace PlanNacc.Scoring.Tests;

/// <summary>
/// The real LAO sites of ../shared/real-lao-sites (README.md there), each served by its own serve.py on loopback,
/// crawled as a user's `plannacc scan` would (the real crawler, product page budgets, rendering only where a page needs
/// it), scored by the product's scorer, and compared with the hand-made labels the way the data's score.py compares
/// them: labelled kinds found on a right page, items marked pass without real evidence (false passes), kinds reported
/// that the site does not carry. Prints the figures per site and in total; asserts the issue's targets it meets.
/// </summary>
public class RealLaoSitesFacts(ITestOutputHelper output)
{
    /// <summary>The ITA year the data's README scores with.</summary>
    private const int Year = 2563;

    private static string? SitesDir =>
        TestEnvironment.SharedDir is { } shared && File.Exists(Path.Combine(shared, "real-lao-sites", "serve.py"))
            ? Path.Combine(shared, "real-lao-sites") : null;

    [RealLaoSitesFact]
    public async Task RealSites_NoFalsePass_AndLabelledDisclosuresOnARightPage()
    {
        var dir = SitesDir!;
        var sites = Directory.GetDirectories(dir).Where(d => File.Exists(Path.Combine(d, "labels.json")))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(sites);
        var total = new SiteFigures();
        foreach (var site in sites)
        {
            var labels = SiteLabels.Load(Path.Combine(dir, site!, "labels.json"));
            var (snapshot, verdict) = await ScanAsync(dir, site!, labels);
            var f = SiteFigures.Of(labels, verdict);
            output.WriteLine($"{site}: {verdict.PagesFetched} pages, {verdict.DocumentsChecked} documents; right-page kinds "
                + $"{f.RightKinds}/{f.Kinds}, disclosures on a right page {f.RightDisclosures}/{f.Disclosures}, "
                + $"false-pass {f.FalsePasses.Count}, wrong-kinds {f.WrongKinds.Count}");
            foreach (var m in f.Missed) output.WriteLine($"    missed: {m}");
            foreach (var p in f.FalsePasses) output.WriteLine($"    false-pass: {p}");
            foreach (var w in f.WrongKinds) output.WriteLine($"    wrong-kind: {w}");
            PrintCandidates(snapshot, labels, verdict);
            total.Add(f);
        }
        var share = total.Disclosures == 0 ? 1 : (double)total.RightDisclosures / total.Disclosures;
        output.WriteLine($"TOTAL: right-page kinds {total.RightKinds}/{total.Kinds}, disclosures on a right page "
            + $"{total.RightDisclosures}/{total.Disclosures} ({share:0.00}), false-pass {total.FalsePassCount}, "
            + $"wrong-kinds {total.WrongKindCount}");

        // the issue's first target: a false "pass" is the worst answer the product can give
        Assert.Equal(0, total.FalsePassCount);
        // the second target (0.95 on a right page): 32/33 (judge12c), the one left a budget ordinance announced as a scan under
        // a title that names only the LAO; the floor keeps a margin of one disclosure and guards regressions
        Assert.True(share >= 0.93, $"labelled disclosures on a right page fell to {total.RightDisclosures}/{total.Disclosures}");
    }

    // for each labelled disclosure not found on its page: what the scorer saw of that kind, so a developer sees why
    private void PrintCandidates(SiteSnapshot snapshot, SiteLabels labels, SiteVerdict verdict)
    {
        var evidence = new EvidenceCollector(Classification.DisclosureClassifier.Default)
            .Collect(snapshot, Year, Classification.SiteChrome.Learn(snapshot.Pages));
        foreach (var (kind, url) in labels.Disclosures.Distinct())
        {
            var shown = verdict.Items.Where(i => i.Kinds.Contains(kind)).SelectMany(i => i.Evidence).Any(e => Norm(e.Url) == Norm(url));
            if (shown) continue;
            var fetched = snapshot.Pages.Any(p => Norm(p.Url.ToString()) == Norm(url))
                || snapshot.Documents.Any(d => Norm(d.Url.ToString()) == Norm(url));
            output.WriteLine($"    not on its page: {kind} {url} (fetched: {fetched})");
            if (!evidence.Any(e => Norm(e.Url.ToString()) == Norm(url)))
            {
                foreach (var (page, link) in snapshot.Pages.SelectMany(p => p.Links.Select(l => (p, l)))
                    .Where(x => Norm(x.l.Url.ToString()) == Norm(url)).Take(2))
                {
                    output.WriteLine($"        no evidence from link '{link.Text}' on {Norm(page.Url.ToString())} "
                        + $"(context '{link.Context}', row '{link.RowText}', menu '{link.MenuLabel}', region {link.Region})");
                }
            }
            foreach (var e in evidence.Where(e => Norm(e.Url.ToString()) == Norm(url)).Take(3))
            {
                output.WriteLine($"        linked as '{e.Text}' on {Norm(e.FoundOn?.ToString() ?? "")} -> [{string.Join(",", e.Kinds)}] "
                    + $"{e.State} {e.StateDetail} {e.Support} {e.Classification.Negative}");
            }
            foreach (var i in verdict.Items.Where(i => i.Kinds.Contains(kind)))
            {
                output.WriteLine($"        {i.Code} {i.Status}: {string.Join(" | ", i.Evidence.Select(e => Norm(e.Url)))}");
            }
        }
        // where each kind the labels do not carry came from
        var labelled = labels.Disclosures.Select(d => d.Kind).ToHashSet(StringComparer.Ordinal);
        foreach (var kind in verdict.KindsFound.Where(k => !labelled.Contains(k)))
        {
            foreach (var e in evidence.Where(e => e.Kinds.Contains(kind) && (e.State == TargetState.Ok && e.Support != ContentSupport.None
                || e.State == TargetState.Unreadable && e.Support == ContentSupport.Title)).Take(3))
            {
                output.WriteLine($"    {kind} from '{e.Text}' {Norm(e.Url.ToString())} {e.State} {e.Support}");
            }
        }
    }

    private async Task<(SiteSnapshot, SiteVerdict)> ScanAsync(string dir, string site, SiteLabels labels)
    {
        var port = FreePort();
        using var server = Process.Start(new ProcessStartInfo("python3")
        {
            ArgumentList = { Path.Combine(dir, "serve.py"), site, "--port", port.ToString(), "--host", "127.0.0.1" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        // the server logs every request on stderr; drain it so a full pipe never blocks it
        server.ErrorDataReceived += (_, _) => { };
        server.OutputDataReceived += (_, _) => { };
        server.BeginErrorReadLine();
        server.BeginOutputReadLine();
        try
        {
            await WaitForPortAsync(server, port);
            var options = new CrawlerOptions
            {
                AllowLoopback = true,
                RequestsPerSecondPerHost = 200,
                MaxConcurrentPerAddress = 4,
                HonourCrawlDelay = false,
                EnableRendering = TestEnvironment.ChromiumPath is not null,
                ChromiumPath = TestEnvironment.ChromiumPath,
            };
            options.Resolve[labels.Host] = IPAddress.Loopback;
            await using var crawler = new SiteCrawler(options);
            var root = new Uri($"http://{labels.Host}:{port}{labels.Start}");
            var snapshot = await crawler.CrawlAsync(root);
            Assert.Equal(SiteStatus.Ok, snapshot.Status);
            return (snapshot, new SiteScorer().Score(snapshot, Year));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static async Task WaitForPortAsync(Process server, int port)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            Assert.False(server.HasExited, $"serve.py exited with {(server.HasExited ? server.ExitCode : 0)} before listening");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                // not listening yet: the next attempt waits a moment (bounded by the deadline, never a fixed sleep)
                await Task.Delay(50, deadline.Token);
            }
        }
    }

    /// <summary>What labels.json says a site carries (README.md "Labels").</summary>
    internal sealed record SiteLabels(string Host, string Start, IReadOnlyList<(string Kind, string Url)> Disclosures,
        IReadOnlySet<string> Ambiguous)
    {
        public static SiteLabels Load(string file)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var root = doc.RootElement;
            var disclosures = new List<(string, string)>();
            foreach (var d in root.GetProperty("disclosures").EnumerateArray())
            {
                var kind = d.GetProperty("kind").GetString()!;
                disclosures.Add((kind, d.GetProperty("url").GetString()!));
                if (d.TryGetProperty("documents", out var docs))
                {
                    foreach (var x in docs.EnumerateArray())
                    {
                        if (x.ValueKind == JsonValueKind.Object && x.TryGetProperty("url",
                            out var u) && u.GetString() is { Length: > 0 } du)
                        {
                            disclosures.Add((kind, du));
                        }
                    }
                }
            }
            var ambiguous = new HashSet<string>(StringComparer.Ordinal);
            if (root.TryGetProperty("ambiguous", out var amb))
            {
                foreach (var a in amb.EnumerateArray()) ambiguous.Add(Norm(a.GetProperty("url").GetString()!));
            }
            return new SiteLabels(root.GetProperty("host").GetString()!, root.GetProperty("start").GetString()!, disclosures, ambiguous);
        }
    }

    /// <summary>score.py's URL form: percent-decoded path and query, no host, port, trailing slash or index file.</summary>
    internal static string Norm(string url)
    {
        var s = Uri.UnescapeDataString(url.Trim());
        var hash = s.IndexOf('#');
        if (hash >= 0) s = s[..hash];
        var scheme = s.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var slash = s.IndexOf('/', scheme + 3);
            var q = s.IndexOf('?', scheme + 3);
            var cut = slash < 0 ? q : q < 0 ? slash : Math.Min(slash, q);
            s = cut < 0 ? "" : s[cut..];
        }
        var qm = s.IndexOf('?');
        var path = qm < 0 ? s : s[..qm];
        var query = qm < 0 ? "" : s[(qm + 1)..];
        if (path.Length == 0) path = "/";
        if (path != "/" && path.EndsWith('/')) path = path.TrimEnd('/');
        if (path.EndsWith("/index.php", StringComparison.Ordinal) || path.EndsWith("/index.html", StringComparison.Ordinal))
        {
            path = path[..path.LastIndexOf('/')];
            if (path.Length == 0) path = "/";
        }
        return query.Length > 0 ? path + "?" + query : path;
    }

    private sealed class SiteFigures
    {
        public int Kinds { get; private set; }
        public int RightKinds { get; private set; }
        public int Disclosures { get; private set; }
        public int RightDisclosures { get; private set; }
        public int FalsePassCount { get; private set; }
        public int WrongKindCount { get; private set; }
        public List<string> Missed { get; } = [];
        public List<string> FalsePasses { get; } = [];
        public List<string> WrongKinds { get; } = [];

        public void Add(SiteFigures f)
        {
            Kinds += f.Kinds;
            RightKinds += f.RightKinds;
            Disclosures += f.Disclosures;
            RightDisclosures += f.RightDisclosures;
            FalsePassCount += f.FalsePasses.Count;
            WrongKindCount += f.WrongKinds.Count;
        }

        /// <summary>The comparison score.py makes, plus the count of labelled disclosures (not only kinds) on a right page.</summary>
        public static SiteFigures Of(SiteLabels labels, SiteVerdict verdict)
        {
            var carries = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var (kind, url) in labels.Disclosures)
            {
                if (!carries.TryGetValue(Norm(url), out var set)) carries[Norm(url)] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(kind);
            }
            var kinds = labels.Disclosures.Select(d => d.Kind).ToHashSet(StringComparer.Ordinal);
            var evidence = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var e in verdict.Items.SelectMany(i => i.Evidence))
            {
                if (!evidence.TryGetValue(e.Kind, out var set)) evidence[e.Kind] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(Norm(e.Url));
            }
            var f = new SiteFigures { Kinds = kinds.Count,
                Disclosures = labels.Disclosures.Select(d => d.Kind + " " + Norm(d.Url)).Distinct().Count() };
            f.RightKinds = kinds.Count(k
                => evidence.GetValueOrDefault(k)?.Any(u => carries.GetValueOrDefault(u)?.Contains(k) == true) == true);
            f.RightDisclosures = labels.Disclosures.Select(d => (d.Kind, Url: Norm(d.Url))).Distinct()
                .Count(d => evidence.GetValueOrDefault(d.Kind)?.Contains(d.Url) == true);
            var found = verdict.KindsFound.ToHashSet(StringComparer.Ordinal);
            f.Missed.AddRange(kinds.Where(k => !found.Contains(k)).Order(StringComparer.Ordinal));
            foreach (var item in verdict.Items.Where(i => i.Status == VerdictStatus.Pass))
            {
                var urls = item.Evidence.Select(e => Norm(e.Url)).ToList();
                if (!urls.Any(u => labels.Ambiguous.Contains(u) || item.Kinds.Any(k => carries.GetValueOrDefault(u)?.Contains(k) == true)))
                {
                    f.FalsePasses.Add($"{item.Code} <- {(urls.Count == 0 ? "(no evidence)" : string.Join(", ", urls))}");
                }
            }
            f.WrongKinds.AddRange(found.Where(k => !kinds.Contains(k)
                && !(evidence.GetValueOrDefault(k) is { Count: > 0 } ev && ev.All(labels.Ambiguous.Contains)))
                    .Order(StringComparer.Ordinal));
            return f;
        }
    }
}

/// <summary>Needs ../shared/real-lao-sites and python3 (its serve.py); skipped with the reason when either is absent.</summary>
public sealed class RealLaoSitesFactAttribute : FactAttribute
{
    public RealLaoSitesFactAttribute()
    {
        var shared = TestEnvironment.SharedDir;
        if (shared is null || !File.Exists(Path.Combine(shared, "real-lao-sites", "serve.py")))
        {
            Skip = "../shared/real-lao-sites is not beside the checkout (set PLANNACC_SHARED to the folder holding it)";
        }
        else if (!OnPath("python3"))
        {
            Skip = "python3 is not on PATH; the real LAO sites are served by their own serve.py";
        }
    }

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(d => File.Exists(Path.Combine(d, name)));
}
