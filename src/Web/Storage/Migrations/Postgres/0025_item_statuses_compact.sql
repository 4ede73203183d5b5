-- The item rows now hold only (scan, code, status) (0021): the primary key carries the status, so the separate
-- (scan_id, code, status) index that covered the counts is one index too many.
ALTER TABLE item_results DROP CONSTRAINT item_results_pkey;
ALTER TABLE item_results ADD PRIMARY KEY (scan_id, code) INCLUDE (status);
DROP INDEX ix_item_results_scan_status;
