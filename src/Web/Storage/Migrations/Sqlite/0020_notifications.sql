-- Notifications (issue 16): who hears of what, what happened, what was sent and delivered. Times are UTC.
-- One subscription per account; its reach (LAO, province, country) is copied from the account when it is saved.
CREATE TABLE notification_subscriptions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    username        TEXT NOT NULL UNIQUE,
    email           TEXT NOT NULL,
    role            TEXT NOT NULL,
    province        TEXT NULL,
    dla_code        TEXT NULL,
    language        TEXT NOT NULL CHECK (language IN ('th', 'en')),
    frequency       TEXT NOT NULL CHECK (frequency IN ('after-run', 'weekly')),
    events          TEXT NOT NULL,
    enabled         INTEGER NOT NULL DEFAULT 1,
    last_event_id   INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    unsubscribed_at TEXT NULL
);

-- Each event once: its key names what it is about (a scan, a round and a threshold, an override decision).
CREATE TABLE notification_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    event_key   TEXT NOT NULL UNIQUE,
    type        TEXT NOT NULL,
    dla_code    TEXT NULL,
    province    TEXT NULL,
    occurred_at TEXT NOT NULL,
    data_json   TEXT NOT NULL
);
-- A digest reads the events after its subscription's watermark within its reach (an LAO, a province).
CREATE INDEX ix_notification_events_province ON notification_events (province, id);
CREATE INDEX ix_notification_events_lao ON notification_events (dla_code, id);

-- Finished runs whose scans were turned into events.
CREATE TABLE notification_runs (
    run_id       INTEGER PRIMARY KEY,
    processed_at TEXT NOT NULL
);

-- One row per recipient and digest (the idempotency key): the rendered mail and what became of it (the sent log).
CREATE TABLE notification_digests (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    subscription_id INTEGER NOT NULL REFERENCES notification_subscriptions (id),
    username        TEXT NOT NULL,
    email           TEXT NOT NULL,
    digest_key      TEXT NOT NULL,
    subject         TEXT NOT NULL,
    text_body       TEXT NOT NULL,
    html_body       TEXT NOT NULL,
    event_count     INTEGER NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'retrying', 'failed', 'uncertain')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NULL,
    created_at      TEXT NOT NULL,
    claimed_at      TEXT NULL,
    sent_at         TEXT NULL,
    UNIQUE (username, digest_key)
);
CREATE INDEX ix_notification_digests_user ON notification_digests (username, created_at);

-- Webhooks: national (province NULL) or one province's; secret NULL signs with Notifications:Webhooks:Secret.
CREATE TABLE notification_webhooks (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    url        TEXT NOT NULL,
    province   TEXT NULL,
    secret     TEXT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    removed_at TEXT NULL
);

CREATE TABLE webhook_deliveries (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id       INTEGER NOT NULL REFERENCES notification_webhooks (id),
    event_id         INTEGER NOT NULL REFERENCES notification_events (id),
    status           TEXT NOT NULL CHECK (status IN ('pending', 'delivering', 'delivered', 'retrying', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_status_code INTEGER NULL,
    last_error       TEXT NULL,
    created_at       TEXT NOT NULL,
    delivered_at     TEXT NULL,
    attempted_at     TEXT NULL,
    UNIQUE (webhook_id, event_id)
);

-- The key that signs unsubscribe links, made once and shared by every process on the database.
CREATE TABLE notification_keys (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
