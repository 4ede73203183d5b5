-- Times are UTC, stored as ISO-8601 text. JSON columns are text (one DML for both databases).
CREATE TABLE laos (
    dla_code       TEXT PRIMARY KEY CHECK (length(dla_code) = 7),
    type           TEXT NOT NULL,
    name           TEXT NOT NULL,
    province       TEXT NOT NULL,
    district       TEXT NULL,
    size           TEXT NULL,
    website        TEXT NULL,
    updated_at     TEXT NOT NULL,
    latest_scan_id INTEGER NULL
);
CREATE INDEX ix_laos_province ON laos (province, type, size);
CREATE INDEX ix_laos_name ON laos (name);

CREATE TABLE runs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    kind          TEXT NOT NULL CHECK (kind IN ('nightly', 'on-demand')),
    scope         TEXT NOT NULL,
    criteria_year INTEGER NOT NULL,
    started_at    TEXT NOT NULL,
    finished_at   TEXT NULL,
    sites_total   INTEGER NOT NULL DEFAULT 0,
    sites_done    INTEGER NOT NULL DEFAULT 0,
    sites_failed  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_runs_started ON runs (started_at);

CREATE TABLE site_scans (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id            INTEGER NOT NULL REFERENCES runs (id),
    dla_code          TEXT NOT NULL REFERENCES laos (dla_code),
    site_url          TEXT NOT NULL,
    status            TEXT NOT NULL,
    reason            TEXT NULL,
    started_at        TEXT NOT NULL,
    finished_at       TEXT NOT NULL,
    duration_ms       INTEGER NOT NULL,
    pages_fetched     INTEGER NOT NULL,
    documents_checked INTEGER NOT NULL,
    requests_made     INTEGER NOT NULL,
    bytes_fetched     INTEGER NOT NULL,
    criteria_year     INTEGER NULL,
    criteria_id       TEXT NULL,
    requested_year    INTEGER NULL,
    fiscal_year       INTEGER NULL,
    oit_score         REAL NULL,
    indicator_scores  TEXT NULL,
    grade             TEXT NULL,
    verdict_json      TEXT NULL,
    UNIQUE (run_id, dla_code)
);
CREATE INDEX ix_site_scans_lao ON site_scans (dla_code, finished_at);

CREATE TABLE item_results (
    scan_id       INTEGER NOT NULL REFERENCES site_scans (id) ON DELETE CASCADE,
    code          TEXT NOT NULL,
    title         TEXT NOT NULL,
    title_en      TEXT NOT NULL,
    indicator     TEXT NOT NULL,
    sub_indicator TEXT NOT NULL,
    status        TEXT NOT NULL,
    score         INTEGER NOT NULL,
    evidence_json TEXT NOT NULL,
    reasons_json  TEXT NOT NULL,
    fix_hint_json TEXT NULL,
    PRIMARY KEY (scan_id, code)
);
CREATE INDEX ix_item_results_code ON item_results (code, status);

CREATE TABLE evidence_blobs (
    sha256       TEXT PRIMARY KEY,
    url          TEXT NOT NULL,
    fetched_at   TEXT NOT NULL,
    status_code  INTEGER NOT NULL,
    content_type TEXT NULL,
    length       INTEGER NOT NULL,
    headers_json TEXT NOT NULL,
    storage_path TEXT NOT NULL
);

CREATE TABLE scan_evidence (
    scan_id INTEGER NOT NULL REFERENCES site_scans (id) ON DELETE CASCADE,
    sha256  TEXT NOT NULL REFERENCES evidence_blobs (sha256),
    PRIMARY KEY (scan_id, sha256)
);
CREATE INDEX ix_scan_evidence_blob ON scan_evidence (sha256);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    before_json TEXT NULL,
    after_json  TEXT NULL
);
CREATE INDEX ix_audit_log_entity ON audit_log (entity, entity_id, at);
