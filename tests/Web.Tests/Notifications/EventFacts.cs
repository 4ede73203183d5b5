using Dapper;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Features.Notifications;
using PlanNacc.Web.Features.Overrides;
using PlanNacc.Web.Features.Plans;

namespace PlanNacc.Web.Tests.Notifications;

/// <summary>What the collector turns into events, each once, with a hand-set clock for the report calendar.</summary>
public sealed class EventFacts
{
    private static async Task AddPlanAsync(NotificationHarness h, string code)
    {
        await using var connection = await h.Database.OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO plans (dla_code, cycle, created_at, created_by) VALUES (@code, '2566-2570', @now, 'test')",
                new { code, now = DateTime.UtcNow });
    }

    [Fact]
    public async Task Calendar_RemindsOn30_7And1DaysBefore_ThenOnceOverdue_OnlyForRoundsNotSubmitted()
    {
        // Fiscal year 2569, round 1 (6 months) is due 30 April 2026 (Bangkok).
        await using var h = await NotificationHarness.CreateAsync("sqlite", now: new DateTimeOffset(2026, 3, 20, 2, 0, 0, TimeSpan.Zero));
        var (late, done) = (TestData.NewCode(), TestData.NewCode());
        await h.AddLaosAsync(TestData.Lao(late), TestData.Lao(done));
        await AddPlanAsync(h, late);
        await AddPlanAsync(h, done);
        await using (var connection = await h.Database.OpenAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO report_rounds (dla_code, fiscal_year, round, submitted_at, submitted_by) VALUES (@done, 2569, 1, @at, 'lao')",
                new { done, at = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc) });
        }

        var fired = new List<string>();
        // Twice a day (01:00 and 17:00 UTC: 08:00 and 00:00 the next day in Bangkok), 20 March to 10 May.
        var end = new DateTimeOffset(2026, 5, 10, 0, 0, 0, TimeSpan.Zero);
        for (var at = new DateTimeOffset(2026, 3, 20, 1, 0, 0, TimeSpan.Zero); at < end; at = at.AddHours(16))
        {
            h.Clock.Now = at;
            foreach (var id in await h.Collector.CollectCalendarAsync())
            {
                var e = (await h.Store.EventAsync(id))!;
                Assert.Equal(late, e.DlaCode);
                fired.Add($"{DateOnly.FromDateTime(at.UtcDateTime.AddHours(7)):MM-dd} {e.Type} {e.Data.DaysLeft}");
            }
        }
        Assert.Equal(["03-31 round-due 30", "04-23 round-due 7", "04-29 round-due 1", "05-01 round-overdue -1"], fired);
    }

    [Fact]
    public async Task Calendar_CatchesUpAMissedReminder_OnTheNextPass()
    {
        await using var h = await NotificationHarness.CreateAsync("sqlite", now: new DateTimeOffset(2026, 4, 25, 1, 0, 0, TimeSpan.Zero));
        var code = TestData.NewCode();
        await h.AddLaosAsync(TestData.Lao(code));
        await AddPlanAsync(h, code);
        var id = Assert.Single(await h.Collector.CollectCalendarAsync());
        var e = (await h.Store.EventAsync(id))!;
        Assert.Equal((EventTypes.RoundDue, 5), (e.Type, e.Data.DaysLeft));
        Assert.EndsWith(":7", e.EventKey);
        Assert.Empty(await h.Collector.CollectCalendarAsync());
    }

    [Fact]
    public async Task Collect_RaisesUnreachableStreaksNewYearItemsDecisionsAndReopenedRounds_EachOnce()
    {
        await using var h = await NotificationHarness.CreateAsync("sqlite", o => o.UnreachableNights = 3,
            now: new DateTimeOffset(DateTime.UtcNow));
        var (dark, renewed) = (TestData.NewCode(), TestData.NewCode());
        await h.AddLaosAsync(TestData.Lao(dark), TestData.Lao(renewed));
        var item = TestData.Item("o1", VerdictStatus.Pass);

        var nights = new List<long>
        {
            await h.NightlyRunAsync((dark, [item], 2568, "ok"), (renewed, [item, TestData.Item("o2", VerdictStatus.Fail)], 2568, "ok")),
        };
        for (var n = 0; n < 4; n++)
        {
            nights.Add(await h.NightlyRunAsync((dark, [], 2568, "unreachable")));
        }
        var types = new List<string>();
        foreach (var run in nights)
        {
            foreach (var id in await h.Collector.CollectRunAsync(run))
            {
                types.Add($"{run}:{(await h.Store.EventAsync(id))!.Type}");
            }
        }
        Assert.Equal([$"{nights[3]}:site-unreachable"], types);

        // The first scan against a new criteria year: only items new in that year that fail are news.
        var newYear = await h.NightlyRunAsync(
            (renewed, [item, TestData.Item("o2", VerdictStatus.Fail), TestData.Item("o40", VerdictStatus.Review, "แผนใหม่")], 2569, "ok"));
        var fresh = (await h.Store.EventAsync(Assert.Single(await h.Collector.CollectRunAsync(newYear))))!;
        Assert.Equal(EventTypes.NewYearFailing, fresh.Type);
        Assert.Equal(["o40"], fresh.Data.Items.Select(i => i.Code));
        Assert.Empty(await h.Collector.CollectRunAsync(newYear));

        // A province's decisions on an attestation and a reopened report round.
        var overrides = new OverrideStore(h.Database, h.Clock);
        await using (var connection = await h.Database.OpenAsync())
        {
            var ids = new List<long>();
            foreach (var code in new[] { "o2", "o3" })
            {
                ids.Add(await connection.ExecuteScalarAsync<long>(
                    """
                    INSERT INTO overrides (dla_code, item_code, criteria_year, url, reason, status, created_by, created_at)
                    VALUES (@renewed, @code, 2569, 'https://www.example.go.th/o2', 'มีแล้ว', 'pending', 'lao', @now) RETURNING id
                    """, new { renewed, code, now = DateTime.UtcNow }));
            }
            await overrides.ReviewAsync(ids[0], accept: true, "ถูกต้อง", "prov");
            await overrides.ReviewAsync(ids[1], accept: false, "<b>ไม่ใช่ปีนี้</b>", "prov");
            await connection.ExecuteAsync(
                """
                INSERT INTO report_rounds (dla_code, fiscal_year, round, submitted_at, submitted_by)
                VALUES (@renewed, 2569, 1, @now, 'lao')
                """,
                new { renewed, now = DateTime.UtcNow });
        }
        await new ReportStore(h.Database, h.Clock).ReopenAsync(renewed, 2569, 1, "แก้ตัวเลขงบประมาณ", "prov");
        var decided = new List<NotificationEvent>();
        foreach (var id in await h.Collector.CollectCalendarAsync())
        {
            decided.Add((await h.Store.EventAsync(id))!);
        }
        Assert.Equal([EventTypes.OverrideAccepted, EventTypes.OverrideRejected, EventTypes.RoundReopened],
            decided.Select(e => e.Type).Order(StringComparer.Ordinal));
        Assert.Equal("แก้ตัวเลขงบประมาณ", decided.Single(e => e.Type == EventTypes.RoundReopened).Data.Note);
        Assert.Empty(await h.Collector.CollectCalendarAsync());
    }
}
