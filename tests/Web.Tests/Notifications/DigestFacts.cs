using Microsoft.Extensions.DependencyInjection;
using PlanNacc.Web.Tests.Runs;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Features.Notifications;

namespace PlanNacc.Web.Tests.Notifications;

/// <summary>Digests end to end: scans stored, events collected, digests rendered, sent through a real SMTP server on loopback.</summary>
public sealed class DigestFacts
{
    private const string Hostile = "<script>alert(1)</script>แผนผังองค์กร";

    private static ItemVerdict Item(string code, VerdictStatus status, string title = "โครงสร้าง") => TestData.Item(code, status, title);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Digest_AfterAScanThatLostItems_MailsEachSubscriberOnce_ProvinceWorstFirst(string provider)
    {
        await using var sink = new SmtpSink();
        await using var h = await NotificationHarness.CreateAsync(provider, o => (o.Smtp.Host, o.Smtp.Port) = ("127.0.0.1", sink.Port));
        var (a, b, other) = (TestData.NewCode(), TestData.NewCode(), TestData.NewCode());
        await h.AddLaosAsync(TestData.Lao(a, "บ้านเอ"), TestData.Lao(b, "บ้านบี"),
            TestData.Lao(other, "ที่อื่น") with { Province = "ลพบุรี" });
        var lao = await h.SubscribeAsync("lao-a", "officer-a@example.go.th", "lao", null, a);
        var province = await h.SubscribeAsync("prov", "analyst@example.go.th", "province", "สิงห์บุรี", null, language: "en");
        await h.SubscribeAsync("weekly", "weekly@example.go.th", "admin", null, null, frequency: Frequencies.Weekly);

        var first = await h.NightlyRunAsync(
            (a, [Item("o1", VerdictStatus.Pass, Hostile), Item("o2", VerdictStatus.Pass)], 2568, "ok"),
            (b, [Item("o1", VerdictStatus.Pass), Item("o2", VerdictStatus.Pass), Item("o3", VerdictStatus.Pass)], 2568, "ok"),
            (other, [Item("o1", VerdictStatus.Pass)], 2568, "ok"));
        await h.Runner.CollectAsync(CancellationToken.None);
        Assert.Equal(0, await h.RunJobsAsync());
        var second = await h.NightlyRunAsync(
            (a, [Item("o1", VerdictStatus.Fail, Hostile), Item("o2", VerdictStatus.Pass)], 2568, "ok"),
            (b, [Item("o1", VerdictStatus.Fail), Item("o2", VerdictStatus.Review), Item("o3", VerdictStatus.Fail)], 2568, "ok"),
            (other, [Item("o1", VerdictStatus.Fail)], 2568, "ok"));
        await h.Runner.CollectAsync(CancellationToken.None);
        await h.RunJobsAsync();

        var mails = sink.Messages.ToList();
        Assert.Equal(2, mails.Count);
        var toLao = Assert.Single(mails, m => m.To.Mailboxes.Single().Address == "officer-a@example.go.th");
        var toProvince = Assert.Single(mails, m => m.To.Mailboxes.Single().Address == "analyst@example.go.th");

        // Thai subject and body, multipart plain text + HTML, links into the dashboard, crawled text encoded in HTML.
        Assert.StartsWith("PlanNacc: 1 เรื่องใหม่ของอบต.บ้านเอ", toLao.Subject);
        Assert.Equal("multipart/alternative", toLao.Body!.ContentType.MimeType);
        Assert.Contains("รายการที่เคยผ่าน ไม่ผ่านหรือต้องทบทวน", toLao.TextBody);
        Assert.Contains($"o1 {Hostile}: ผ่าน → ไม่ผ่าน", toLao.TextBody);
        Assert.Contains($"https://plannacc.example.go.th/lao/{a}", toLao.TextBody);
        Assert.DoesNotContain("<script>", toLao.HtmlBody);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;แผนผังองค์กร", toLao.HtmlBody);
        Assert.DoesNotContain("o2", toLao.TextBody);
        var unsubscribe = await h.Services.GetRequiredService<UnsubscribeLinks>().LinkAsync(lao.Id);
        Assert.Equal($"<{unsubscribe.AbsoluteUri}>", toLao.Headers["List-Unsubscribe"]);
        Assert.Contains(unsubscribe.AbsoluteUri.Replace("&", "&amp;", StringComparison.Ordinal), toLao.HtmlBody);

        // The province's digest is one mail for its LAOs, worst first, in English; the other province's LAO is not in it.
        Assert.StartsWith("PlanNacc: 2 new for สิงห์บุรี province", toProvince.Subject);
        var text = toProvince.TextBody ?? "";
        Assert.True(text.IndexOf($"[{b}]", StringComparison.Ordinal) < text.IndexOf($"[{a}]", StringComparison.Ordinal), text);
        Assert.Contains("3 items went from pass to fail or review", text);
        Assert.DoesNotContain(other, text);
        Assert.Contains("?lang=en", text);

        // Collecting again, the same digest again, the same send job again: nothing more goes out.
        await h.Runner.CollectAsync(CancellationToken.None);
        await h.Runner.DigestsAsync(Frequencies.AfterRun, $"run:{second}", CancellationToken.None);
        var sentIds = (await h.Store.SentLogAsync(null)).Select(d => d.Id).ToList();
        foreach (var id in sentIds)
        {
            await h.Runner.SendDigestAsync(id, CancellationToken.None);
        }
        await h.RunJobsAsync();
        Assert.Equal(2, sink.Messages.Count);
        var log = Assert.Single(await h.Store.SentLogAsync("lao-a"));
        Assert.Equal(("sent", 1, $"run:{second}"), (log.Status, log.Attempts, log.DigestKey));
        Assert.True(first < second);

        // The weekly subscriber hears of it on Monday, in one digest for the country; a second Monday job sends nothing more.
        await h.Runner.WeeklyAsync(CancellationToken.None);
        await h.Runner.WeeklyAsync(CancellationToken.None);
        await h.RunJobsAsync();
        var weekly = Assert.Single(sink.Messages, m => m.To.Mailboxes.Single().Address == "weekly@example.go.th");
        Assert.Contains("ทั้งประเทศ", weekly.Subject);
        Assert.Contains("(ลพบุรี)", weekly.TextBody);
        Assert.Equal("week:2026-W03", Assert.Single(await h.Store.SentLogAsync("weekly")).DigestKey);
        Assert.Equal(province.Id, (await h.Store.SubscriptionAsync("prov"))!.Id);
    }

    [Fact]
    public async Task SendDigest_RetriesAfterTheSenderIsRefused_AndNeverSendsTwice()
    {
        await using var sink = new SmtpSink { RefuseSenders = 1 };
        await using var h = await NotificationHarness.CreateAsync("sqlite", o => (o.Smtp.Host, o.Smtp.Port) = ("127.0.0.1", sink.Port));
        var code = TestData.NewCode();
        await h.AddLaosAsync(TestData.Lao(code));
        await h.SubscribeAsync("lao", "lao@example.go.th", "lao", null, code);
        await h.NightlyRunAsync((code, [Item("o1", VerdictStatus.Pass)], 2568, "ok"));
        var run = await h.NightlyRunAsync((code, [Item("o1", VerdictStatus.Review)], 2568, "ok"));
        await h.Runner.CollectAsync(CancellationToken.None);
        await h.RunJobsAsync();

        var digest = Assert.Single(await h.Store.SentLogAsync("lao"));
        Assert.Equal(("sent", 2), (digest.Status, digest.Attempts));
        Assert.Contains("451", digest.LastError ?? "");
        var retry = Assert.Single(h.Jobs.Scheduled(nameof(NotificationJobs.SendDigestAsync)));
        var scheduled = (Hangfire.States.ScheduledState)retry.State;
        Assert.Equal(1, Math.Round((scheduled.EnqueueAt - scheduled.ScheduledAt).TotalSeconds));
        Assert.Single(sink.Messages);

        // Hangfire runs a job again after a crash or a lost acknowledgement: the digest is already sent.
        await h.Runner.SendDigestAsync(digest.Id, CancellationToken.None);
        await h.Runner.DigestsAsync(Frequencies.AfterRun, $"run:{run}", CancellationToken.None);
        await h.RunJobsAsync();
        Assert.Single(sink.Messages);
        Assert.EndsWith("@plannacc", sink.Messages.Single().MessageId);
    }

    [Fact]
    public async Task Collector_GivesALostSendJobBack_ButACrashMidSendIsRecordedUncertain_NeverSentAgain()
    {
        await using var sink = new SmtpSink();
        await using var h = await NotificationHarness.CreateAsync("sqlite", o => (o.Smtp.Host, o.Smtp.Port) = ("127.0.0.1", sink.Port));
        var (lost, crashed) = (TestData.NewCode(), TestData.NewCode());
        await h.AddLaosAsync(TestData.Lao(lost), TestData.Lao(crashed));
        await h.SubscribeAsync("lost", "lost@example.go.th", "lao", null, lost);
        await h.SubscribeAsync("crashed", "crashed@example.go.th", "lao", null, crashed);
        await h.NightlyRunAsync(
            (lost, [Item("o1", VerdictStatus.Pass)], 2568, "ok"), (crashed, [Item("o1", VerdictStatus.Pass)], 2568, "ok"));
        await h.NightlyRunAsync(
            (lost, [Item("o1", VerdictStatus.Fail)], 2568, "ok"), (crashed, [Item("o1", VerdictStatus.Fail)], 2568, "ok"));
        await h.Runner.CollectAsync(CancellationToken.None);

        // The process stops: the two send jobs never run; one digest had been claimed and was going out.
        while (h.Jobs.TryTake(out _))
        {
        }
        var cut = Assert.Single(await h.Store.SentLogAsync("crashed"));
        Assert.True(await h.Store.ClaimDigestAsync(cut.Id));

        h.Clock.Now += TimeSpan.FromMinutes(20);
        await h.Runner.CollectAsync(CancellationToken.None);
        await h.RunJobsAsync();
        Assert.Equal("lost@example.go.th", Assert.Single(sink.Messages).To.Mailboxes.Single().Address);
        Assert.Equal("sent", Assert.Single(await h.Store.SentLogAsync("lost")).Status);
        var uncertain = Assert.Single(await h.Store.SentLogAsync("crashed"));
        Assert.Equal("uncertain", uncertain.Status);
        Assert.Contains("not sent again", uncertain.LastError);

        h.Clock.Now += TimeSpan.FromMinutes(20);
        await h.Runner.CollectAsync(CancellationToken.None);
        await h.RunJobsAsync();
        Assert.Single(sink.Messages);
    }

    [Fact]
    public async Task SendDigest_WhenSmtpIsDown_RetriesThenRecordsTheFailure_WhileWebhooksStillGoOut()
    {
        await using var receiver = await HookReceiver.StartAsync();
        var closedPort = WebProcess.FreePort();
        await using var h = await NotificationHarness.CreateAsync("sqlite", o => (o.Smtp.Host, o.Smtp.Port) = ("127.0.0.1", closedPort));
        var code = TestData.NewCode();
        await h.AddLaosAsync(TestData.Lao(code));
        await h.SubscribeAsync("lao", "lao@example.go.th", "lao", null, code);
        await h.Store.AddWebhookAsync($"{receiver.BaseUrl}/ok", null, null, "admin");
        await h.NightlyRunAsync((code, [Item("o1", VerdictStatus.Pass)], 2568, "ok"));
        await h.NightlyRunAsync((code, [Item("o1", VerdictStatus.Fail)], 2568, "ok"));
        await h.Runner.CollectAsync(CancellationToken.None);
        await h.RunJobsAsync();

        var digest = Assert.Single(await h.Store.SentLogAsync("lao"));
        Assert.Equal(("failed", h.Options.MaxAttempts), (digest.Status, digest.Attempts));
        Assert.Contains("refused connection", digest.LastError ?? "");
        Assert.Equal(2, h.Jobs.Scheduled(nameof(NotificationJobs.SendDigestAsync)).Count);
        var delivery = Assert.Single(await h.Store.DeliveriesAsync());
        Assert.Equal(("delivered", 200), (delivery.Status, delivery.LastStatusCode));
        Assert.Equal(1, receiver.Count("/ok"));
    }

    [Fact]
    public async Task SendDigest_WhenSmtpStalls_HoldsOnlyItsOwnJob_AndTimesOutIntoARetry()
    {
        await using var sink = new SmtpSink { StallGreeting = TimeSpan.FromMinutes(10) };
        await using var receiver = await HookReceiver.StartAsync();
        await using var h = await NotificationHarness.CreateAsync("sqlite", o =>
        {
            (o.Smtp.Host, o.Smtp.Port) = ("127.0.0.1", sink.Port);
            o.Smtp.TimeoutSeconds = 2;
        });
        var code = TestData.NewCode();
        await h.AddLaosAsync(TestData.Lao(code));
        await h.SubscribeAsync("lao", "lao@example.go.th", "lao", null, code);
        await h.Store.AddWebhookAsync($"{receiver.BaseUrl}/ok", "สิงห์บุรี", "own-secret", "admin");
        await h.NightlyRunAsync((code, [Item("o1", VerdictStatus.Pass)], 2568, "ok"));
        await h.NightlyRunAsync((code, [Item("o1", VerdictStatus.Fail)], 2568, "ok"));
        await h.Runner.CollectAsync(CancellationToken.None);
        var pending = new List<(Hangfire.Common.Job Job, Hangfire.States.IState State)>();
        while (h.Jobs.TryTake(out var job))
        {
            pending.Add(job);
        }
        var mailJob = pending.Single(j => j.Job.Method.Name == nameof(NotificationJobs.SendDigestAsync));
        var hookJob = pending.Single(j => j.Job.Method.Name == nameof(NotificationJobs.DeliverAsync));

        // The mail job waits on a server that never greets; the webhook job, started after it, is not held up.
        var mail = (Task)mailJob.Job.Method.Invoke(h.Runner, mailJob.Job.Args.ToArray())!;
        await FarmRun.WaitForAsync(() => Task.FromResult(sink.Connections > 0), "the mail job never reached the SMTP server",
            TimeSpan.FromMinutes(1));
        await (Task)hookJob.Job.Method.Invoke(h.Runner, hookJob.Job.Args.ToArray())!;
        Assert.Equal("delivered", Assert.Single(await h.Store.DeliveriesAsync()).Status);

        await mail;
        var digest = Assert.Single(await h.Store.SentLogAsync("lao"));
        Assert.Equal("retrying", digest.Status);
        Assert.Contains("timed out after 2 s", digest.LastError ?? "");
        Assert.Single(h.Jobs.Scheduled(nameof(NotificationJobs.SendDigestAsync)));
        Assert.Empty(sink.Messages);
    }

    [Fact]
    public async Task Unsubscribe_StopsTheDigests_AndATamperedLinkDoesNothing()
    {
        await using var sink = new SmtpSink();
        await using var h = await NotificationHarness.CreateAsync("sqlite", o => (o.Smtp.Host, o.Smtp.Port) = ("127.0.0.1", sink.Port));
        var code = TestData.NewCode();
        await h.AddLaosAsync(TestData.Lao(code));
        var s = await h.SubscribeAsync("lao", "lao@example.go.th", "lao", null, code);
        var links = h.Services.GetRequiredService<UnsubscribeLinks>();
        var link = await links.LinkAsync(s.Id);
        var sig = System.Web.HttpUtility.ParseQueryString(link.Query)["sig"]!;
        Assert.False(await links.VerifyAsync(s.Id + 1, sig));
        Assert.False(await links.VerifyAsync(s.Id, sig[..^1] + (sig[^1] == '0' ? '1' : '0')));
        Assert.True(await links.VerifyAsync(s.Id, sig));
        Assert.True(await h.Store.UnsubscribeAsync(s.Id));

        await h.NightlyRunAsync((code, [Item("o1", VerdictStatus.Pass)], 2568, "ok"));
        await h.NightlyRunAsync((code, [Item("o1", VerdictStatus.Fail)], 2568, "ok"));
        await h.Runner.CollectAsync(CancellationToken.None);
        await h.RunJobsAsync();
        Assert.Empty(sink.Messages);
        Assert.Empty(await h.Store.SentLogAsync("lao"));
        Assert.NotNull((await h.Store.SubscriptionAsync("lao"))!.UnsubscribedAt);
    }
}
