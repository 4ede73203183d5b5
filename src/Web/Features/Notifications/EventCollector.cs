using Dapper;
using Microsoft.Extensions.Options;
using PlanNacc.Web.Features.Plans;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Scans;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Notifications;

/// <summary>
/// Turns what the database already records into events, each once (by key): a finished run's scans compared with each LAO's
/// previous scan, the report calendar against the rounds not submitted, and the province's recent decisions. Reading state
/// instead of hooking every writer means a missed moment (a restart, a job that ran late) is caught up on the next pass.
/// </summary>
public sealed class EventCollector(Database database, NotificationStore store, IOptions<NotificationOptions> options, TimeProvider clock)
{
    /// <summary>Statuses that mean the site itself could not be read (not robots.txt, not our own failure).</summary>
    private static readonly ScanStatus[] UnreachableStatuses = [ScanStatus.Unreachable, ScanStatus.Timeout, ScanStatus.CertificateInvalid];

    /// <summary>Due-date reminders: each fires once, on the first pass at or inside its threshold (so a missed day is caught up).</summary>
    public static readonly int[] ReminderDays = [30, 7, 1];

    /// <summary>Decisions older than this are not turned into events (a first start does not replay the past).</summary>
    private static readonly TimeSpan DecisionWindow = TimeSpan.FromDays(14);

    /// <summary>Events of one finished run's scans; the ids of the events recorded now.</summary>
    public async Task<IReadOnlyList<long>> CollectRunAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var scans = (await connection.QueryAsync<ScanRow>(new CommandDefinition(
            """
            SELECT s.id, s.dla_code, s.status AS status_name, s.reason, s.criteria_year, l.type, l.name, l.province,
                (SELECT max(p.id) FROM site_scans p WHERE p.dla_code = s.dla_code AND p.id < s.id) AS previous_id
            FROM site_scans s JOIN laos l ON l.dla_code = s.dla_code
            WHERE s.run_id = @runId ORDER BY s.id
            """, new { runId }, cancellationToken: cancellationToken))).ToList();
        var added = new List<long>();
        foreach (var scan in scans)
        {
            var lao = new EventData
            {
                LaoName = LaoTypes.DisplayName(scan.Type, scan.Name), ScanId = scan.Id, CriteriaYear = scan.CriteriaYear,
            };
            if (scan.PreviousId is { } previousId && scan.CriteriaYear is { } year)
            {
                var previousYear = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
                    "SELECT criteria_year FROM site_scans WHERE id = @previousId", new { previousId },
                    cancellationToken: cancellationToken));
                if (previousYear == year)
                {
                    var lost = await connection.QueryAsync<EventItem>(new CommandDefinition(
                        """
                        SELECT c.code, p.status AS "from", c.status AS "to"
                        FROM item_results c JOIN item_results p ON p.scan_id = @previousId AND p.code = c.code
                        WHERE c.scan_id = @scanId AND p.status = 'pass' AND c.status IN ('fail', 'review')
                        ORDER BY c.code
                        """, new { previousId, scanId = scan.Id }, cancellationToken: cancellationToken));
                    await AddAsync(added, $"{EventTypes.ItemsLost}:{scan.Id}", EventTypes.ItemsLost, scan,
                        lao with { Items = await TitledAsync(connection, scan.Id, lost, cancellationToken) }, cancellationToken);
                }
                else if (previousYear < year)
                {
                    var fresh = await connection.QueryAsync<EventItem>(new CommandDefinition(
                        """
                        SELECT c.code, c.status AS "to" FROM item_results c
                        WHERE c.scan_id = @scanId AND c.status IN ('fail', 'review')
                          AND NOT EXISTS (SELECT 1 FROM item_results p WHERE p.scan_id = @previousId AND p.code = c.code)
                        ORDER BY c.code
                        """, new { previousId, scanId = scan.Id }, cancellationToken: cancellationToken));
                    await AddAsync(added, $"{EventTypes.NewYearFailing}:{scan.Id}", EventTypes.NewYearFailing, scan,
                        lao with { Items = await TitledAsync(connection, scan.Id, fresh, cancellationToken) }, cancellationToken);
                }
            }
            if (UnreachableStatuses.Contains(scan.Status))
            {
                await UnreachableAsync(connection, scan, lao, added, cancellationToken);
            }
        }
        return added;
    }

    /// <summary>The items with their titles, which the scan's stored verdict holds (the item rows keep code and status only).</summary>
    private static async Task<List<EventItem>> TitledAsync(
        System.Data.Common.DbConnection connection, long scanId, IEnumerable<EventItem> items, CancellationToken cancellationToken)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return list;
        }
        var verdict = await Scans.StoredVerdict.ReadAsync(connection, scanId, cancellationToken);
        var titles = (verdict?.Items ?? []).ToDictionary(i => i.Code, StringComparer.Ordinal);
        return list.Select(i => titles.TryGetValue(i.Code, out var v) ? i with { Title = v.Title, TitleEn = v.TitleEn } : i).ToList();
    }

    /// <summary>A streak of nightly scans that could not read the site; one event per streak, when it reaches the setting.</summary>
    private async Task UnreachableAsync(
        System.Data.Common.DbConnection connection, ScanRow scan, EventData lao, List<long> added, CancellationToken cancellationToken)
    {
        var nights = Math.Max(1, options.Value.UnreachableNights);
        var recent = (await connection.QueryAsync<(long Id, string StatusName)>(new CommandDefinition(
            """
            SELECT s.id, s.status FROM site_scans s JOIN runs r ON r.id = s.run_id
            WHERE s.dla_code = @dlaCode AND s.id <= @scanId AND r.kind = 'nightly'
            ORDER BY s.id DESC LIMIT @limit
            """, new { dlaCode = scan.DlaCode, scanId = scan.Id, limit = nights + 1 }, cancellationToken: cancellationToken))).ToList();
        var streak = recent.TakeWhile(r => UnreachableStatuses.Contains(ScanStatuses.Parse(r.StatusName))).ToList();
        if (streak.Count == nights)
        {
            // Keyed by the streak's first scan: the streak raises one event however long it lasts.
            await AddAsync(added, $"{EventTypes.SiteUnreachable}:{scan.DlaCode}:{streak[^1].Id}", EventTypes.SiteUnreachable, scan,
                lao with { Nights = nights, Reason = scan.Reason }, cancellationToken);
        }
    }

    /// <summary>Due, overdue, reopened rounds and decided overrides as of now; the ids of the events recorded now.</summary>
    public async Task<IReadOnlyList<long>> CollectCalendarAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ReportCalendar.BangkokDay(now);
        var added = new List<long>();
        await using var connection = await database.OpenAsync(cancellationToken);
        // LAOs that keep their plan in PlanNacc are the ones that file its reports here.
        var laos = (await connection.QueryAsync<LaoRow>(new CommandDefinition(
            """
            SELECT DISTINCT l.dla_code, l.type, l.name, l.province FROM laos l JOIN plans p ON p.dla_code = l.dla_code ORDER BY l.dla_code
            """, cancellationToken: cancellationToken))).ToList();
        var fiscalYear = ReportCalendar.FiscalYearOf(now);
        // Every pass inside a reminder window meets the same LAOs again: skip keys already recorded without a write each.
        var known = await store.RecentKeysAsync([EventTypes.RoundDue, EventTypes.RoundOverdue], now.AddDays(-60), cancellationToken);
        foreach (var (year, round) in new[] { (fiscalYear - 1, 2), (fiscalYear, 1), (fiscalYear, 2) })
        {
            var due = ReportCalendar.Due(year, round);
            var daysLeft = due.DayNumber - today.DayNumber;
            var submitted = (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT dla_code FROM report_rounds WHERE fiscal_year = @year AND round = @round AND submitted_at IS NOT NULL",
                new { year, round }, cancellationToken: cancellationToken))).ToHashSet();
            foreach (var lao in laos.Where(l => !submitted.Contains(l.DlaCode)))
            {
                var data = new EventData
                {
                    LaoName = LaoTypes.DisplayName(lao.Type, lao.Name), FiscalYear = year, Round = round,
                    Due = due.ToString("O"), DaysLeft = daysLeft,
                };
                // The nearest threshold not yet passed: "30 days" fires on any pass from day 30 to day 8, "7" from 7 to 2, "1" on the eve.
                var threshold = ReminderDays.Where(d => daysLeft >= 1 && daysLeft <= d).DefaultIfEmpty(0).Min();
                var (type, key) = threshold > 0 ? (EventTypes.RoundDue, $"{EventTypes.RoundDue}:{lao.DlaCode}:{year}:{round}:{threshold}")
                    : daysLeft is < 0 and >= -14 ? (EventTypes.RoundOverdue, $"{EventTypes.RoundOverdue}:{lao.DlaCode}:{year}:{round}")
                    : (null, null);
                if (type is not null && key is not null && !known.Contains(key))
                {
                    await AddAsync(added, key, type, lao.DlaCode, lao.Province, data, cancellationToken);
                }
            }
        }

        var since = now - DecisionWindow;
        var reopened = await connection.QueryAsync<ReopenRow>(new CommandDefinition(
            """
            SELECT r.dla_code, r.fiscal_year, r.round, r.reopened_at, r.reopened_by, r.reopen_reason, l.type, l.name, l.province
            FROM report_rounds r JOIN laos l ON l.dla_code = r.dla_code WHERE r.reopened_at >= @since ORDER BY r.reopened_at
            """, new { since }, cancellationToken: cancellationToken));
        foreach (var r in reopened)
        {
            var key = $"{EventTypes.RoundReopened}:{r.DlaCode}:{r.FiscalYear}:{r.Round}:{r.ReopenedAt.AsUtc().Ticks}";
            await AddAsync(added, key, EventTypes.RoundReopened,
                r.DlaCode, r.Province, new EventData
                {
                    LaoName = LaoTypes.DisplayName(r.Type, r.Name), FiscalYear = r.FiscalYear, Round = r.Round,
                    Due = ReportCalendar.Due(r.FiscalYear, r.Round).ToString("O"), Note = r.ReopenReason, By = r.ReopenedBy,
                }, cancellationToken);
        }
        var decided = await connection.QueryAsync<DecisionRow>(new CommandDefinition(
            """
            SELECT o.id, o.dla_code, o.item_code, o.criteria_year, o.status, o.reviewed_by, o.review_note, l.type, l.name, l.province
            FROM overrides o JOIN laos l ON l.dla_code = o.dla_code
            WHERE o.status IN ('accepted', 'rejected') AND o.reviewed_at >= @since ORDER BY o.reviewed_at
            """, new { since }, cancellationToken: cancellationToken));
        foreach (var d in decided)
        {
            var type = d.Status == "accepted" ? EventTypes.OverrideAccepted : EventTypes.OverrideRejected;
            await AddAsync(added, $"{type}:{d.Id}", type, d.DlaCode, d.Province, new EventData
            {
                LaoName = LaoTypes.DisplayName(d.Type, d.Name), ItemCode = d.ItemCode, CriteriaYear = d.CriteriaYear,
                Note = d.ReviewNote, By = d.ReviewedBy,
            }, cancellationToken);
        }
        return added;
    }

    private Task AddAsync(List<long> added, string key, string type, ScanRow scan, EventData data, CancellationToken cancellationToken) =>
        data.Items.Count == 0 && type is EventTypes.ItemsLost or EventTypes.NewYearFailing
            ? Task.CompletedTask
            : AddAsync(added, key, type, scan.DlaCode, scan.Province, data, cancellationToken);

    private async Task AddAsync(
        List<long> added, string key, string type, string dlaCode, string province, EventData data, CancellationToken cancellationToken)
    {
        if (await store.AddEventAsync(key, type, dlaCode, province, data, cancellationToken) is { } id)
        {
            added.Add(id);
        }
    }

    private sealed record ScanRow
    {
        public long Id { get; init; }
        public string DlaCode { get; init; } = "";
        public ScanStatus Status { get; init; }
        public string StatusName { init => Status = ScanStatuses.Parse(value); }
        public string? Reason { get; init; }
        public int? CriteriaYear { get; init; }
        public string Type { get; init; } = "";
        public string Name { get; init; } = "";
        public string Province { get; init; } = "";
        public long? PreviousId { get; init; }
    }

    private sealed record LaoRow
    {
        public string DlaCode { get; init; } = "";
        public string Type { get; init; } = "";
        public string Name { get; init; } = "";
        public string Province { get; init; } = "";
    }

    private sealed record ReopenRow
    {
        public string DlaCode { get; init; } = "";
        public int FiscalYear { get; init; }
        public int Round { get; init; }
        public DateTime ReopenedAt { get; init; }
        public string? ReopenedBy { get; init; }
        public string? ReopenReason { get; init; }
        public string Type { get; init; } = "";
        public string Name { get; init; } = "";
        public string Province { get; init; } = "";
    }

    private sealed record DecisionRow
    {
        public long Id { get; init; }
        public string DlaCode { get; init; } = "";
        public string ItemCode { get; init; } = "";
        public int CriteriaYear { get; init; }
        public string Status { get; init; } = "";
        public string? ReviewedBy { get; init; }
        public string? ReviewNote { get; init; }
        public string Type { get; init; } = "";
        public string Name { get; init; } = "";
        public string Province { get; init; } = "";
    }
}
