-- Loyalty SDK points ledger, schema version 6 (PostgreSQL): the as-of check reads only the tail it needs.
-- Apply with JdbcLedgerStore.migrate(), or by hand in one transaction after version 5, then record it:
--   INSERT INTO ledger_schema_version (version, applied_at) VALUES (6, now());
--
-- Why: a debit dated before an account's last credit (a backdated debit: a late activity's award drawn on a
-- campaign budget, a late return) may take only what the account held as of every time from its date on. Under
-- version 5 the ledger found that by joining every entry of the account with its transaction and decoding the
-- transactions effective after the debit's date: all of the account's entries were read for every backdated
-- debit, and a budget drawn on by many late activities has hundreds of thousands. From version 6 each entry
-- carries its transaction's effective time, and an index by account and effective time (with the amount, so
-- that the scan reads only the index) gives exactly the entries after the debit's date, in time order; one
-- statement sums them per instant and takes the greatest running sum from the latest back.
-- Entries of version 1 to 5 get their transaction's effective time here. This rewrites ledger_account_entry once
-- (every row gets a new version; VACUUM ledger_account_entry afterwards gives the old versions' space back) and
-- holds an exclusive lock on it meanwhile. The amount-0 entries (an account that only held or released) are
-- left out of the index: they change no sum.

ALTER TABLE ledger_account_entry ADD COLUMN effective_at_ns NUMERIC(21);
UPDATE ledger_account_entry e SET effective_at_ns = t.effective_at_ns
  FROM ledger_transaction t WHERE t.id = e.transaction_id;
ALTER TABLE ledger_account_entry ALTER COLUMN effective_at_ns SET NOT NULL;
CREATE INDEX ledger_account_entry_effective ON ledger_account_entry (account_id, effective_at_ns) INCLUDE (amount)
  WHERE amount <> 0;
