-- Loyalty SDK points ledger, schema version 4 (PostgreSQL): a transaction may be reversed in several parts.
-- Apply with JdbcLedgerStore.migrate(), or by hand in one transaction after version 3, then record it:
--   INSERT INTO ledger_schema_version (version, applied_at) VALUES (4, now());
--
-- Why: a return of part of an invoice takes back part of the invoice's transaction, and several such returns
-- may follow one another. Version 2 made ledger_transaction.reverses unique ("reversed at most once"); from
-- version 4 several reversals may name the same original. What each took back is in its detail (its canonical
-- encoding lists the reversed postings, format version 2), and the ledger refuses a reversal that would take
-- back more than is left on an account, deciding under that account's row lock (a full reversal locks every
-- account of its original), so the database's uniqueness is no longer needed.
-- The index stays, not unique, for finding an original's reversals. Nothing already written changes.

DROP INDEX ledger_transaction_reverses;
CREATE INDEX ledger_transaction_reversals ON ledger_transaction (reverses) WHERE reverses IS NOT NULL;
