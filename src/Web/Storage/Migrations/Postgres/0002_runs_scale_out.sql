-- The LAOs a run planned, so progress can say which are left and a lost job can be found.
CREATE TABLE run_sites (
    run_id   bigint NOT NULL REFERENCES runs (id),
    dla_code text NOT NULL,
    PRIMARY KEY (run_id, dla_code)
);
CREATE INDEX ix_site_scans_run_status ON site_scans (run_id, status);
CREATE INDEX ix_runs_unfinished ON runs (finished_at, started_at);

-- Evidence kept whatever its age: overrides and appeals insert the blobs they rely on here.
CREATE TABLE evidence_pins (
    sha256     text NOT NULL,
    reason     text NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (sha256, reason)
);
-- When a scan last cited the blob: retention spares recently cited blobs a scan may be about to reference.
ALTER TABLE evidence_blobs ADD COLUMN last_cited_at timestamptz NULL;

-- Politeness shared by every worker: the next request time per host, and leased request slots per address.
CREATE TABLE crawl_host_slots (
    host    text PRIMARY KEY,
    next_at timestamptz NOT NULL
);
CREATE TABLE crawl_address_leases (
    address    text NOT NULL,
    slot       integer NOT NULL,
    holder     text NULL,
    expires_at timestamptz NULL,
    PRIMARY KEY (address, slot)
);
