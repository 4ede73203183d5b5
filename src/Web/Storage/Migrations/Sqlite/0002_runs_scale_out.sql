-- The LAOs a run planned, so progress can say which are left and a lost job can be found.
CREATE TABLE run_sites (
    run_id   INTEGER NOT NULL REFERENCES runs (id),
    dla_code TEXT NOT NULL,
    PRIMARY KEY (run_id, dla_code)
);
CREATE INDEX ix_site_scans_run_status ON site_scans (run_id, status);
CREATE INDEX ix_runs_unfinished ON runs (finished_at, started_at);

-- Evidence kept whatever its age: overrides and appeals insert the blobs they rely on here.
CREATE TABLE evidence_pins (
    sha256     TEXT NOT NULL,
    reason     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (sha256, reason)
);
-- When a scan last cited the blob: retention spares recently cited blobs a scan may be about to reference.
ALTER TABLE evidence_blobs ADD COLUMN last_cited_at TEXT NULL;
-- (Shared politeness tables exist on PostgreSQL only: SQLite serves one process, whose crawler is polite by itself.)
