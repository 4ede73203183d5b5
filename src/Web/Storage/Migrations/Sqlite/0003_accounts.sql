-- Accounts (issue #6): users by role and scope, one-time LAO activation codes, API tokens. Secrets are stored hashed.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'province', 'lao')),
    province      TEXT NULL,
    dla_code      TEXT NULL,
    password_hash TEXT NOT NULL,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT NULL,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    CHECK ((role = 'province') = (province IS NOT NULL)),
    CHECK ((role = 'lao') = (dla_code IS NOT NULL))
);

CREATE TABLE activation_codes (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    dla_code        TEXT NOT NULL REFERENCES laos (dla_code),
    code_hash       TEXT NOT NULL,
    issued_by       TEXT NOT NULL,
    issued_at       TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    used_at         TEXT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_activation_codes_lao ON activation_codes (dla_code, issued_at);

CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    scopes     TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('admin', 'province', 'lao')),
    province   TEXT NULL,
    dla_code   TEXT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT NULL
);
