-- The crawl kept (issue 14): what the judge read (pages with main text and links, click paths, documents with titles,
-- text and hashes, findings), compressed, once per crawl; each LAO keeps its latest plus any pinned. A new criteria year
-- then re-judges every LAO from these without one request to a website.
CREATE TABLE crawl_snapshots (
    scan_id    INTEGER PRIMARY KEY REFERENCES site_scans (id) ON DELETE CASCADE,
    dla_code   TEXT NOT NULL,
    crawled_at TEXT NOT NULL,
    format     TEXT NOT NULL,
    raw_length INTEGER NOT NULL,
    snapshot   BLOB NOT NULL,
    pinned     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_crawl_snapshots_lao ON crawl_snapshots (dla_code, crawled_at);
-- A result re-judged from a kept crawl names the scan whose crawl it read; a run that re-judges says so.
ALTER TABLE site_scans ADD COLUMN rejudged_from_scan_id INTEGER NULL;
ALTER TABLE runs ADD COLUMN judged_from TEXT NULL;
