-- Dashboard reads that touch every LAO of a province or of the country answer from indexes, not from the scan rows
-- (each carries its whole verdict, about 25 KB) or the item rows (evidence and reasons).
-- An LAO's scans by time with what its history shows (score, criteria year, status, reason, run, pages): the ranking's
-- previous score, the LAO page's years, previous scan and trend. Replaces (dla_code, finished_at), which it starts with.
CREATE INDEX ix_site_scans_lao_history ON site_scans (dla_code, finished_at, oit_score, criteria_year, status, run_id, pages_fetched, reason);
DROP INDEX ix_site_scans_lao;
-- Item statuses of a scan: the items most LAOs miss, counted over the latest scans.
CREATE INDEX ix_item_results_scan_status ON item_results (scan_id, code, status);
