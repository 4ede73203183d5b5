-- Each year column has one meaning (issue 14.4): `fiscal_year` is the fiscal year assessed (runs and scans alike),
-- `criteria_year` the year of the criteria that judged a scan (the newest earlier year when the assessed one has none).
-- runs.criteria_year always held the fiscal year; site_scans.requested_year repeated site_scans.fiscal_year (the asked
-- year, also kept for scans that ended without a verdict).
ALTER TABLE runs RENAME COLUMN criteria_year TO fiscal_year;
UPDATE site_scans SET fiscal_year = requested_year WHERE fiscal_year IS NULL;
ALTER TABLE site_scans DROP COLUMN requested_year;
