-- Evidence rows, compact (issue 14.7, database growth per nightly run): storage_path was always `ab/cd/<sha256>`,
-- derived from the hash, which EvidenceStore.FullPath now does for every reader; the column goes. (SQLite's copy of this
-- script also rebuilds the two evidence tables WITHOUT ROWID; PostgreSQL tables have no rowid to drop.)
ALTER TABLE evidence_blobs DROP COLUMN storage_path;
