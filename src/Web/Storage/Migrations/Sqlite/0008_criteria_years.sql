-- Criteria as operator data (issue 14): every import of a year's criteria, whole, with its source, status, who and when.
-- The newest import of a year is the one that judges; the embedded files stay the defaults for years never imported.
CREATE TABLE criteria_years (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    year        INTEGER NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('confirmed', 'provisional')),
    source      TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    set_json    TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE INDEX ix_criteria_years_year ON criteria_years (year, id);
