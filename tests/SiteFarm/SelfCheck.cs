using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using UglyToad.PdfPig;

namespace PlanNacc.SiteFarm;

/// <summary>
/// The farm's own checks (--self-check): determinism, every truth URL answers, PDFs extract their Thai text, TIS-620
/// pages decode, each hostile site misbehaves as promised. Consumers' tests exercise the rest.
/// </summary>
public static class FarmSelfCheck
{
    /// <summary>Runs every check, writes one line per check, returns 0 when all passed (about 20 s on 2 cores).</summary>
    public static async Task<int> RunAsync(TextWriter output)
    {
        var failures = 0;
        void Check(bool ok, string what)
        {
            output.WriteLine((ok ? "ok   " : "FAIL ") + what);
            failures += ok ? 0 : 1;
        }

        var options = new FarmOptions { Sites = 28, Seed = 7, IncludeHostile = true, Port = 40123 };
        var a = JsonSerializer.Serialize(Farm.Generate(options), FarmJson.Options);
        var b = JsonSerializer.Serialize(Farm.Generate(options), FarmJson.Options);
        Check(a == b, "Generate is deterministic (same seed, same sites and truth)");
        Check(a != JsonSerializer.Serialize(Farm.Generate(options with { Seed = 8 }), FarmJson.Options), "another seed gives other sites");
        var prefix = JsonSerializer.Serialize(Farm.Generate(options with { Sites = 10, IncludeHostile = false }), FarmJson.Options);
        var full = Farm.Generate(options with { IncludeHostile = false });
        Check(prefix == JsonSerializer.Serialize(full.Take(10).ToList(), FarmJson.Options), "a smaller farm is a prefix of a larger one");
        Check(Shapes.Normal.All(s => full.Any(x => x.Shape == s)), $"all {Shapes.Normal.Count} shapes present in 28 sites");
        var later = Farm.Generate(options with { IncludeHostile = false, Epoch = 2 });
        var moved = later.Count(s => s.Revision > 0);
        var pairs = later.Zip(full).ToList();
        var same = pairs.Where(p => p.First.Revision == 0).All(p =>
            JsonSerializer.Serialize(p.First, FarmJson.Options) == JsonSerializer.Serialize(p.Second, FarmJson.Options));
        var changed = pairs.Where(p => p.First.Revision > 0).All(p =>
            JsonSerializer.Serialize(p.First.Truth, FarmJson.Options) != JsonSerializer.Serialize(p.Second.Truth, FarmJson.Options));
        Check(moved > 0 && moved < later.Count && same && changed,
            $"epoch 2: {moved} of {later.Count} sites revised what they publish, the others are unchanged");

        Check(Generation.RobotsRules.Disallows("User-agent: *\nDisallow: /*.doc$\n", "/files/a.doc")
              && !Generation.RobotsRules.Disallows("User-agent: *\nDisallow: /*.doc$\n", "/files/a.docx")
              && !Generation.RobotsRules.Disallows("User-agent: *\nDisallow: /files/\nAllow: /files/*.pdf$\n", "/files/a.pdf")
              && Generation.RobotsRules.Disallows("User-agent: *\nDisallow: /files/\nAllow: /files/*.pdf$\n", "/files/a.xlsx")
              && !Generation.RobotsRules.Disallows("User-agent: plannacc\nAllow: /\n\nUser-agent: *\nDisallow: /\n", "/x.html"),
            "the farm's robots reading (used to mark RobotsDisallowed truth) follows RFC 9309");
        var marked = full.Sum(s => s.Truth.Count(t => t.RobotsDisallowed));
        Check(Farm.Generate(options).Single(s => s.Shape == "hostile-robots-disallow-ita").Truth.Count(t => t.RobotsDisallowed) > 5,
            $"robots-disallowed truth is marked ({marked} more among the normal sites)");

        await using var farm = await Farm.StartAsync(options with { Port = 0 }).ConfigureAwait(false);
        await using var farm2 = await Farm.StartAsync(options with { Port = 0 }).ConfigureAwait(false);
        using var http = FarmHttp.CreateClient(farm);
        using var http2 = FarmHttp.CreateClient(farm2);
        Check(farm.HostMap.Values.All(ip => ip.ToString().StartsWith("127.0.1.", StringComparison.Ordinal)), "hosts map to 127.0.1.x");
        using (var control = new HttpClient())
        {
            var json = await control.GetStringAsync(new Uri($"http://127.0.0.1:{farm.Port}/_farm/sites.json")).ConfigureAwait(false);
            var back = JsonSerializer.Deserialize<List<FarmSite>>(json, FarmJson.Options)!;
            Check(JsonSerializer.Serialize(back, FarmJson.Options) == JsonSerializer.Serialize(farm.Sites, FarmJson.Options),
                "/_farm/sites.json reads back into FarmSite records unchanged");
        }
        Check(farm.RegistryCsv()
            .StartsWith("dla_code,type,name,province,province_geocode,lao_geocode,size,dola_year,website,all_urls\n",
            StringComparison.Ordinal), "registry CSV header");

        var fetched = 0;
        var pdfs = 0;
        var offlineChecked = 0;
        var unreadable = 0;
        foreach (var site in farm.Sites.Where(s => !s.Hostile))
        {
            var other = farm2.Sites.Single(s => s.DlaCode == site.DlaCode);
            foreach (var truth in site.Truth.Where(t => t.Url.Host == site.Host))
            {
                using var response = await http.GetAsync(truth.Url).ConfigureAwait(false);
                var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                fetched++;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Check(false, $"{truth.Url} answers 200 (got {(int)response.StatusCode})");
                    continue;
                }
                var otherUrl = new Uri(other.Root, truth.Url.PathAndQuery);
                var again = await http2.GetByteArrayAsync(otherUrl).ConfigureAwait(false);
                if (fetched % 25 == 0)
                {
                    offlineChecked++;
                    var offline = Farm.Page(options with { Port = farm.Port }, truth.Url);
                    if (offline is null || !offline.Body.AsSpan().SequenceEqual(bytes)
                        || offline.ContentType != response.Content.Headers.ContentType?.ToString().Replace(" ", "")
                            .Replace(";", "; ", StringComparison.Ordinal))
                    {
                        Check(false, $"{truth.Url}: Farm.Page gives the bytes and type the server serves ({offline?.ContentType})");
                    }
                }
                // Hub pages may print absolute URLs, which carry the port: compare with the port swapped.
                if (Encoding.Latin1.GetString(bytes) != Encoding.Latin1.GetString(again)
                    .Replace($":{farm2.Port}/", $":{farm.Port}/", StringComparison.Ordinal))
                {
                    Check(false, $"{truth.Url} has the same bytes in a second farm");
                }
                if (response.Content.Headers.ContentType?.MediaType == "application/pdf" && truth.NeedsReview)
                {
                    using var pdf = PdfDocument.Open(bytes);
                    var text = string.Concat(pdf.GetPage(1).Letters.Select(l => l.Value));
                    unreadable++;
                    if (!(text.Length == 0 || text.Any(c => c is >= '\uF700' and <= '\uF7FF')
                          || text.Contains(" \u0E48", StringComparison.Ordinal) || text.Contains(" \u0E49", StringComparison.Ordinal)
                          || text.Contains(" \u0E34", StringComparison.Ordinal) || text.Contains(" \u0E35", StringComparison.Ordinal)))
                    {
                        Check(false, $"{truth.Url}: a NeedsReview PDF has no text layer or broken Thai glyphs (got "
                            + $"'{text[..Math.Min(60, text.Length)]}')");
                    }
                }
                if (response.Content.Headers.ContentType?.MediaType == "application/pdf" && !truth.NeedsReview)
                {
                    pdfs++;
                    using var pdf = PdfDocument.Open(bytes);
                    var text = string.Concat(pdf.GetPage(1).Letters.Select(l => l.Value));
                    var title = pdf.Information.Title ?? "";
                    if (!text.Replace(" ", "").Contains(title.Replace(" ", ""), StringComparison.Ordinal) || title.Length == 0)
                    {
                        Check(false, $"{truth.Url} PDF text holds its title '{title}' (got '{text[..Math.Min(80, text.Length)]}')");
                    }
                }
            }
        }
        Check(fetched > 500, $"{fetched} truth URLs fetched, all 200, same bytes in a second farm");
        Check(offlineChecked > 20, $"{offlineChecked} URLs: Farm.Page (no server) gives the bytes the server serves");
        Check(unreadable > 3, $"{unreadable} NeedsReview PDFs: scanned (no text) or with broken Thai glyphs");
        Check(pdfs > 20, $"{pdfs} PDFs read back with PdfPig, Thai title found in the page text");

        var served = 0;
        foreach (var id in Generation.Identities.Create(options with { Port = farm.Port }).Where(i => !Shapes.IsContentless(i.Shape)))
        {
            var model = Farm.Build(id, options with { Port = farm.Port });
            var site = farm.Sites[id.Index];
            var withKind = model.Pages.Values.Count(p => p.Kind is not null);
            if (withKind != site.Truth.Count)
            {
                Check(false, $"{site.Host}: all {withKind} pages with a kind are reachable from home (truth has {site.Truth.Count})");
            }
            foreach (var page in model.Pages.Values.Where(p => !p.External && p.Href != "/"))
            {
                using var response = await http.GetAsync(new Uri(site.Root, page.Href)).ConfigureAwait(false);
                served++;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Check(false, $"{site.Root}{page.Href.TrimStart('/')} answers 200 (got {(int)response.StatusCode})");
                }
            }
        }
        Check(served > 1000, $"{served} pages and documents of all sites answer 200; every page with a kind is in the truth");

        var redirects = 0;
        foreach (var site in farm.Sites.Where(s => !s.Hostile))
        {
            using var response = await http.GetAsync(site.Root).ConfigureAwait(false);
            var toIndex = response.Headers.Location?.OriginalString == "/index.html";
            redirects += response.StatusCode == HttpStatusCode.MovedPermanently && toIndex ? 1 : 0;
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.MovedPermanently))
            {
                Check(false, $"{site.Root} answers 200 or 301 (got {(int)response.StatusCode})");
            }
        }
        Check(redirects > 0, $"{redirects} old static sites redirect / to /index.html");

        var listedAsWww = farm.Sites.First(s => s.Website != s.Root);
        using (var response = await http.GetAsync(new Uri(listedAsWww.Website!, "/robots.txt")).ConfigureAwait(false))
        {
            var toRoot = response.Headers.Location == new Uri(listedAsWww.Root, "/robots.txt");
            Check(response.StatusCode == HttpStatusCode.MovedPermanently && toRoot
                  && farm.RegistryCsv().Contains("," + listedAsWww.Website + ",", StringComparison.Ordinal),
                $"{farm.Sites.Count(s => s.Website != s.Root)} sites are listed as www.host in the registry and redirect to "
                + "their own host");
        }

        var tis = farm.Sites.First(s => s.Shape == "tis620");
        using (var home = await http.GetAsync(new Uri(tis.Root, "/index.html")).ConfigureAwait(false))
        {
            var raw = await home.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            var decoded = Encoding.GetEncoding(874).GetString(raw);
            Check(decoded.Contains(tis.FullName, StringComparison.Ordinal) && !Encoding.UTF8.GetString(raw)
                .Contains(tis.FullName, StringComparison.Ordinal),
                "TIS-620 home page is single-byte and decodes (windows-874) to the LAO's Thai name");
        }

        await HostileChecks(farm, http, Check).ConfigureAwait(false);
        await Task.Delay(500).ConfigureAwait(false);
        var traffic = farm.Traffic();
        var huge = traffic.For(farm.Sites.Single(s => s.Shape == "hostile-huge-body").Host).Single(r => r.Target == "/");
        var slow = traffic.For(farm.Sites.Single(s => s.Shape == "hostile-slow-body").Host).Single(r => r.Target == "/");
        Check(huge.BytesSent < 64L << 20 && slow.Aborted && traffic.PeakInFlightByAddress.Count > 1 && traffic.Requests.Count > 1000,
            $"traffic: {traffic.Requests.Count} requests logged over {traffic.PeakInFlightByAddress.Count} addresses; the 1 GiB body "
                + $"stopped after {huge.BytesSent / 1048576.0:0.0} MiB when the client left; the slow body ended with its client");
        output.WriteLine(failures == 0 ? "self-check passed" : $"self-check: {failures} failed");
        return failures == 0 ? 0 : 1;
    }

    private static async Task HostileChecks(IRunningFarm farm, HttpClient http, Action<bool, string> check)
    {
        Uri Root(string shape) => farm.Sites.Single(s => s.Shape == shape).Root;

        using (var r = await http.GetAsync(Root("hostile-redirect-loop")).ConfigureAwait(false))
        {
            check(r.StatusCode == HttpStatusCode.Found, "redirect loop answers 302");
        }
        using (var r = await http.GetAsync(new Uri(Root("hostile-robots-5xx"), "/robots.txt")).ConfigureAwait(false))
        {
            check((int)r.StatusCode == 503, "robots.txt 5xx");
        }
        using (var r = await http.GetAsync(new Uri(Root("hostile-robots-disallow-ita"), "/robots.txt")).ConfigureAwait(false))
        {
            check((await r.Content.ReadAsStringAsync().ConfigureAwait(false)).Contains("Disallow: /ita/", StringComparison.Ordinal),
                "robots.txt disallows /ita/");
        }
        var reset = false;
        try
        {
            using var r = await http.GetAsync(Root("hostile-connection-reset")).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            reset = true;
        }
        check(reset, "connection reset host fails the request");

        var sw = Stopwatch.StartNew();
        using (var r = await http.GetAsync(Root("hostile-gzip-bomb"), HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false))
        {
            var built = sw.ElapsedMilliseconds;
            await using var inflated = new System.IO.Compression.GZipStream(await r.Content.ReadAsStreamAsync().ConfigureAwait(false),
                System.IO.Compression.CompressionMode.Decompress);
            long total = 0;
            var buffer = new byte[1 << 16];
            for (int n; total < 64L << 20 && (n = await inflated.ReadAsync(buffer).ConfigureAwait(false)) > 0;)
            {
                total += n;
            }
            check(r.Content.Headers.ContentEncoding.Contains("gzip") && r.Content.Headers.ContentLength < 5_000_000 && total >= 64L << 20,
                $"gzip bomb: {r.Content.Headers.ContentLength:N0} bytes inflate past 64 MiB (served in {built} ms)");
        }
        using (var r = await http.GetAsync(Root("hostile-huge-body"), HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false))
        {
            var stream = await r.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var buffer = new byte[1 << 20];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read)).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }
                read += n;
            }
            check(r.Content.Headers.ContentLength == 1L << 30 && read == buffer.Length, "huge body: 1 GiB announced, streamed");
        }
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2.5)))
        {
            var timedOut = false;
            try
            {
                using var r = await http.GetAsync(Root("hostile-slow-body"), cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
            }
            check(timedOut, "slow body never ends (client gave up after 2.5 s)");
        }
        var truncated = false;
        try
        {
            using var r = await http.GetAsync(Root("hostile-truncated-body")).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            truncated = true;
        }
        check(truncated, "truncated body: the response ends before its Content-Length");
    }
}
