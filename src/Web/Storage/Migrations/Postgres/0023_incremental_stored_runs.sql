-- Incremental nightly re-scans in stored runs (issue 13.5): an LAO's latest kept crawl is also its next crawl's state
-- (pages and documents as read, with their validators). When the chain of incremental crawls began with a full one is
-- kept beside it, so the full re-scan setting (weekly by default) counts from there.
ALTER TABLE crawl_snapshots ADD COLUMN last_full_scan_at timestamptz NULL;
