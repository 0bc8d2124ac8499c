-- Loyalty SDK engine stores, schema version 5 (after V4__access.sql): the points each participant
-- earned per day, month, quarter and program year, per rule and campaign (what exact caps read;
-- PerformanceStore.applyPoints). Apply with PostgresStores.migrate(), or by hand in one transaction,
-- then record the version:
--   INSERT INTO loyalty_schema_version (version, applied_at) VALUES (5, now());

-- One row per participant and period: period_kind 'D' (a day), 'M' (a calendar month), 'Q' (a
-- calendar quarter) or 'Y' (a program year, ending on the program's year end), from first to last
-- (both included, in the program's zone). totals holds the points by key, added with
-- loyalty_add_amounts (a key whose total comes to zero is left out): "rule:<rule id>" and
-- "campaign:<campaign id>". Every value fits a signed 64-bit integer (the store refuses a
-- contribution that would overflow one before it writes).
CREATE TABLE loyalty_points_period (
  kind        CHAR(1)      NOT NULL CHECK (kind IN ('P', 'M')),
  id          VARCHAR(100) NOT NULL,
  period_kind CHAR(1)      NOT NULL CHECK (period_kind IN ('D', 'M', 'Q', 'Y')),
  first_day   DATE         NOT NULL,
  last_day    DATE         NOT NULL CHECK (last_day >= first_day),
  totals      JSONB        NOT NULL,
  PRIMARY KEY (kind, id, period_kind, first_day)
);

-- Which (activity, step) contributions a participant's earned points hold: each at most once.
CREATE TABLE loyalty_points_applied (
  kind        CHAR(1)      NOT NULL,
  id          VARCHAR(100) NOT NULL,
  activity_id VARCHAR(100) NOT NULL,
  step        VARCHAR(20)  NOT NULL,
  PRIMARY KEY (kind, id, activity_id, step)
);
