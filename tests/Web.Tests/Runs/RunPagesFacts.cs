using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Tests.Runs;

/// <summary>/runs and /runs/{id} served by the `serve` host over runs written through the storage, on SQLite and PostgreSQL.</summary>
[Collection(HangfireHosts.Name)]
public sealed partial class RunPagesFacts
{
    private const string Password = "runs-password-0001";
    private const string HostileReason = "<script>alert('reason')</script> dns: no such host";

    /// <summary>Three LAOs planned; one ok, one unreachable with markup in its reason, one timeout (or left, when <paramref name="finish"/>
    /// is false).</summary>
    private static async Task<(long RunId, string[] Codes)> RunAsync(TestHost host, string kind, bool finish)
    {
        var codes = new[] { TestData.NewCode(), TestData.NewCode(), TestData.NewCode() };
        await new LaoStore(host.Database).UpsertAsync([TestData.Lao(codes[0]), TestData.Lao(codes[1], "บางระจัน<b>"),
            TestData.Lao(codes[2], "ท่าช้าง")], "test");
        var runId = await new RunStore(host.Database).CreateAsync(kind, "all", 2568, codes);
        var scans = new ScanStore(host.Database);
        await scans.SaveAsync(TestData.Result(runId, codes[0], []));
        await scans.SaveAsync(TestData.Result(runId, codes[1], [], status: "unreachable") with { Reason = HostileReason, Report = null });
        if (finish)
        {
            await scans.SaveAsync(TestData.Result(runId, codes[2], [], status: "timeout") with { Reason = "homepage not read within 60 " +
                "s", Report = null });
        }
        return (runId, codes);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RunPage_ShowsAFinishedRun_WithFailuresByStatusAndReason_Encoded(string provider)
    {
        await using var host = await TestHost.StartOnAsync(provider);
        var (runId, codes) = await RunAsync(host, "nightly", finish: true);

        var html = await host.Browser().GetStringAsync($"/runs/{runId}");

        Assert.Equal(("3", "1", "2", "0"),
            (Cell(html, "run-total"), Cell(html, "run-done"), Cell(html, "run-failed"), Cell(html, "run-left")));
        Assert.Contains("รอบกลางคืน", html);
        Assert.Matches(@"id=""run-state"">เสร็จ \d+ [ก-๙.]+ 25\d\d \d\d:\d\d<", html);
        Assert.Equal("–", Cell(html, "run-eta"));
        // Grouped by status (Thai names), each with its reason and the LAOs it hit, linked to their pages.
        Assert.Contains("data-status=\"unreachable\"", html);
        Assert.Contains("data-status=\"timeout\"", html);
        Assert.Contains(ScanStatuses.Thai(ScanStatus.Unreachable), html);
        Assert.Contains(ScanStatuses.Thai(ScanStatus.Timeout), html);
        Assert.Contains("homepage not read within 60 s", html);
        Assert.Contains($"href=\"/lao/{codes[1]}\"", html);
        Assert.Contains($"href=\"/lao/{codes[2]}\"", html);
        Assert.DoesNotContain($"href=\"/lao/{codes[0]}\"", html);
        // Crawled reason text and registry names are text, never markup.
        Assert.Contains("&lt;script&gt;alert(", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("บางระจัน&lt;b&gt;", html);
        // Finished: nothing polls, nothing to resume, nothing left.
        Assert.DoesNotContain("/api/runs/", html);
        Assert.DoesNotContain("id=\"resume-form\"", html);
        Assert.DoesNotContain("id=\"left\"", html);

        var english = await host.Browser().GetStringAsync($"/runs/{runId}?lang=en");
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains(">unreachable<", english);
        Assert.Contains("Sites that failed", english);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RunPage_ShowsAnUnfinishedRun_WithRateEtaAndWhatIsLeft_AndPollsTheApi(string provider)
    {
        await using var host = await TestHost.StartOnAsync(provider);
        var (runId, codes) = await RunAsync(host, "on-demand", finish: false);

        var html = await host.Browser().GetStringAsync($"/runs/{runId}");

        Assert.Equal(("3", "1", "1", "1"),
            (Cell(html, "run-total"), Cell(html, "run-done"), Cell(html, "run-failed"), Cell(html, "run-left")));
        Assert.Contains("id=\"run-state\">กำลังตรวจ<", html);
        // Two sites ended since the start: a rate above zero and an ETA in Bangkok time, Buddhist Era.
        Assert.True(double.Parse(Cell(html, "run-rate"), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Matches(@"^\d+ [ก-๙.]+ 25\d\d \d\d:\d\d$", Cell(html, "run-eta"));
        Assert.Contains($"<a href=\"/lao/{codes[2]}\">{codes[2]}</a>", html);
        // Live: the script polls the JSON API; without script, the page refreshes itself and has a link to do so.
        Assert.Contains("fetch('/api/runs/'", html);
        Assert.Contains("<noscript><meta http-equiv=\"refresh\" content=\"30\" /></noscript>", html);
        Assert.Contains($"href=\"/runs/{runId}\" id=\"refresh\"", html);
        // Anonymous readers see no resume button.
        Assert.DoesNotContain("id=\"resume-form\"", html);

        var api = await host.Browser().GetStringAsync($"/api/runs/{runId}");
        Assert.Contains("\"left\":1", api);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RunList_ShowsNightlyRunsFirst_ThenOnDemandRuns_LinkedToTheirPages(string provider)
    {
        await using var host = await TestHost.StartOnAsync(provider);
        var (onDemand, _) = await RunAsync(host, "on-demand", finish: true);
        var (nightly, _) = await RunAsync(host, "nightly", finish: false);
        var code = TestData.NewCode();
        await new LaoStore(host.Database).UpsertAsync([TestData.Lao(code)], "test");
        var oneLao = await new RunStore(host.Database).CreateAsync("on-demand", "lao:" + code, 2568, [code]);

        var html = await host.Browser().GetStringAsync("/runs");

        var nightlyTable = html.IndexOf("id=\"nightly-runs\"", StringComparison.Ordinal);
        var onDemandTable = html.IndexOf("id=\"on-demand-runs\"", StringComparison.Ordinal);
        Assert.InRange(nightlyTable, 0, onDemandTable);
        var nightlyRow =
            html.IndexOf($"<tr data-run=\"{nightly}\" data-kind=\"nightly\" data-finished=\"false\">", StringComparison.Ordinal);
        var onDemandRow =
            html.IndexOf($"<tr data-run=\"{onDemand}\" data-kind=\"on-demand\" data-finished=\"true\">", StringComparison.Ordinal);
        Assert.InRange(nightlyRow, nightlyTable, onDemandTable);
        Assert.True(onDemandRow > onDemandTable);
        Assert.Contains($"href=\"/runs/{nightly}\"", html);
        Assert.Contains($"href=\"/runs/{oneLao}\"", html);
        Assert.Contains($"อปท. รหัส {code}", html);
        Assert.Contains("id=\"runs-link\"", html);
        // Counts done / failed / left of the unfinished nightly run.
        Assert.Matches($@"data-run=""{nightly}""[\s\S]*?<span class=""done"">1</span> / <span class=""failed"">1</span> / <span " +
            $@"class=""left"">1</span>", html);

        var oneLaoPage = await host.Browser().GetStringAsync($"/runs/{oneLao}");
        Assert.Contains($"<a href=\"/lao/{code}\" id=\"scope-lao\">", oneLaoPage);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Browser().GetAsync("/runs/987654321")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Resume_IsForAdminsOnly_AndEnqueuesAgainTheLaosLeft(string provider)
    {
        await using var host = await TestHost.StartOnAsync(provider);
        var (runId, codes) = await RunAsync(host, "nightly", finish: false);
        var activation = await host.Codes.IssueAsync(codes[2], "test");
        await host.Codes.ActivateAsync(codes[2], activation, Password);
        await host.Accounts.CreateUserAsync("sing-runs", Roles.Province, "สิงห์บุรี", null, Password, "test");
        await host.Accounts.CreateUserAsync("root-runs", Roles.Admin, null, null, Password, "test");
        var storage = host.App.Services.GetRequiredService<JobStorage>();
        long Enqueued() => storage.GetMonitoringApi().EnqueuedCount("default");
        var before = Enqueued();
        var resume = $"/runs/{runId}?handler=Resume";

        // Anonymous: sent to sign in. The LAO itself and its province: denied. Nothing enqueued.
        var anonymous = await TestHost.PostFormAsync(host.Browser(), "/account/login", new Dictionary<string, string>(), resume);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location!.OriginalString);
        foreach (var user in new[] { codes[2], "sing-runs" })
        {
            var client = await TestHost.SignedInAsync(host, user, Password);
            Assert.DoesNotContain("id=\"resume-form\"", await client.GetStringAsync($"/runs/{runId}"));
            var refused = await TestHost.PostFormAsync(client, $"/runs/{runId}", new Dictionary<string, string>(), resume);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden
                || refused.Headers.Location?.OriginalString.Contains("/account/denied") == true,
                $"{user}: {(int)refused.StatusCode} {refused.Headers.Location}");
        }
        Assert.Equal(before, Enqueued());

        var admin = await TestHost.SignedInAsync(host, "root-runs", Password);
        // A form without the anti-forgery token is refused.
        var forged = await admin.PostAsync(resume, new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(before, Enqueued());

        var page = await admin.GetStringAsync($"/runs/{runId}");
        Assert.Contains("id=\"resume-form\"", page);
        var resumed = await TestHost.PostFormAsync(admin, $"/runs/{runId}", new Dictionary<string, string>(), resume);

        Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        Assert.Equal($"/runs/{runId}?resumed=1", resumed.Headers.Location!.OriginalString);
        Assert.Equal(before + 1, Enqueued());
        var job = Assert.Single(storage.GetMonitoringApi().EnqueuedJobs("default", 0, 100),
            j => j.Value.Job.Method.Name == nameof(ScanJobs.ScanSiteAsync)).Value.Job;
        Assert.Equal((runId, codes[2]), ((long)job.Args[0], (string)job.Args[1]));
        Assert.Contains("id=\"resumed\"", await admin.GetStringAsync(resumed.Headers.Location.OriginalString));
        await using var connection = await host.Database.OpenAsync();
        Assert.Equal("root-runs", await connection.ExecuteScalarAsync<string>(
            "SELECT actor FROM audit_log WHERE entity = 'run' AND action = 'resume' AND entity_id = @id",
                new { id = runId.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
    }

    [Fact]
    public async Task RunPages_NeedLogin_WhenPublicReadIsOff()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Accounts:PublicRead"] = "false" });
        var (runId, _) = await RunAsync(host, "nightly", finish: true);
        await host.Accounts.CreateUserAsync("sing-read", Roles.Province, "สิงห์บุรี", null, Password, "test");

        foreach (var url in new[] { "/runs", $"/runs/{runId}" })
        {
            var anonymous = await host.Browser().GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Contains("/account/login", anonymous.Headers.Location!.OriginalString);
        }
        var officer = await TestHost.SignedInAsync(host, "sing-read", Password);
        Assert.Contains($"href=\"/runs/{runId}\"", await officer.GetStringAsync("/runs"));
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/runs/{runId}")).StatusCode);
    }

    private static string Cell(string html, string id)
    {
        var match = Regex.Match(html, $"id=\"{id}\">([^<]*)<");
        Assert.True(match.Success, $"no #{id} on the page");
        return match.Groups[1].Value;
    }
}
