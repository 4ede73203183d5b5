-- Evidence rows, compact (issue 14.7, database growth per nightly run): about 41 evidence rows per site per night made
-- the two evidence tables most of a night's growth. Both become WITHOUT ROWID tables stored in their primary key's
-- B-tree, so SQLite no longer keeps a rowid table beside a duplicate autoindex of the same key; and storage_path goes:
-- it was always `ab/cd/<sha256>`, derived from the hash, which EvidenceStore.FullPath now does for every reader.
-- scan_evidence (the only table referencing evidence_blobs) is set aside first, so neither rebuild drops a referenced
-- table while foreign keys are on; every row comes back.
CREATE TABLE scan_evidence_moving AS SELECT scan_id, sha256 FROM scan_evidence;
DROP TABLE scan_evidence;

CREATE TABLE evidence_blobs_compact (
    sha256        TEXT NOT NULL PRIMARY KEY,
    url           TEXT NOT NULL,
    fetched_at    TEXT NOT NULL,
    status_code   INTEGER NOT NULL,
    content_type  TEXT NULL,
    length        INTEGER NOT NULL,
    headers_json  TEXT NOT NULL,
    last_cited_at TEXT NULL
) WITHOUT ROWID;
INSERT INTO evidence_blobs_compact (sha256, url, fetched_at, status_code, content_type, length, headers_json, last_cited_at)
    SELECT sha256, url, fetched_at, status_code, content_type, length, headers_json, last_cited_at FROM evidence_blobs;
DROP TABLE evidence_blobs;
ALTER TABLE evidence_blobs_compact RENAME TO evidence_blobs;

CREATE TABLE scan_evidence (
    scan_id INTEGER NOT NULL REFERENCES site_scans (id) ON DELETE CASCADE,
    sha256  TEXT NOT NULL REFERENCES evidence_blobs (sha256),
    PRIMARY KEY (scan_id, sha256)
) WITHOUT ROWID;
INSERT INTO scan_evidence (scan_id, sha256) SELECT scan_id, sha256 FROM scan_evidence_moving;
DROP TABLE scan_evidence_moving;
-- Retention and the foreign key find a blob's citing scans by hash.
CREATE INDEX ix_scan_evidence_blob ON scan_evidence (sha256);
