-- The item rows now hold only (scan, code, status) (0021): kept as one B-tree keyed by scan and code, with the status in
-- it, instead of a rowid table plus its primary-key index plus the (scan_id, code, status) index that covered the counts.
-- "The items most LAOs miss" and "items lost since the last scan" read it by scan id as before.
CREATE TABLE item_statuses (
    scan_id INTEGER NOT NULL REFERENCES site_scans (id) ON DELETE CASCADE,
    code    TEXT NOT NULL,
    status  TEXT NOT NULL,
    PRIMARY KEY (scan_id, code)
) WITHOUT ROWID;
INSERT INTO item_statuses (scan_id, code, status) SELECT scan_id, code, status FROM item_results;
DROP TABLE item_results;
ALTER TABLE item_statuses RENAME TO item_results;
