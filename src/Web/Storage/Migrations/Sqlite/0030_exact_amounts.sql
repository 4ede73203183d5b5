-- Exact money (issue 15, finding 5): plan budgets and report amounts move from floating point (REAL) to whole
-- satang in an integer column, the same exact representation on SQLite (which has no exact decimal type) and PostgreSQL, so
-- sums are exact too. Existing values are converted the way the readers already read them: NaN is nothing, a negative
-- amount 0, anything at or beyond the bound (PlanAmounts.Max, 999,999,999,999.99 baht) the bound. The old columns are kept
-- empty (SQLite cannot drop a column its CHECK names); nothing reads or writes them any more.
ALTER TABLE plan_budgets ADD COLUMN amount_satang INTEGER NULL CHECK (amount_satang IS NULL OR amount_satang >= 0);
UPDATE plan_budgets SET amount_satang = CASE WHEN amount IS NULL THEN NULL WHEN amount < 0 THEN 0 WHEN amount >= 999999999999.99 THEN 99999999999999
        ELSE CAST(round(amount * 100) AS INTEGER) END;
UPDATE plan_budgets SET amount = NULL;

ALTER TABLE report_lines ADD COLUMN plan_budget_satang INTEGER NULL CHECK (plan_budget_satang IS NULL OR plan_budget_satang >= 0);
ALTER TABLE report_lines ADD COLUMN ordinance_budget_satang INTEGER NULL CHECK (ordinance_budget_satang IS NULL OR ordinance_budget_satang >= 0);
ALTER TABLE report_lines ADD COLUMN disbursed_satang INTEGER NULL CHECK (disbursed_satang IS NULL OR disbursed_satang >= 0);
UPDATE report_lines SET
    plan_budget_satang = CASE WHEN plan_budget IS NULL THEN NULL WHEN plan_budget < 0 THEN 0 WHEN plan_budget >= 999999999999.99 THEN 99999999999999
        ELSE CAST(round(plan_budget * 100) AS INTEGER) END,
    ordinance_budget_satang = CASE WHEN ordinance_budget IS NULL THEN NULL WHEN ordinance_budget < 0 THEN 0 WHEN ordinance_budget >= 999999999999.99 THEN 99999999999999
        ELSE CAST(round(ordinance_budget * 100) AS INTEGER) END,
    disbursed_satang = CASE WHEN disbursed IS NULL THEN NULL WHEN disbursed < 0 THEN 0 WHEN disbursed >= 999999999999.99 THEN 99999999999999
        ELSE CAST(round(disbursed * 100) AS INTEGER) END;
UPDATE report_lines SET plan_budget = NULL, ordinance_budget = NULL, disbursed = NULL;
