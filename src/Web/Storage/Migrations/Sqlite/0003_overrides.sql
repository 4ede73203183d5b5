-- Overrides (issue #6): an LAO attests an item the crawler missed or misjudged; its province reviews it.
CREATE TABLE overrides (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    dla_code      TEXT NOT NULL REFERENCES laos (dla_code),
    item_code     TEXT NOT NULL,
    criteria_year INTEGER NOT NULL,
    url           TEXT NOT NULL,
    reason        TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    reviewed_by   TEXT NULL,
    reviewed_at   TEXT NULL,
    review_note   TEXT NULL
);
CREATE INDEX ix_overrides_lao ON overrides (dla_code, criteria_year, item_code);
