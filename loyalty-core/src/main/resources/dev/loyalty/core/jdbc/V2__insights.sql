-- Loyalty SDK engine stores, schema version 2 (after V1__engine.sql): the tier history and the
-- badges participants earned (engine.insights()). Apply with PostgresStores.migrate(), or by hand in
-- one transaction, then record the version:
--   INSERT INTO loyalty_schema_version (version, applied_at) VALUES (2, now());
-- Participants are a kind ('P' partner, 'M' member) and an id, as in loyalty_participant.

-- Every tier move the engine made (TierHistory), under its TierChanged event's id, each once.
-- appended orders a participant's moves as they were appended.
CREATE TABLE loyalty_tier_move (
  id             TEXT          NOT NULL PRIMARY KEY,
  appended       BIGSERIAL     NOT NULL UNIQUE,
  kind           CHAR(1)       NOT NULL CHECK (kind IN ('P', 'M')),
  participant_id VARCHAR(100)  NOT NULL,
  from_tier      VARCHAR(100),               -- NULL: no tier
  to_tier        VARCHAR(100),               -- NULL: no tier
  effective_ns   NUMERIC(30, 0) NOT NULL,    -- when the move counts from, in nanoseconds since 1970
  reason         TEXT          NOT NULL
);
CREATE INDEX loyalty_tier_move_participant ON loyalty_tier_move (kind, participant_id, appended);

-- The badges and milestones participants earned (BadgeStore), each id once, with the activity or
-- the redemption it was earned with (exactly one of the two).
CREATE TABLE loyalty_badge (
  id             TEXT          NOT NULL PRIMARY KEY,
  filed          BIGSERIAL     NOT NULL UNIQUE,
  kind           CHAR(1)       NOT NULL CHECK (kind IN ('P', 'M')),
  participant_id VARCHAR(100)  NOT NULL,
  badge          TEXT          NOT NULL,
  rule_id        TEXT          NOT NULL,
  rule_version   TEXT          NOT NULL,
  reason         TEXT          NOT NULL,
  activity_id    VARCHAR(100),
  redemption_id  VARCHAR(100),
  earned_ns      NUMERIC(30, 0) NOT NULL,
  CHECK ((activity_id IS NULL) <> (redemption_id IS NULL))
);
CREATE INDEX loyalty_badge_participant ON loyalty_badge (kind, participant_id, filed);
