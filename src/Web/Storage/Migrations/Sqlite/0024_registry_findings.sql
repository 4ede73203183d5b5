-- Where LAOs' websites live, as the registry import found it (issue 13.1/13.4), for the LAO page: a host shared with other
-- LAOs (each crawled under its own path) or a URL other LAOs list too (only the first keeps it). Replaced for the LAOs of
-- each import.
CREATE TABLE registry_findings (
    dla_code TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('shared-host', 'duplicate-url')),
    subject  TEXT NOT NULL,
    path     TEXT NULL,
    others   TEXT NOT NULL,
    found_at TEXT NOT NULL,
    PRIMARY KEY (dla_code, kind)
);
