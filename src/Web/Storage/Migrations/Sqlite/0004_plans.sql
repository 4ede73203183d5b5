-- Plans (issue #7): an LAO's anti-corruption action plan per cycle, its projects with budgets per fiscal year, every
-- change kept as a whole-project snapshot (so the plan can be rebuilt as it stood on any date), and the two report rounds.
CREATE TABLE plans (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    dla_code   TEXT NOT NULL REFERENCES laos (dla_code),
    cycle      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (dla_code, cycle)
);

CREATE TABLE plan_projects (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id       INTEGER NOT NULL REFERENCES plans (id),
    name          TEXT NOT NULL,
    type          TEXT NOT NULL,
    dimension     INTEGER NOT NULL CHECK (dimension BETWEEN 1 AND 4),
    sub_item      TEXT NOT NULL,
    quarters      TEXT NOT NULL,
    target_groups TEXT NOT NULL,
    objectives    TEXT NOT NULL,
    note          TEXT NOT NULL,
    removed_at    TEXT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX ix_plan_projects_plan ON plan_projects (plan_id);

-- One row per fiscal year the project runs in; amount NULL is "ไม่ใช้งบประมาณ".
CREATE TABLE plan_budgets (
    project_id  INTEGER NOT NULL REFERENCES plan_projects (id),
    fiscal_year INTEGER NOT NULL,
    amount      REAL NULL CHECK (amount IS NULL OR amount >= 0),
    PRIMARY KEY (project_id, fiscal_year)
);

CREATE TABLE plan_history (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id     INTEGER NOT NULL REFERENCES plans (id),
    project_id  INTEGER NOT NULL REFERENCES plan_projects (id),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('add', 'edit', 'budget', 'remove')),
    before_json TEXT NULL,
    after_json  TEXT NULL
);
CREATE INDEX ix_plan_history_plan ON plan_history (plan_id, at);

CREATE TABLE report_rounds (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    dla_code      TEXT NOT NULL REFERENCES laos (dla_code),
    fiscal_year   INTEGER NOT NULL,
    round         INTEGER NOT NULL CHECK (round IN (1, 2)),
    submitted_at  TEXT NULL,
    submitted_by  TEXT NULL,
    reopened_at   TEXT NULL,
    reopened_by   TEXT NULL,
    reopen_reason TEXT NULL,
    UNIQUE (dla_code, fiscal_year, round)
);

CREATE TABLE report_lines (
    round_id         INTEGER NOT NULL REFERENCES report_rounds (id),
    project_id       INTEGER NOT NULL REFERENCES plan_projects (id),
    plan_budget      REAL NULL,
    ordinance_budget REAL NULL,
    disbursed        REAL NULL,
    in_ordinance     INTEGER NOT NULL DEFAULT 0,
    status           TEXT NOT NULL,
    not_done_reason  TEXT NULL,
    note             TEXT NOT NULL DEFAULT '',
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL,
    PRIMARY KEY (round_id, project_id)
);
