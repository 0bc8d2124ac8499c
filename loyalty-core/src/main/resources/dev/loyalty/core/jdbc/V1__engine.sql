-- Loyalty SDK engine stores, schema version 1 (PostgreSQL 12 or later), beside the ledger's tables.
-- Apply with PostgresStores.migrate() (which migrates the ledger's schema first), or by hand in one
-- transaction, then record the version:
--   INSERT INTO loyalty_schema_version (version, applied_at) VALUES (1, now());
-- Instants are stored exactly as nanoseconds since 1970-01-01T00:00:00Z in NUMERIC columns named
-- *_ns (to read one: to_timestamp(x / 1e9)). Ids are at most 100 characters (the typed ids' limit).
-- Every statement the stores run finds its rows by a key or an index below.

CREATE TABLE loyalty_schema_version (
  version    INTEGER     NOT NULL PRIMARY KEY,
  applied_at TIMESTAMPTZ NOT NULL
);

-- The activity journal: every activity the engine has seen and its receipt (ActivityJournal).
-- filed orders the entries as they were first filed (returns of an invoice are read in that order).
CREATE TABLE loyalty_journal (
  activity_id VARCHAR(100) NOT NULL PRIMARY KEY,
  filed       BIGSERIAL    NOT NULL UNIQUE,
  partner_id  VARCHAR(100) NOT NULL,
  kind        VARCHAR(100) NOT NULL,
  invoice_id  VARCHAR(100),             -- a return's invoice
  status      VARCHAR(16)  NOT NULL,    -- the receipt's status, for a DBA's queries
  complete    BOOLEAN      NOT NULL,
  attempt     INTEGER      NOT NULL CHECK (attempt >= 0),
  activity    JSONB        NOT NULL,    -- the activity in the JSON Lines format (docs/FORMATS.md)
  receipt     JSONB        NOT NULL
);
CREATE INDEX loyalty_journal_returns ON loyalty_journal (invoice_id, filed) WHERE invoice_id IS NOT NULL;
CREATE INDEX loyalty_journal_incomplete ON loyalty_journal (filed) WHERE NOT complete;

-- Participants' figures and tier standings (PerformanceStore). kind is 'P' (partner) or 'M' (member).
CREATE TABLE loyalty_participant (
  kind             CHAR(1)      NOT NULL CHECK (kind IN ('P', 'M')),
  id               VARCHAR(100) NOT NULL,
  currency         CHAR(3),                 -- figures are kept in it; NULL until the first activity
  last_activity_ns NUMERIC(30, 0),
  tier             VARCHAR(100),
  tier_since_ns    NUMERIC(30, 0),
  short_since      DATE,
  PRIMARY KEY (kind, id)
);

-- One row per participant and calendar month (in the program's zone; month = year * 100 + month).
-- amounts holds the month's totals by key, so that new figures need no new column:
--   "sales" (net of returns, in the participant's currency), "orders", "category:<name>" (net
--   sales per category); a key whose total comes to zero is left out. loyalty_add_amounts adds two
--   such maps key by key.
CREATE TABLE loyalty_figures_month (
  kind    CHAR(1)      NOT NULL,
  id      VARCHAR(100) NOT NULL,
  month   INTEGER      NOT NULL,
  amounts JSONB        NOT NULL,
  PRIMARY KEY (kind, id, month)
);

-- Which activities a participant's figures hold: each is applied at most once.
CREATE TABLE loyalty_figures_applied (
  kind        CHAR(1)      NOT NULL,
  id          VARCHAR(100) NOT NULL,
  activity_id VARCHAR(100) NOT NULL,
  PRIMARY KEY (kind, id, activity_id)
);

-- Certifications held, with their last valid day (NULL: does not lapse).
CREATE TABLE loyalty_certification (
  kind        CHAR(1)      NOT NULL,
  id          VARCHAR(100) NOT NULL,
  code        VARCHAR(200) NOT NULL,
  valid_until DATE,
  PRIMARY KEY (kind, id, code)
);

CREATE FUNCTION loyalty_add_amounts(a JSONB, b JSONB) RETURNS JSONB LANGUAGE sql IMMUTABLE AS $$
  SELECT COALESCE(jsonb_object_agg(k, total), '{}'::jsonb)
    FROM (SELECT k, sum(v) AS total
            FROM (SELECT key AS k, value::numeric AS v FROM jsonb_each_text(a)
                  UNION ALL
                  SELECT key, value::numeric FROM jsonb_each_text(b)) AS both_sides
           GROUP BY k
          HAVING sum(v) <> 0) AS summed
$$;

-- The event outbox (EventOutbox). seq is the order of appends; position is given to committed
-- events in seq order by one sequencer at a time (it locks loyalty_outbox_head), so positions are
-- 1, 2, 3, ... without gaps and no event ever appears behind a position a reader has seen.
CREATE TABLE loyalty_outbox (
  seq      BIGSERIAL    NOT NULL PRIMARY KEY,
  id       VARCHAR(300) NOT NULL UNIQUE,
  position BIGINT       UNIQUE,
  type     VARCHAR(40)  NOT NULL,
  event    JSONB        NOT NULL
);
CREATE INDEX loyalty_outbox_unpositioned ON loyalty_outbox (seq) WHERE position IS NULL;

CREATE TABLE loyalty_outbox_head (
  only_row      BOOLEAN NOT NULL PRIMARY KEY DEFAULT TRUE CHECK (only_row),
  last_position BIGINT  NOT NULL
);
INSERT INTO loyalty_outbox_head (only_row, last_position) VALUES (TRUE, 0);

CREATE TABLE loyalty_outbox_consumer (
  name     VARCHAR(200) NOT NULL PRIMARY KEY,
  position BIGINT       NOT NULL CHECK (position >= 0)
);

-- The partner directory, for hosts without partner tables of their own (PartnerRegistry).
CREATE TABLE loyalty_partner (
  id          VARCHAR(100) NOT NULL PRIMARY KEY,
  name        TEXT         NOT NULL,
  type        VARCHAR(100) NOT NULL,
  parent_id   VARCHAR(100) REFERENCES loyalty_partner (id) DEFERRABLE INITIALLY DEFERRED,
  region      VARCHAR(100) NOT NULL,
  country     CHAR(2)      NOT NULL,
  currency    CHAR(3)      NOT NULL,
  segments    TEXT[]       NOT NULL,
  enrolled_on DATE         NOT NULL,
  status      VARCHAR(16)  NOT NULL
);

CREATE TABLE loyalty_member (
  id          VARCHAR(100) NOT NULL PRIMARY KEY,
  partner_id  VARCHAR(100) NOT NULL REFERENCES loyalty_partner (id) DEFERRABLE INITIALLY DEFERRED,
  name        TEXT         NOT NULL,
  role        VARCHAR(100) NOT NULL,
  locale      VARCHAR(100) NOT NULL,  -- a BCP 47 language tag
  enrolled_on DATE         NOT NULL,
  status      VARCHAR(16)  NOT NULL
);
CREATE INDEX loyalty_member_partner ON loyalty_member (partner_id);

-- Reward catalog versions per program (CatalogStore), in the catalog format of docs/REWARDS.md.
CREATE TABLE loyalty_catalog_version (
  program_id VARCHAR(100) NOT NULL,
  version    VARCHAR(100) NOT NULL,
  published  BIGSERIAL    NOT NULL UNIQUE,   -- the order versions were first published in
  catalog    JSONB        NOT NULL,
  PRIMARY KEY (program_id, version)
);

CREATE TABLE loyalty_catalog_current (
  program_id VARCHAR(100) NOT NULL PRIMARY KEY,
  version    VARCHAR(100) NOT NULL,
  FOREIGN KEY (program_id, version) REFERENCES loyalty_catalog_version (program_id, version)
);
