using System.Diagnostics;
using PlanNacc.Crawler;
using PlanNacc.Scoring;
using Microsoft.Extensions.Options;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Composition;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Storage;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Cli;

/// <summary>`scan URL`: crawl one site now, score it, print the checklist (or the design.md JSON). Nothing is stored.</summary>
public static class ScanCommand
{
    public static async Task<int> RunAsync(CliArgs cli, Dictionary<string, string?> overrides)
    {
        var site = RegistryCsvReader.NormaliseWebsite(cli.Positionals[0])
            ?? throw new UsageException($"scan: '{cli.Positionals[0]}' is not an http(s) URL", cli.Verb);
        // The flags (--year, --max-pages, --rate, --allow-private-network, --resolve, --full-rescan) arrive as settings in the
        // overrides; --state names this scan's own folder.
        var stateFolder = cli.Value("--state");
        var builder = AppHost.CreateBuilder(overrides);
        builder.AddPlanNacc();
        using var host = builder.Build();
        var crawler = host.Services.GetRequiredService<SiteCrawler>();
        var scorer = host.Services.GetRequiredService<SiteScorer>();
        var year = host.Services.GetRequiredService<IOptions<ScanOptions>>().Value
            .AssessedYear(host.Services.GetRequiredService<TimeProvider>());
        var progress = new ProgressLine(Console.Error);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        SiteSnapshot snapshot;
        try
        {
            snapshot = stateFolder is null
                ? await crawler.CrawlAsync(site, progress, cancel.Token)
                : await crawler.CrawlWithStateAsync(site, Path.GetFullPath(stateFolder), progress, cancel.Token);
        }
        finally
        {
            progress.Finish();
        }
        if (snapshot.Status == SiteStatus.Cancelled)
        {
            throw new CliFailure("scan cancelled", CommandLine.Failed);
        }
        var report = scorer.Score(snapshot, year);
        if (cli.Has("--json"))
        {
            Console.WriteLine(Json.Serialize(report, indented: true));
        }
        else
        {
            PrintChecklist(Console.Out, report);
        }
        if (snapshot.Status != SiteStatus.Ok)
        {
            var reason = snapshot.StatusReason ?? "no reason given";
            Console.Error.WriteLine($"plannacc: {site} {SiteStatusJsonConverter.Name(snapshot.Status)}: {reason}");
            return CommandLine.Refused;
        }
        return CommandLine.Ok;
    }

    public static void PrintChecklist(TextWriter output, SiteVerdict report)
    {
        output.WriteLine($"site: {report.Site}  " +
            $"({SiteStatusJsonConverter.Name(report.Status)}{(report.StatusReason is null ? "" : ": " + report.StatusReason)})");
        output.WriteLine(
            $"criteria: {report.Criteria.Id} (ITA {report.Criteria.Year}), fiscal year {report.FiscalYear}; "
            + $"{report.PagesFetched} pages, {report.DocumentsChecked} documents, {report.DurationMs / 1000.0:0.0} s");
        foreach (var note in report.Notes)
        {
            output.WriteLine($"note: {note.Th}");
            output.WriteLine($"      {note.En}");
        }
        var indicators = report.Score.Indicators.OrderBy(p => p.Key.Length).ThenBy(p => p.Key)
            .Select(p => $"indicator {p.Key}: {p.Value:0.0}");
        output.WriteLine($"OIT {report.Score.Oit:0.0}  " + string.Join("  ", indicators));
        output.WriteLine();
        foreach (var item in report.Items)
        {
            output.WriteLine($"{item.Code,-4} {StatusLabel(item.Status),-18} {item.Title} / {item.TitleEn}");
            foreach (var evidence in item.Evidence.Take(3))
            {
                var year = evidence.FiscalYear is { } fy ? $" [FY{fy}]"
                    : evidence.FiscalYearSpan is [var from, var to] ? $" [FY{from}-{to}]"
                    : "";
                output.WriteLine($"       {evidence.Url}{year}");
                if (evidence.Path.Count > 0)
                {
                    output.WriteLine($"       {string.Join(" > ", evidence.Path)}");
                }
            }
            foreach (var reason in item.Reasons)
            {
                output.WriteLine($"       - {reason.Th} / {reason.En}");
            }
        }
        foreach (var error in report.Errors.Take(20))
        {
            output.WriteLine($"error: {error.Url}: {error.Error}");
        }
    }

    private static string StatusLabel(VerdictStatus status) => status switch
    {
        VerdictStatus.Pass => "ผ่าน (pass)",
        VerdictStatus.Fail => "ไม่ผ่าน (fail)",
        _ => "ตรวจสอบ (review)",
    };

    /// <summary>One live line on stderr: rewritten in place on a terminal, at most one line a second when redirected.</summary>
    private sealed class ProgressLine(TextWriter error) : IProgress<CrawlProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly object _gate = new();
        private TimeSpan _last = TimeSpan.FromHours(-1);
        private bool _wrote;

        public void Report(CrawlProgress value)
        {
            lock (_gate)
            {
                var now = _clock.Elapsed;
                var interactive = !Console.IsErrorRedirected;
                if (now - _last < TimeSpan.FromMilliseconds(interactive ? 100 : 1000))
                {
                    return;
                }
                _last = now;
                var current = value.Current?.AbsoluteUri ?? "";
                if (current.Length > 60)
                {
                    current = "…" + current[^59..];
                }
                var text = $"{now.TotalSeconds,5:0}s  pages {value.PagesFetched}  documents {value.DocumentsChecked}  "
                    + $"queued {value.Queued}  {current}";
                if (interactive)
                {
                    error.Write("\r" + text.PadRight(Math.Max(text.Length, 110)));
                }
                else
                {
                    error.WriteLine(text);
                }
                _wrote = true;
            }
        }

        public void Finish()
        {
            lock (_gate)
            {
                if (_wrote && !Console.IsErrorRedirected)
                {
                    error.WriteLine();
                }
            }
        }
    }
}
