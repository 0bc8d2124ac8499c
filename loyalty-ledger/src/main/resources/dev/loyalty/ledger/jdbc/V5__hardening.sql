-- Loyalty SDK points ledger, schema version 5 (PostgreSQL): the edges an outside attack found.
-- Apply with JdbcLedgerStore.migrate(), or by hand in one transaction after version 4, then record it:
--   INSERT INTO ledger_schema_version (version, applied_at) VALUES (5, now());
--
-- Instants. The ledger accepts instants from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z, to the
-- nanosecond (a "never expires" of 9999-12-31 is common in host systems). A BIGINT of nanoseconds since the
-- epoch spans only 1677 to 2262, so every *_ns column becomes NUMERIC(21): the same nanoseconds since
-- 1970-01-01T00:00:00Z, exact, wide enough (to read one: to_timestamp(x / 1e9)). The spend-order index sorts
-- a lot that never expires last by a value above every accepted instant (1e21). Changing a column's type
-- rewrites its table once, under an exclusive lock.

DROP INDEX ledger_lot_spend;
ALTER TABLE ledger_account ALTER COLUMN opened_at_ns TYPE NUMERIC(21);
ALTER TABLE ledger_transaction ALTER COLUMN effective_at_ns TYPE NUMERIC(21),
  ALTER COLUMN recorded_at_ns TYPE NUMERIC(21);
ALTER TABLE ledger_lot ALTER COLUMN expires_at_ns TYPE NUMERIC(21), ALTER COLUMN created_at_ns TYPE NUMERIC(21);
ALTER TABLE ledger_hold ALTER COLUMN to_expiry_at_ns TYPE NUMERIC(21), ALTER COLUMN timeout_at_ns TYPE NUMERIC(21),
  ALTER COLUMN created_at_ns TYPE NUMERIC(21);
ALTER TABLE ledger_lot_movement ALTER COLUMN expires_at_ns TYPE NUMERIC(21);
CREATE INDEX ledger_lot_spend ON ledger_lot (account_id, (COALESCE(expires_at_ns, 1000000000000000000000)), lot_tx,
  lot_index) WHERE open;

-- Per account, lifetime totals and the last credit's effective time (AccountState.inflow, outflow, lastCreditAt).
-- inflow: every point ever held towards the account or credited to it; outflow: every point ever held from it or
-- debited from it. The ledger keeps both within a BIGINT, so that no balance of the account, now or as of any
-- time, and no sum of its postings overflows. last_credit_at_ns lets a debit dated before the account's last
-- credit be checked against the balance as of every later time (never below zero for wallets and budgets).
-- Filled from the journal's account entries and the holds.
ALTER TABLE ledger_account ADD COLUMN inflow BIGINT NOT NULL DEFAULT 0 CHECK (inflow >= 0),
  ADD COLUMN outflow BIGINT NOT NULL DEFAULT 0 CHECK (outflow >= 0),
  ADD COLUMN last_credit_at_ns NUMERIC(21);
-- A hold's amount counts once, when it is placed; so the posting of a hold (a HOLD_POST) is not counted again.
UPDATE ledger_account a SET
  inflow = COALESCE((SELECT sum(e.amount) FROM ledger_account_entry e JOIN ledger_transaction t ON t.id = e.transaction_id
                      WHERE e.account_id = a.id AND e.amount > 0 AND t.type <> 'HOLD_POST'), 0)
         + COALESCE((SELECT sum(h.amount) FROM ledger_hold h WHERE h.to_account = a.id), 0),
  outflow = COALESCE((SELECT -sum(e.amount) FROM ledger_account_entry e JOIN ledger_transaction t ON t.id = e.transaction_id
                       WHERE e.account_id = a.id AND e.amount < 0 AND t.type <> 'HOLD_POST'), 0)
         + COALESCE((SELECT sum(h.amount) FROM ledger_hold h WHERE h.from_account = a.id), 0),
  last_credit_at_ns = (SELECT max(t.effective_at_ns) FROM ledger_account_entry e
                         JOIN ledger_transaction t ON t.id = e.transaction_id
                        WHERE e.account_id = a.id AND e.amount > 0);
ALTER TABLE ledger_account ALTER COLUMN inflow DROP DEFAULT, ALTER COLUMN outflow DROP DEFAULT;

-- Transactions written under version 1 kept their detail in ledger_posting, ledger_lot_movement and
-- ledger_transaction_metadata (ledger_transaction.detail NULL). From version 5 the library reads only detail, so
-- their detail is written here: their canonical encoding (CanonicalEncoder, format version 1), byte for byte what
-- the library computed from those rows, so their chain links stay valid. Metadata keys go in code-point order,
-- which is the encoder's order for every key without characters above U+FFFF. The version 1 tables stay, unused;
-- drop them by hand if you like.
CREATE FUNCTION pg_temp.ledger_str(s text) RETURNS bytea
  AS $$ SELECT int4send(octet_length(convert_to(s, 'UTF8'))) || convert_to(s, 'UTF8') $$ LANGUAGE sql IMMUTABLE;
CREATE FUNCTION pg_temp.ledger_instant(ns numeric) RETURNS bytea
  AS $$ SELECT int8send(floor(ns / 1000000000)::bigint) || int4send((ns - floor(ns / 1000000000) * 1000000000)::int) $$
  LANGUAGE sql IMMUTABLE;
UPDATE ledger_transaction t SET detail = decode('0154', 'hex') || int8send(t.id)
  || pg_temp.ledger_str(t.type) || pg_temp.ledger_str(t.idempotency_key) || pg_temp.ledger_str(t.reason)
  || (SELECT int4send(count(*)::int) || COALESCE(string_agg(pg_temp.ledger_str(m.key) || pg_temp.ledger_str(m.value),
        ''::bytea ORDER BY m.key COLLATE "C"), ''::bytea)
        FROM ledger_transaction_metadata m WHERE m.transaction_id = t.id)
  || pg_temp.ledger_instant(t.effective_at_ns) || pg_temp.ledger_instant(t.recorded_at_ns)
  || (SELECT int4send(count(*)::int) || COALESCE(string_agg(pg_temp.ledger_str(p.account_id) || int8send(p.amount),
        ''::bytea ORDER BY p.seq), ''::bytea)
        FROM ledger_posting p WHERE p.transaction_id = t.id AND NOT p.pending)
  || (SELECT int4send(count(*)::int) || COALESCE(string_agg(pg_temp.ledger_str(p.account_id) || int8send(p.amount),
        ''::bytea ORDER BY p.seq), ''::bytea)
        FROM ledger_posting p WHERE p.transaction_id = t.id AND p.pending)
  || (SELECT int4send(count(*)::int) || COALESCE(string_agg(pg_temp.ledger_str(l.account_id) || int8send(l.lot_tx)
          || int4send(l.lot_index) || int8send(l.amount) || CASE WHEN l.expires_at_ns IS NULL THEN decode('00', 'hex')
          ELSE decode('01', 'hex') || pg_temp.ledger_instant(l.expires_at_ns) END, ''::bytea ORDER BY l.seq), ''::bytea)
        FROM ledger_lot_movement l WHERE l.transaction_id = t.id)
  || int8send(COALESCE(t.hold_id, 0)) || int8send(COALESCE(t.reverses, 0))
  WHERE t.detail IS NULL;
ALTER TABLE ledger_transaction ALTER COLUMN detail SET NOT NULL;

-- Tamper evidence fixed at write. The ledger computes each transaction's content hash (SHA-256 of its canonical
-- encoding, the bytes in ledger_transaction.detail) when it plans the transaction; the writer puts it into the
-- unsealed queue in the same statement as the transaction, and the sealer links it (hash(n) = SHA-256(hash(n-1)
-- || content_hash)) without reading the transaction, keeping it in ledger_seal. So a row edited or deleted before
-- it was sealed no longer passes verify(): the hash it was written with is kept apart from it. Links made
-- before version 5 have no content hash (NULL): their hash is SHA-256(hash(n-1) || detail), as before.
ALTER TABLE ledger_unsealed ADD COLUMN content_hash BYTEA;
UPDATE ledger_unsealed u SET content_hash = sha256(t.detail) FROM ledger_transaction t WHERE t.id = u.transaction_id;
ALTER TABLE ledger_unsealed ALTER COLUMN content_hash SET NOT NULL;
ALTER TABLE ledger_seal ADD COLUMN content_hash BYTEA;
