using System.Security.Cryptography;
using Dapper;
using PlanNacc.Web.Storage;

namespace PlanNacc.Web.Features.Notifications;

public sealed record Subscription
{
    public long Id { get; init; }
    public string Username { get; init; } = "";
    public string Email { get; init; } = "";
    public string Role { get; init; } = "";
    public string? Province { get; init; }
    public string? DlaCode { get; init; }
    public string Language { get; init; } = "th";
    public string Frequency { get; init; } = Frequencies.AfterRun;
    public string Events { get; init; } = string.Join(',', EventTypes.All);
    public bool Enabled { get; init; } = true;
    public long LastEventId { get; init; }
    public DateTime? UnsubscribedAt { get; init => field = value.AsUtc(); }

    public IReadOnlyList<string> EventList => Events.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool English => Language == "en";

    /// <summary>An LAO account hears of its LAO, a province officer of the province, an admin of the country.</summary>
    public bool Covers(NotificationEvent e) =>
        DlaCode is not null ? e.DlaCode == DlaCode : Province is null || e.Province == Province;
}

public static class Frequencies
{
    public const string AfterRun = "after-run";
    public const string Weekly = "weekly";
}

/// <summary>A digest as the sent log shows it (the mail itself stays in the row).</summary>
public sealed record DigestRow
{
    public long Id { get; init; }
    public long SubscriptionId { get; init; }
    public string Username { get; init; } = "";
    public string Email { get; init; } = "";
    public string DigestKey { get; init; } = "";
    public string Subject { get; init; } = "";
    public string TextBody { get; init; } = "";
    public string HtmlBody { get; init; } = "";
    public int EventCount { get; init; }
    public string Status { get; init; } = "";
    public int Attempts { get; init; }
    public string? LastError { get; init; }
    public DateTime CreatedAt { get; init => field = value.AsUtc(); }
    public DateTime? ClaimedAt { get; init => field = value.AsUtc(); }
    public DateTime? SentAt { get; init => field = value.AsUtc(); }
}

public sealed record Webhook
{
    public long Id { get; init; }
    public string Url { get; init; } = "";
    public string? Province { get; init; }
    public string? Secret { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTime CreatedAt { get; init => field = value.AsUtc(); }

    public bool Covers(NotificationEvent e) => Province is null || e.Province == Province;
}

public sealed record DeliveryRow
{
    public long Id { get; init; }
    public long WebhookId { get; init; }
    public string Url { get; init; } = "";
    public long EventId { get; init; }
    public string EventType { get; init; } = "";
    public string Status { get; init; } = "";
    public int Attempts { get; init; }
    public int? LastStatusCode { get; init; }
    public string? LastError { get; init; }
    public DateTime CreatedAt { get; init => field = value.AsUtc(); }
    public DateTime? DeliveredAt { get; init => field = value.AsUtc(); }
}

/// <summary>Subscriptions, events, digests (the sent log), webhooks and their deliveries.</summary>
public sealed class NotificationStore(Database database, TimeProvider clock)
{
    private const string SubscriptionColumns =
        "id, username, email, role, province, dla_code, language, frequency, events, enabled, last_event_id, unsubscribed_at";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Subscription?> SubscriptionAsync(string username, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Subscription>(new CommandDefinition(
            $"SELECT {SubscriptionColumns} FROM notification_subscriptions WHERE username = @username",
            new { username }, cancellationToken: cancellationToken));
    }

    public async Task<Subscription?> SubscriptionAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Subscription>(new CommandDefinition(
            $"SELECT {SubscriptionColumns} FROM notification_subscriptions WHERE id = @id", new { id },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<Subscription>> ActiveSubscriptionsAsync(string frequency, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Subscription>(new CommandDefinition(
            $"SELECT {SubscriptionColumns} FROM notification_subscriptions WHERE enabled = @yes AND frequency = @frequency ORDER BY id",
            new { yes = true, frequency }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>
    /// Creates or replaces the account's subscription. A new one starts after the events already recorded, so the first mail
    /// is news, not the history.
    /// </summary>
    public async Task<Subscription> SaveSubscriptionAsync(Subscription s, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var now = Now;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO notification_subscriptions (username, email, role, province, dla_code, language, frequency, events, enabled,
                last_event_id, created_at, updated_at, unsubscribed_at)
            VALUES (@Username, @Email, @Role, @Province, @DlaCode, @Language, @Frequency, @Events, @Enabled,
                (SELECT coalesce(max(id), 0) FROM notification_events), @now, @now, NULL)
            ON CONFLICT (username) DO UPDATE SET email = excluded.email, role = excluded.role, province = excluded.province,
                dla_code = excluded.dla_code, language = excluded.language, frequency = excluded.frequency, events = excluded.events,
                enabled = excluded.enabled, updated_at = excluded.updated_at,
                unsubscribed_at = CASE WHEN excluded.enabled THEN NULL ELSE notification_subscriptions.unsubscribed_at END
            """,
            new { s.Username, s.Email, s.Role, s.Province, s.DlaCode, s.Language, s.Frequency, s.Events, s.Enabled, now },
            cancellationToken: cancellationToken));
        return (await SubscriptionAsync(s.Username, cancellationToken))!;
    }

    /// <summary>The one-click unsubscribe: turns the subscription off; true when it was on.</summary>
    public async Task<bool> UnsubscribeAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE notification_subscriptions SET enabled = @no, unsubscribed_at = @now, updated_at = @now
            WHERE id = @id AND enabled = @yes
            """,
            new { id, now = Now, no = false, yes = true }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Records an event once (by its key); the new event's id, or null when it was recorded before.</summary>
    public async Task<long?> AddEventAsync(
        string key, string type, string? dlaCode, string? province, EventData data, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO notification_events (event_key, type, dla_code, province, occurred_at, data_json)
            VALUES (@key, @type, @dlaCode, @province, @now, @data)
            ON CONFLICT (event_key) DO NOTHING
            RETURNING id
            """,
            new { key, type, dlaCode, province, now = Now, data = Json.Serialize(data) }, cancellationToken: cancellationToken));
    }

    /// <summary>Events after <paramref name="afterId"/> up to <paramref name="upToId"/>, of one LAO or one province when given.</summary>
    public async Task<IReadOnlyList<NotificationEvent>> EventsAfterAsync(
        long afterId, long upToId, string? dlaCode = null, string? province = null,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var reach = dlaCode is not null ? "AND dla_code = @dlaCode" : province is not null ? "AND province = @province" : "";
        return (await connection.QueryAsync<NotificationEvent>(new CommandDefinition(
            $"""
            SELECT id, event_key, type, dla_code, province, occurred_at, data_json FROM notification_events
            WHERE id > @afterId AND id <= @upToId {reach} ORDER BY id
            """, new { afterId, upToId, dlaCode, province }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Keys of events of these types recorded since <paramref name="since"/> (what a pass need not record again).</summary>
    public async Task<IReadOnlySet<string>> RecentKeysAsync(
        IReadOnlyList<string> types, DateTime since, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            // Not "IN @types": Dapper expands a list on SQLite but sends a PostgreSQL array on Npgsql.
            $"""
            SELECT event_key FROM notification_events
            WHERE occurred_at >= @since AND type IN ({string.Join(", ", types.Select((_, i) => $"@t{i}"))})
            """,
            Parameters(types, since), cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
    }

    private static DynamicParameters Parameters(IReadOnlyList<string> types, DateTime since)
    {
        var parameters = new DynamicParameters(new { since });
        for (var i = 0; i < types.Count; i++)
        {
            parameters.Add($"t{i}", types[i]);
        }
        return parameters;
    }

    public async Task<NotificationEvent?> EventAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<NotificationEvent>(new CommandDefinition(
            "SELECT id, event_key, type, dla_code, province, occurred_at, data_json FROM notification_events WHERE id = @id",
            new { id }, cancellationToken: cancellationToken));
    }

    public async Task<long> LastEventIdAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT coalesce(max(id), 0) FROM notification_events", cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Stores a digest under its idempotency key (recipient and digest) and moves the subscription past its events, in one
    /// transaction: the digest's id, or null when this recipient already has this digest (a retried or repeated job).
    /// </summary>
    public async Task<long?> AddDigestAsync(
        Subscription s, string digestKey, long upToEventId, RenderedMail mail, int eventCount,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO notification_digests (subscription_id, username, email, digest_key, subject, text_body, html_body, event_count,
                status, attempts, created_at)
            VALUES (@subscriptionId, @username, @email, @digestKey, @subject, @text, @html, @eventCount, 'pending', 0, @now)
            ON CONFLICT (username, digest_key) DO NOTHING
            RETURNING id
            """,
            new
            {
                subscriptionId = s.Id, username = s.Username, email = s.Email, digestKey, subject = mail.Subject, text = mail.Text,
                html = mail.Html, eventCount, now = Now,
            }, transaction, cancellationToken: cancellationToken));
        if (id is not null)
        {
            await AdvanceAsync(connection, transaction, s.Id, upToEventId, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>Moves a subscription past events that made no mail (none in its reach or choice).</summary>
    public async Task AdvanceAsync(long subscriptionId, long upToEventId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await AdvanceAsync(connection, null, subscriptionId, upToEventId, cancellationToken);
    }

    private static Task AdvanceAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction,
        long subscriptionId, long upToEventId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE notification_subscriptions SET last_event_id = @upToEventId
            WHERE id = @subscriptionId AND last_event_id < @upToEventId
            """,
            new { subscriptionId, upToEventId }, transaction, cancellationToken: cancellationToken));

    public async Task<DigestRow?> DigestAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DigestRow>(new CommandDefinition(
            "SELECT * FROM notification_digests WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Claims a digest for one attempt: only a pending or retrying digest can be claimed, so a digest that was sent, or whose
    /// sending was cut off with the outcome unknown, is never sent again (at most once).
    /// </summary>
    public async Task<bool> ClaimDigestAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE notification_digests SET status = 'sending', attempts = attempts + 1, claimed_at = @now
            WHERE id = @id AND status IN ('pending', 'retrying')
            """, new { id, now = Now }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Ends an attempt; a success keeps the earlier attempts' last error, so the log shows what it took.</summary>
    public async Task FinishDigestAsync(long id, string status, string? error, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE notification_digests SET status = @status, last_error = coalesce(@error, last_error),
                sent_at = CASE WHEN @status = 'sent' THEN @now ELSE sent_at END
            WHERE id = @id
            """, new { id, status, error, now = Now }, cancellationToken: cancellationToken));
    }

    /// <summary>The sent log: the latest digests, of one account or of all.</summary>
    public async Task<IReadOnlyList<DigestRow>> SentLogAsync(
        string? username, int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<DigestRow>(new CommandDefinition(
            """
            SELECT id, subscription_id, username, email, digest_key, subject, '' AS text_body, '' AS html_body, event_count, status,
                attempts, last_error, created_at, claimed_at, sent_at
            FROM notification_digests WHERE (@username IS NULL OR username = @username) ORDER BY id DESC LIMIT @limit
            """, new { username, limit }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<bool> RunProcessedAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM notification_runs WHERE run_id = @runId", new { runId }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task MarkRunProcessedAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO notification_runs (run_id, processed_at) VALUES (@runId, @now) ON CONFLICT (run_id) DO NOTHING",
            new { runId, now = Now }, cancellationToken: cancellationToken));
    }

    public async Task<Webhook> AddWebhookAsync(
        string url, string? province, string? secret, string actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO notification_webhooks (url, province, secret, created_by, created_at)
            VALUES (@url, @province, @secret, @actor, @now) RETURNING id
            """, new { url, province, secret, actor, now = Now }, transaction, cancellationToken: cancellationToken));
        await new AuditLog(connection, transaction).WriteAsync(actor, "webhook-add", "notification_webhook",
            id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            null, new { url, province, ownSecret = secret is not null }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await WebhooksAsync(cancellationToken)).Single(w => w.Id == id);
    }

    public async Task<bool> RemoveWebhookAsync(long id, string actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE notification_webhooks SET removed_at = @now WHERE id = @id AND removed_at IS NULL",
            new { id, now = Now }, transaction, cancellationToken: cancellationToken)) > 0;
        if (changed)
        {
            await new AuditLog(connection, transaction).WriteAsync(actor, "webhook-remove", "notification_webhook",
                id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, null, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    public async Task<IReadOnlyList<Webhook>> WebhooksAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Webhook>(new CommandDefinition(
            "SELECT id, url, province, secret, created_by, created_at FROM notification_webhooks WHERE removed_at IS NULL ORDER BY id",
            cancellationToken: cancellationToken))).ToList();
    }

    public async Task<Webhook?> WebhookAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Webhook>(new CommandDefinition(
            "SELECT id, url, province, secret, created_by, created_at FROM notification_webhooks WHERE id = @id",
            new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>A delivery of one event to one webhook, once; the new delivery's id, or null when it exists.</summary>
    public async Task<long?> AddDeliveryAsync(long webhookId, long eventId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO webhook_deliveries (webhook_id, event_id, status, attempts, created_at)
            VALUES (@webhookId, @eventId, 'pending', 0, @now)
            ON CONFLICT (webhook_id, event_id) DO NOTHING
            RETURNING id
            """, new { webhookId, eventId, now = Now }, cancellationToken: cancellationToken));
    }

    public async Task<DeliveryRow?> DeliveryAsync(long id, CancellationToken cancellationToken = default) =>
        (await DeliveriesAsync(id, 1, cancellationToken)).SingleOrDefault();

    /// <summary>The delivery log (latest first), or one delivery.</summary>
    public async Task<IReadOnlyList<DeliveryRow>> DeliveriesAsync(
        long? id = null, int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<DeliveryRow>(new CommandDefinition(
            """
            SELECT d.id, d.webhook_id, w.url, d.event_id, e.type AS event_type, d.status, d.attempts, d.last_status_code, d.last_error,
                d.created_at, d.delivered_at
            FROM webhook_deliveries d JOIN notification_webhooks w ON w.id = d.webhook_id JOIN notification_events e ON e.id = d.event_id
            WHERE (@id IS NULL OR d.id = @id) ORDER BY d.id DESC LIMIT @limit
            """, new { id, limit }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Starts an attempt; false when the delivery is already delivered or given up (a repeated job).</summary>
    public async Task<bool> ClaimDeliveryAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE webhook_deliveries SET status = 'delivering', attempts = attempts + 1, attempted_at = @now
            WHERE id = @id AND status IN ('pending', 'retrying', 'delivering')
            """, new { id, now = Now }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task FinishDeliveryAsync(
        long id, string status, int? statusCode, string? error, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE webhook_deliveries SET status = @status, last_status_code = @statusCode, last_error = coalesce(@error, last_error),
                delivered_at = CASE WHEN @status = 'delivered' THEN @now ELSE delivered_at END
            WHERE id = @id
            """, new { id, status, statusCode, error, now = Now }, cancellationToken: cancellationToken));
    }

    /// <summary>A random key made once per database (shared by every process), e.g. the unsubscribe links' signing key.</summary>
    public async Task<byte[]> KeyAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO notification_keys (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING",
            new { name, value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }, cancellationToken: cancellationToken));
        return Convert.FromBase64String(await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT value FROM notification_keys WHERE name = @name", new { name }, cancellationToken: cancellationToken)) ?? "");
    }
}
