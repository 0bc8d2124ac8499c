-- Loyalty SDK engine stores, schema version 5 (after V4__access.sql): the points each participant
-- earned per day, month, quarter and program year, per rule and campaign (PerformanceStore's
-- earned points, what exact caps read). Apply with PostgresStores.migrate(), or by hand in one
-- transaction, then record the version:
--   INSERT INTO loyalty_schema_version (version, applied_at) VALUES (5, now());

-- One row per participant and period with points in it: totals is {"rule": {"<rule id>": points},
-- "campaign": {"<campaign id>": points}}, zeros left out; a period whose totals come to nothing
-- has no row. Written under the participant's row lock in loyalty_participant.
CREATE TABLE loyalty_points_earned (
  kind         CHAR(1)      NOT NULL,
  id           VARCHAR(100) NOT NULL,
  period_kind  VARCHAR(16)  NOT NULL,   -- DAY, MONTH, QUARTER, YEAR (the program year)
  first_day    DATE         NOT NULL,
  last_day     DATE         NOT NULL,
  totals       JSONB        NOT NULL,
  PRIMARY KEY (kind, id, period_kind, first_day)
);

-- Which (activity, step) each participant's earned points hold: each at most once.
CREATE TABLE loyalty_points_applied (
  kind        CHAR(1)      NOT NULL,
  id          VARCHAR(100) NOT NULL,
  activity_id VARCHAR(100) NOT NULL,
  step        VARCHAR(16)  NOT NULL,
  PRIMARY KEY (kind, id, activity_id, step)
);
