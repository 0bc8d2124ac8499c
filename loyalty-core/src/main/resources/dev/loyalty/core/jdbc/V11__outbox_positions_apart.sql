-- Loyalty SDK engine stores, schema version 11 (after V10): the outbox's positions kept apart from
-- its events, so that giving an event its position no longer rewrites its row (JdbcEventOutbox).
-- Apply with PostgresStores.migrate(), or by hand in one transaction, then record the version:
--   INSERT INTO loyalty_schema_version (version, applied_at) VALUES (11, now());
--
-- Before, every event was inserted without a position and the sequencer UPDATEd it to give it one:
-- the event's JSON row and all its index entries were written a second time (not a HOT update, as
-- position was indexed), and each insert also went into the unique index on position and the
-- partial index of events without one. Now:
--   loyalty_outbox_pending   one row per append (per 256 events of it), inserted by the append's own
--                            statement and committed with it: the seqs of its events, in order;
--   loyalty_outbox_batch     one row per positioned append, written by the sequencer when it deletes
--                            the pending row: its events' seqs in position order, the last of them at
--                            last_position (so the first at last_position - cardinality(seqs) + 1).
-- The sequencer still takes loyalty_outbox_head FOR UPDATE, and positions are still 1, 2, 3, ...
-- without gaps, given to committed appends only, after every position given before.
--
-- The outbox's tables are locked first, so that no append of an instance still running an older
-- library commits between the copy below and the dropped column. Events already positioned keep their
-- positions (one batch row each); events without one become pending, in seq order.
LOCK TABLE loyalty_outbox, loyalty_outbox_head IN ACCESS EXCLUSIVE MODE;

CREATE TABLE loyalty_outbox_pending (
  first_seq BIGINT   NOT NULL PRIMARY KEY,
  seqs      BIGINT[] NOT NULL
);

CREATE TABLE loyalty_outbox_batch (
  last_position BIGINT   NOT NULL PRIMARY KEY,
  seqs          BIGINT[] NOT NULL CHECK (cardinality(seqs) > 0)
);

INSERT INTO loyalty_outbox_batch (last_position, seqs)
  SELECT position, ARRAY[seq] FROM loyalty_outbox WHERE position IS NOT NULL;

INSERT INTO loyalty_outbox_pending (first_seq, seqs)
  SELECT seq, ARRAY[seq] FROM loyalty_outbox WHERE position IS NULL;

DROP INDEX loyalty_outbox_unpositioned;

ALTER TABLE loyalty_outbox DROP COLUMN position;
