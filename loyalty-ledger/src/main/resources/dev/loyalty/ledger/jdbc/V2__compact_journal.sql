-- Loyalty SDK points ledger, schema version 2 (PostgreSQL): a journal that writes less per command.
-- Apply with JdbcLedgerStore.migrate(), or by hand in one transaction after version 1, then record it:
--   INSERT INTO ledger_schema_version (version, applied_at) VALUES (2, now());
--
-- Why: under version 1 a wallet-to-wallet transfer wrote 10 rows in 6 tables, about 15 index entries and
-- 7 foreign-key checks, and that database work (not the client) was most of its time. From version 2:
--  * a transaction's detail (postings, pending amounts, lot movements, metadata) is one BYTEA column,
--    ledger_transaction.detail, holding the transaction's canonical encoding: the exact bytes its
--    hash-chain link covers (format: dev.loyalty.ledger.internal.CanonicalEncoder, version byte 1).
--    The scalar columns (type, key, reason, times, hold, reversal) stay readable in SQL.
--  * ledger_account_entry says which transactions touched an account, with the net amount posted to
--    it (one row per account and transaction; account history reads it).
--  * Transactions written under version 1 keep their detail rows in ledger_posting, ledger_lot_movement
--    and ledger_transaction_metadata (their detail is NULL); nothing new is written to those tables.
-- Nothing already written is rewritten: the hash chain's links stay valid.

ALTER TABLE ledger_transaction ADD COLUMN detail BYTEA;

CREATE TABLE ledger_account_entry (
  account_id     VARCHAR(200) NOT NULL,
  transaction_id BIGINT       NOT NULL,
  amount         BIGINT       NOT NULL,  -- net posted amount for the account; 0 when it only held or released
  PRIMARY KEY (account_id, transaction_id)
);
INSERT INTO ledger_account_entry (account_id, transaction_id, amount)
  SELECT account_id, transaction_id, SUM(CASE WHEN pending THEN 0 ELSE amount END)
    FROM ledger_posting
   GROUP BY account_id, transaction_id;
-- history reads ledger_account_entry now
DROP INDEX ledger_posting_account;

-- A btree indexes NULLs too: the UNIQUE constraints on reverses and seal_position added an index entry
-- for every transaction. "Reversed at most once" keeps a partial unique index; the chain's uniqueness
-- is ledger_seal's (PRIMARY KEY (position), UNIQUE (transaction_id)).
ALTER TABLE ledger_transaction DROP CONSTRAINT IF EXISTS ledger_transaction_reverses_key;
CREATE UNIQUE INDEX ledger_transaction_reverses ON ledger_transaction (reverses) WHERE reverses IS NOT NULL;
ALTER TABLE ledger_transaction DROP CONSTRAINT IF EXISTS ledger_transaction_seal_position_key;

-- Every lot is written by a command that holds its account's row lock and checked the account exists.
ALTER TABLE ledger_lot DROP CONSTRAINT IF EXISTS ledger_lot_account_id_fkey;

-- Free space in each page lets a balance update stay on its page (a HOT update, no index entry).
-- Applies to pages written from now on; VACUUM FULL ledger_account rewrites the existing ones.
ALTER TABLE ledger_account SET (fillfactor = 50);
