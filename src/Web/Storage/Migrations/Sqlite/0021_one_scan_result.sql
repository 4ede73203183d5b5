-- One scan result, stored once (issue 14.4): the verdict (Scoring's SiteVerdict, the `scan --json` shape) is kept as
-- Brotli-compressed JSON in `verdict` and read only through StoredVerdict; the item rows keep what aggregate queries
-- read (code and status) and no longer repeat titles, evidence, reasons and hints; the indicator scores and grade live in
-- the verdict. Rows stored before keep their text `verdict_json` (read by the same reader) until retention clears them.
ALTER TABLE site_scans ADD COLUMN verdict BLOB NULL;
ALTER TABLE site_scans DROP COLUMN indicator_scores;
ALTER TABLE site_scans DROP COLUMN grade;
ALTER TABLE site_scans DROP COLUMN criteria_id;
ALTER TABLE item_results DROP COLUMN title;
ALTER TABLE item_results DROP COLUMN title_en;
ALTER TABLE item_results DROP COLUMN indicator;
ALTER TABLE item_results DROP COLUMN sub_indicator;
ALTER TABLE item_results DROP COLUMN score;
ALTER TABLE item_results DROP COLUMN evidence_json;
ALTER TABLE item_results DROP COLUMN reasons_json;
ALTER TABLE item_results DROP COLUMN fix_hint_json;
-- (code, status) served "which LAOs miss item X" before (scan_id, code, status) existed; nothing reads by code alone now.
DROP INDEX ix_item_results_code;
