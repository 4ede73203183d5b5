-- Dashboard reads that touch every LAO of a province or of the country answer from indexes (index-only scans), not from
-- the scan rows (each carries its whole verdict, about 25 KB) or the item rows (evidence and reasons).
-- An LAO's scans by time with their score and criteria year: the ranking's previous score, the LAO page's years and
-- previous scan. Replaces (dla_code, finished_at), which it starts with. (The rest of a history row is read from the
-- table, whose rows are small here: the verdict is TOASTed out of line. A reason is not included: index rows are limited.)
CREATE INDEX ix_site_scans_lao_history ON site_scans (dla_code, finished_at) INCLUDE (id, oit_score, criteria_year);
DROP INDEX ix_site_scans_lao;
-- Item statuses of a scan: the items most LAOs miss, counted over the latest scans.
CREATE INDEX ix_item_results_scan_status ON item_results (scan_id, code) INCLUDE (status);
