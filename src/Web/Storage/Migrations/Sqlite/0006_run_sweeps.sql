-- The run sweeper (issue "Runs"): how many times it enqueued a quiet run's lost LAOs again, and when it last did.
ALTER TABLE runs ADD COLUMN sweep_rounds INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN swept_at TEXT NULL;
