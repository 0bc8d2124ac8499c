-- Loyalty SDK engine stores, schema version 4 (after V3__claims.sql): the audit log and the
-- approval requests of maker-checker (dev.loyalty.core.access). Apply with PostgresStores.migrate(),
-- or by hand in one transaction, then record the version:
--   INSERT INTO loyalty_schema_version (version, applied_at) VALUES (4, now());

-- The audit log (AuditStore): append-only, one row per position 1, 2, 3, ... (an append takes the
-- next position only, so logs in several instances keep one chain), each with its chain link.
-- Nothing updates or deletes a row; a DBA may revoke UPDATE and DELETE on it.
CREATE TABLE loyalty_audit (
  position    BIGINT         NOT NULL PRIMARY KEY CHECK (position >= 1),
  claimed     BIGINT         NOT NULL,   -- the position the entry itself names (its hash covers it):
                                         -- the same as position unless someone changed the row
  at_ns       NUMERIC(30, 0) NOT NULL,   -- when it was appended, nanoseconds since 1970 as in V1
  actor       VARCHAR(100)   NOT NULL,
  target_kind VARCHAR(100)   NOT NULL,
  target_id   VARCHAR(100)   NOT NULL,
  record      JSONB          NOT NULL,   -- actor, action, target, outcome, code, reason, before, after
  hash        CHAR(64)       NOT NULL    -- SHA-256 (hex) chaining it to the entry before
);
CREATE INDEX loyalty_audit_actor ON loyalty_audit (actor, position);
CREATE INDEX loyalty_audit_target ON loyalty_audit (target_kind, target_id, position);
CREATE INDEX loyalty_audit_at ON loyalty_audit (at_ns, position);

-- Approval requests (ApprovalStore): the latest version of each as JSON; an update only from the
-- version just before. inserted orders them as they were submitted.
CREATE TABLE loyalty_approval (
  id       VARCHAR(100) NOT NULL PRIMARY KEY,
  inserted BIGSERIAL    NOT NULL UNIQUE,
  version  BIGINT       NOT NULL CHECK (version >= 1),
  status   VARCHAR(32)  NOT NULL,
  request  JSONB        NOT NULL
);
CREATE INDEX loyalty_approval_status ON loyalty_approval (status, inserted);
