using System.Globalization;
using Dapper;
using Hangfire;
using Microsoft.Extensions.Options;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Notifications;

/// <summary>
/// The Hangfire jobs: collect events (finished runs, the report calendar, decisions) and fan them out to webhooks and
/// after-run digests; the weekly digest; one job per mail and per webhook delivery, each retried with backoff on its own,
/// so a slow or dead SMTP server or webhook holds one worker for a bounded time and nothing else waits on it.
/// </summary>
public sealed class NotificationJobs(
    Database database,
    NotificationStore store,
    EventCollector collector,
    DigestRenderer renderer,
    UnsubscribeLinks links,
    MailSender mail,
    WebhookSender webhooks,
    IBackgroundJobClient jobs,
    IOptions<NotificationOptions> options,
    TimeProvider clock,
    ILogger<NotificationJobs> logger)
{
    public const string CollectJobId = "notifications-collect";
    public const string WeeklyJobId = "notifications-weekly";

    /// <summary>A digest claimed this long ago and still "sending" was cut off mid-send: its outcome is unknown.</summary>
    private static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(15);

    private NotificationOptions Settings => options.Value;

    /// <summary>The recurring collector: events of runs that finished, the calendar's, then webhooks and after-run digests.</summary>
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task CollectAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            var finished = (await connection.QueryAsync<(long Id, string Kind)>(new CommandDefinition(
                """
                SELECT id, kind FROM runs r
                WHERE finished_at IS NOT NULL AND finished_at >= @since
                    AND NOT EXISTS (SELECT 1 FROM notification_runs n WHERE n.run_id = r.id)
                ORDER BY id
                """, new { since = now.AddDays(-2) }, cancellationToken: cancellationToken))).ToList();
            await connection.CloseAsync();
            foreach (var (runId, kind) in finished)
            {
                await AfterRunAsync(runId, kind == "nightly", cancellationToken);
            }
        }
        await FanOutAsync(await collector.CollectCalendarAsync(cancellationToken), cancellationToken);
        await RequeueLostAsync(cancellationToken);
    }

    /// <summary>One finished run: its events, their webhook deliveries and (after a nightly run) the after-run digests.</summary>
    public async Task AfterRunAsync(long runId, bool nightly, CancellationToken cancellationToken)
    {
        await FanOutAsync(await collector.CollectRunAsync(runId, cancellationToken), cancellationToken);
        if (nightly)
        {
            await DigestsAsync(Frequencies.AfterRun, string.Create(CultureInfo.InvariantCulture, $"run:{runId}"), cancellationToken);
        }
        await store.MarkRunProcessedAsync(runId, cancellationToken);
    }

    /// <summary>The weekly digest (Monday 08:00 Bangkok), keyed by ISO week so a second run of the job sends nothing new.</summary>
    [AutomaticRetry(Attempts = 3)]
    public Task WeeklyAsync(CancellationToken cancellationToken)
    {
        var bangkok = clock.GetUtcNow().UtcDateTime.AddHours(7);
        var key = string.Create(CultureInfo.InvariantCulture, $"week:{ISOWeek.GetYear(bangkok)}-W{ISOWeek.GetWeekOfYear(bangkok):00}");
        return DigestsAsync(Frequencies.Weekly, key, cancellationToken);
    }

    /// <summary>
    /// One digest per subscription of <paramref name="frequency"/> with news in its reach and choice; the idempotency key
    /// (recipient, <paramref name="digestKey"/>) makes a repeated call store and send nothing more.
    /// </summary>
    public async Task DigestsAsync(string frequency, string digestKey, CancellationToken cancellationToken)
    {
        var upTo = await store.LastEventIdAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var s in await store.ActiveSubscriptionsAsync(frequency, cancellationToken))
        {
            if (s.LastEventId >= upTo)
            {
                continue;
            }
            var chosen = s.EventList.ToHashSet();
            var province = s.DlaCode is null ? s.Province : null;
            var events = (await store.EventsAfterAsync(s.LastEventId, upTo, s.DlaCode, province, cancellationToken))
                .Where(e => chosen.Contains(e.Type) && s.Covers(e)).ToList();
            if (events.Count == 0)
            {
                await store.AdvanceAsync(s.Id, upTo, cancellationToken);
                continue;
            }
            var rendered = renderer.Render(s, events, now, await links.LinkAsync(s.Id, cancellationToken));
            if (await store.AddDigestAsync(s, digestKey, upTo, rendered, events.Count, cancellationToken) is { } id)
            {
                jobs.Enqueue<NotificationJobs>(j => j.SendDigestAsync(id, CancellationToken.None));
            }
        }
    }

    /// <summary>
    /// Sends one stored digest. Only a pending or retrying digest is claimed, so it goes out at most once: a repeated job finds
    /// it sent; a send cut off after the message went out is recorded as uncertain, never sent again.
    /// </summary>
    [AutomaticRetry(Attempts = 5)]
    public async Task SendDigestAsync(long digestId, CancellationToken cancellationToken)
    {
        if (await store.DigestAsync(digestId, cancellationToken) is not { } digest)
        {
            return;
        }
        if (digest.Status == "sending" && digest.ClaimedAt < clock.GetUtcNow().UtcDateTime - StaleClaim)
        {
            await store.FinishDigestAsync(digestId, "uncertain", "cut off while sending (the process stopped); not sent again",
                cancellationToken);
            return;
        }
        if (!await store.ClaimDigestAsync(digestId, cancellationToken))
        {
            return;
        }
        var attempt = digest.Attempts + 1;
        try
        {
            var unsubscribe = await links.LinkAsync(digest.SubscriptionId, cancellationToken);
            var message = MailSender.Message(Settings.Smtp.From, digest.Email,
                new RenderedMail(digest.Subject, digest.TextBody, digest.HtmlBody, unsubscribe), $"{digest.Username}|{digest.DigestKey}");
            await mail.SendAsync(message, cancellationToken);
            await store.FinishDigestAsync(digestId, "sent", null, cancellationToken);
        }
        catch (MailSendException e) when (e.Uncertain)
        {
            logger.LogWarning("digest {Id} to {User}: {Reason}; not sent again", digestId, digest.Username, e.Message);
            await store.FinishDigestAsync(digestId, "uncertain", e.Message, cancellationToken);
        }
        catch (Exception e) when (e is MailSendException or FormatException or MimeKit.ParseException)
        {
            var last = attempt >= Settings.MaxAttempts || e is not MailSendException;
            logger.LogWarning("digest {Id} to {User}, attempt {Attempt}: {Reason}", digestId, digest.Username, attempt, e.Message);
            await store.FinishDigestAsync(digestId, last ? "failed" : "retrying", $"attempt {attempt}: {e.Message}", cancellationToken);
            if (!last)
            {
                jobs.Schedule<NotificationJobs>(j => j.SendDigestAsync(digestId, CancellationToken.None), Delay(attempt));
            }
        }
    }

    /// <summary>New events to every webhook whose reach covers them, one delivery job each.</summary>
    public async Task FanOutAsync(IReadOnlyList<long> eventIds, CancellationToken cancellationToken)
    {
        if (eventIds.Count == 0)
        {
            return;
        }
        var hooks = await store.WebhooksAsync(cancellationToken);
        if (hooks.Count == 0)
        {
            return;
        }
        foreach (var eventId in eventIds)
        {
            if (await store.EventAsync(eventId, cancellationToken) is not { } e)
            {
                continue;
            }
            foreach (var hook in hooks.Where(h => h.Covers(e)))
            {
                if (await store.AddDeliveryAsync(hook.Id, eventId, cancellationToken) is { } deliveryId)
                {
                    jobs.Enqueue<NotificationJobs>(j => j.DeliverAsync(deliveryId, CancellationToken.None));
                }
            }
        }
    }

    /// <summary>One webhook delivery attempt; a 5xx, timeout, redirect or network failure is tried again after a longer pause.</summary>
    [AutomaticRetry(Attempts = 5)]
    public async Task DeliverAsync(long deliveryId, CancellationToken cancellationToken)
    {
        if (await store.DeliveryAsync(deliveryId, cancellationToken) is not { } delivery
            || await store.WebhookAsync(delivery.WebhookId, cancellationToken) is not { } hook
            || await store.EventAsync(delivery.EventId, cancellationToken) is not { } e)
        {
            return;
        }
        if (!await store.ClaimDeliveryAsync(deliveryId, cancellationToken))
        {
            return;
        }
        var attempt = delivery.Attempts + 1;
        var secret = hook.Secret ?? Settings.Webhooks.Secret;
        if (string.IsNullOrEmpty(secret))
        {
            await store.FinishDeliveryAsync(deliveryId, "failed", null,
                "no secret: set one on the webhook or Notifications:Webhooks:Secret", cancellationToken);
            return;
        }
        var result = await webhooks.PostAsync(hook.Url, secret, Body(e), cancellationToken);
        if (result.Delivered)
        {
            await store.FinishDeliveryAsync(deliveryId, "delivered", result.StatusCode, null, cancellationToken);
            return;
        }
        var last = !result.Retry || attempt >= Settings.MaxAttempts;
        await store.FinishDeliveryAsync(deliveryId, last ? "failed" : "retrying", result.StatusCode, $"attempt {attempt}: {result.Error}",
            cancellationToken);
        if (!last)
        {
            jobs.Schedule<NotificationJobs>(j => j.DeliverAsync(deliveryId, CancellationToken.None), Delay(attempt));
        }
    }

    /// <summary>The JSON a webhook receives: the event, a Thai and an English line ready for a chat, and a dashboard link.</summary>
    public string Body(NotificationEvent e)
    {
        var (th, _, link) = renderer.Describe(e, en: false);
        var (en, _, _) = renderer.Describe(e, en: true);
        return Json.Serialize(new
        {
            id = e.Id,
            type = e.Type,
            occurredAt = e.OccurredAt,
            dlaCode = e.DlaCode,
            province = e.Province,
            laoName = e.Data.LaoName,
            text = new { th = $"{e.Data.LaoName}: {th}", en = $"{e.Data.LaoName}: {en}" },
            link = link?.AbsoluteUri,
            data = e.Data,
        });
    }

    /// <summary>
    /// Digests and deliveries whose job was lost (stored but never enqueued, a retry never scheduled, a process that stopped
    /// mid-attempt) get their job again. Claiming is atomic, so a job that was only late still runs once.
    /// </summary>
    private async Task RequeueLostAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var before = now - StaleClaim;
        var retryBefore = before - TimeSpan.FromSeconds(Settings.RetryDelays.Max());
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var id in await connection.QueryAsync<long>(new CommandDefinition(
            """
            SELECT id FROM notification_digests
            WHERE (status = 'pending' AND attempts = 0 AND created_at < @before) OR (status = 'sending' AND claimed_at < @before)
               OR (status = 'retrying' AND claimed_at < @retryBefore)
            """,
            new { before, retryBefore }, cancellationToken: cancellationToken)))
        {
            jobs.Enqueue<NotificationJobs>(j => j.SendDigestAsync(id, CancellationToken.None));
        }
        foreach (var id in await connection.QueryAsync<long>(new CommandDefinition(
            """
            SELECT id FROM webhook_deliveries
            WHERE (status = 'pending' AND attempts = 0 AND created_at < @before)
               OR (status = 'delivering' AND attempted_at < @before) OR (status = 'retrying' AND attempted_at < @retryBefore)
            """,
            new { before, retryBefore }, cancellationToken: cancellationToken)))
        {
            jobs.Enqueue<NotificationJobs>(j => j.DeliverAsync(id, CancellationToken.None));
        }
    }

    private TimeSpan Delay(int attempt) =>
        TimeSpan.FromSeconds(Settings.RetryDelays[Math.Clamp(attempt - 1, 0, Settings.RetryDelays.Count - 1)]);
}
