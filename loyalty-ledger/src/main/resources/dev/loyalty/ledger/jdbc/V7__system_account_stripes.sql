-- Loyalty SDK points ledger, schema version 7 (PostgreSQL): system accounts' totals in stripes.
-- Apply with JdbcLedgerStore.migrate(), or by hand in one transaction after version 6, then record it:
--   INSERT INTO ledger_schema_version (version, applied_at) VALUES (7, now());
--
-- Why: every award debits the issuance account, and a command (or a unit of work) adds its changes to a system
-- account in its last statement and holds that row's lock until its COMMIT is flushed to disk. With one row per
-- account every activity of every thread and instance passed the issuance row one at a time, one WAL flush each:
-- at 8 threads a quarter of the server's backends waited for it, and PostgreSQL could not flush commits
-- together because the row lock ordered them. From version 7 a system account's additions go to one of its 16
-- stripe rows: the first one no other transaction holds (FOR NO KEY UPDATE SKIP LOCKED, from a per-thread start),
-- or, when all 16 are held, the start one, waiting for it. Concurrent units then add to different rows, and their
-- commits are flushed together.
--
-- What an account holds is its ledger_account row plus the sum of its stripes: the view ledger_account_total,
-- which the library reads for every balance (use it, not ledger_account, to look at balances by hand). A stripe
-- holds differences, not a balance: any of its columns may be negative (a hold's pending credit placed through
-- one stripe and posted through another), only the sum is the account's. Wallets and budgets have no stripes
-- (a budget may not go negative, and the ledger checks it on its one row); their rows are their totals.
-- Stripes are never folded back into the row: they are 16 rows per system account, updated in place (half of
-- each page left free, as for ledger_account, so that an update can stay on its page: no index entry).
--
-- Existing system accounts get their 16 stripes here, all zero, so no balance changes; an account opened later
-- gets them from the trigger below, in the transaction that opens it. Why 16: a transaction holds one stripe of an
-- account from its last statement to its commit, so 16 stripes let 16 transactions at a time add to the same
-- account without waiting (8 threads each in two instances, or one pool of 16 connections); each read of a system
-- account's balance sums its stripes, 16 rows in one index page.

CREATE TABLE ledger_account_stripe (
  account_id        VARCHAR(200) NOT NULL REFERENCES ledger_account (id),
  stripe            SMALLINT     NOT NULL CHECK (stripe >= 0),
  posted            BIGINT       NOT NULL DEFAULT 0,
  pending_debits    BIGINT       NOT NULL DEFAULT 0,
  pending_credits   BIGINT       NOT NULL DEFAULT 0,
  debt              BIGINT       NOT NULL DEFAULT 0,
  inflow            BIGINT       NOT NULL DEFAULT 0,
  outflow           BIGINT       NOT NULL DEFAULT 0,
  last_credit_at_ns NUMERIC(21),
  PRIMARY KEY (account_id, stripe)
) WITH (fillfactor = 50);

INSERT INTO ledger_account_stripe (account_id, stripe)
  SELECT a.id, s.stripe FROM ledger_account a CROSS JOIN generate_series(0, 15) AS s(stripe) WHERE a.type = 'SYSTEM';

CREATE FUNCTION ledger_account_add_stripes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_account_stripe (account_id, stripe) SELECT NEW.id, s FROM generate_series(0, 15) AS s;
  RETURN NULL;
END
$$;

CREATE TRIGGER ledger_account_stripes AFTER INSERT ON ledger_account
  FOR EACH ROW WHEN (NEW.type = 'SYSTEM') EXECUTE FUNCTION ledger_account_add_stripes();

-- Every account with what it holds: its row, plus the sum of its stripes for a system account. The same columns
-- as ledger_account, in the same order.
CREATE VIEW ledger_account_total AS
SELECT a.id, a.type, a.opened_at_ns,
       a.posted + COALESCE(s.posted, 0) AS posted,
       a.pending_debits + COALESCE(s.pending_debits, 0) AS pending_debits,
       a.pending_credits + COALESCE(s.pending_credits, 0) AS pending_credits,
       a.debt + COALESCE(s.debt, 0) AS debt,
       a.inflow + COALESCE(s.inflow, 0) AS inflow,
       a.outflow + COALESCE(s.outflow, 0) AS outflow,
       GREATEST(a.last_credit_at_ns, s.last_credit_at_ns) AS last_credit_at_ns
  FROM ledger_account a
  LEFT JOIN LATERAL (
    SELECT sum(x.posted)::bigint AS posted, sum(x.pending_debits)::bigint AS pending_debits,
           sum(x.pending_credits)::bigint AS pending_credits, sum(x.debt)::bigint AS debt,
           sum(x.inflow)::bigint AS inflow, sum(x.outflow)::bigint AS outflow,
           max(x.last_credit_at_ns) AS last_credit_at_ns
      FROM ledger_account_stripe x
     WHERE x.account_id = a.id AND a.type = 'SYSTEM') AS s ON true;
