-- Loyalty SDK engine stores, schema version 7 (after V6): what engine.insights() adds up from the
-- activity journal, in plain columns beside it, so that its reports are SQL aggregates over narrow
-- rows instead of a pass over every entry's JSON. Apply with PostgresStores.migrate(), or by hand in
-- one transaction, then record the version:
--   INSERT INTO loyalty_schema_version (version, applied_at) VALUES (7, now());
-- The journal store derives an entry's facts whenever it writes the entry, and writes them in the
-- same statement, so the two never disagree; this script fills them in for the entries written
-- before it (loyalty_journal_fact_fill). Instants are nanoseconds since 1970 (NUMERIC), as in V1;
-- participants a kind ('P' partner, 'M' member) and an id, as in loyalty_participant.

-- One row per journal entry.
CREATE TABLE loyalty_journal_fact (
  activity_id   VARCHAR(100)   NOT NULL PRIMARY KEY,   -- the loyalty_journal row
  partner_id    VARCHAR(100)   NOT NULL,
  member_id     VARCHAR(100),                          -- the activity's member, if any
  kind          VARCHAR(100)   NOT NULL,               -- the activity's kind ("sale", "return", ...)
  invoice_id    VARCHAR(100),                          -- a return's invoice
  status        VARCHAR(16)    NOT NULL,               -- the receipt's status
  complete      BOOLEAN        NOT NULL,
  held          BOOLEAN        NOT NULL,               -- the receipt has review holds
  occurred_ns   NUMERIC(30, 0) NOT NULL,               -- the activity's time
  posted_ns     NUMERIC(30, 0) NOT NULL,               -- the activity's time or the receipt's, whichever
                                                       -- is earlier: when its ledger steps count
  sales         NUMERIC,                               -- a sale's total (the sum of its line amounts)
  -- the receipt's posted review holds, in its order: the accounts held from and to, and the ledger
  -- transaction that posted the hold (an award approved in review counts by it)
  hold_from     TEXT[]         NOT NULL,
  hold_to       TEXT[]         NOT NULL,
  hold_tx       BIGINT[]       NOT NULL,
  -- a return's take-backs, in its order: the index of the invoice's award, and the points
  return_award  INTEGER[]      NOT NULL,
  return_points BIGINT[]       NOT NULL
);
CREATE INDEX loyalty_journal_fact_occurred ON loyalty_journal_fact (occurred_ns);
CREATE INDEX loyalty_journal_fact_posted ON loyalty_journal_fact (posted_ns);

-- One row per award of an entry's receipt (seq: its index in the receipt), with the entry's status,
-- completeness, holds and posting time, so that the points per rule and campaign are one scan.
CREATE TABLE loyalty_journal_award (
  activity_id    VARCHAR(100)   NOT NULL,
  seq            INTEGER        NOT NULL CHECK (seq >= 0),
  status         VARCHAR(16)    NOT NULL,
  complete       BOOLEAN        NOT NULL,
  held           BOOLEAN        NOT NULL,
  posted_ns      NUMERIC(30, 0) NOT NULL,
  kind           CHAR(1)        NOT NULL CHECK (kind IN ('P', 'M')),   -- the beneficiary
  participant_id VARCHAR(100)   NOT NULL,
  rule_id        TEXT           NOT NULL,
  rule_version   TEXT           NOT NULL,
  campaign_id    VARCHAR(100),
  points         BIGINT         NOT NULL,
  PRIMARY KEY (activity_id, seq)
);
CREATE INDEX loyalty_journal_award_posted ON loyalty_journal_award (posted_ns);

-- An instant as Instant.toString() writes it in the journal's JSON ("2026-07-05T04:30:00Z", with 3,
-- 6 or 9 decimals when it has any), in nanoseconds since 1970; years 0001 to 9999.
CREATE FUNCTION loyalty_instant_ns(t TEXT) RETURNS NUMERIC LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT extract(epoch FROM (substring(t FROM 1 FOR 19) || '+00')::timestamptz)::numeric(30, 0) * 1000000000
       + COALESCE(rpad(substring(t FROM '\.([0-9]{1,9})Z$'), 9, '0')::numeric, 0)
$$;

-- Writes the facts of every journal entry that has none, from its JSON, as the journal store derives
-- them when it writes an entry; returns how many entries it filled in. Version 7 runs it once; running
-- it again fills in nothing.
CREATE FUNCTION loyalty_journal_fact_fill() RETURNS BIGINT LANGUAGE sql AS $$
  WITH missing AS (
    SELECT j.activity_id, j.partner_id, j.activity->>'member' AS member_id, j.kind, j.invoice_id, j.status,
           j.complete, jsonb_array_length(j.receipt->'holds') > 0 AS held, o.ns AS occurred_ns,
           least(o.ns, loyalty_instant_ns(j.receipt->>'recordedAt')) AS posted_ns, j.activity, j.receipt
      FROM loyalty_journal j
     CROSS JOIN LATERAL (SELECT loyalty_instant_ns(j.activity->>'occurredAt') AS ns) o
     WHERE NOT EXISTS (SELECT 1 FROM loyalty_journal_fact f WHERE f.activity_id = j.activity_id)),
  awards AS (
    INSERT INTO loyalty_journal_award (activity_id, seq, status, complete, held, posted_ns, kind, participant_id,
      rule_id, rule_version, campaign_id, points)
    SELECT m.activity_id, x.n - 1, m.status, m.complete, m.held, m.posted_ns,
           CASE WHEN x.a->>'beneficiary' LIKE 'partner:%' THEN 'P' ELSE 'M' END,
           substring(x.a->>'beneficiary' FROM position(':' IN x.a->>'beneficiary') + 1),
           x.a->'rule'->>'id', x.a->'rule'->>'version', x.a->>'campaign', (x.a->>'points')::bigint
      FROM missing m CROSS JOIN LATERAL jsonb_array_elements(m.receipt->'awards') WITH ORDINALITY AS x(a, n)),
  facts AS (
    INSERT INTO loyalty_journal_fact (activity_id, partner_id, member_id, kind, invoice_id, status, complete, held,
      occurred_ns, posted_ns, sales, hold_from, hold_to, hold_tx, return_award, return_points)
    SELECT m.activity_id, m.partner_id, m.member_id, m.kind, m.invoice_id, m.status, m.complete, m.held,
           m.occurred_ns, m.posted_ns,
           CASE WHEN m.activity->>'type' = 'sale' THEN
             (SELECT COALESCE(sum((l->>'amount')::numeric), 0) FROM jsonb_array_elements(m.activity->'lines') l)
           END,
           ARRAY(SELECT h->>'from' FROM jsonb_array_elements(m.receipt->'holds') WITH ORDINALITY AS x(h, n)
                  WHERE h->>'state' = 'POSTED' ORDER BY n),
           ARRAY(SELECT h->>'to' FROM jsonb_array_elements(m.receipt->'holds') WITH ORDINALITY AS x(h, n)
                  WHERE h->>'state' = 'POSTED' ORDER BY n),
           ARRAY(SELECT (h->>'resolvedBy')::bigint FROM jsonb_array_elements(m.receipt->'holds') WITH ORDINALITY AS x(h, n)
                  WHERE h->>'state' = 'POSTED' ORDER BY n),
           ARRAY(SELECT (r->>'award')::integer FROM jsonb_array_elements(m.receipt->'returns') WITH ORDINALITY AS x(r, n)
                  ORDER BY n),
           ARRAY(SELECT (r->>'points')::bigint FROM jsonb_array_elements(m.receipt->'returns') WITH ORDINALITY AS x(r, n)
                  ORDER BY n)
      FROM missing m
    RETURNING 1)
  SELECT count(*) FROM facts
$$;

SELECT loyalty_journal_fact_fill();
