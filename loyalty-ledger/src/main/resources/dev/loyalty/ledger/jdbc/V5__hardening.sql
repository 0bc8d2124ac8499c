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
