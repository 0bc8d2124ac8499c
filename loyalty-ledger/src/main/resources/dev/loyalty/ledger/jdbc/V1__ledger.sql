-- Loyalty SDK points ledger, schema version 1 (PostgreSQL).
-- Apply with JdbcLedgerStore.migrate(), or by hand in one transaction, then record the version:
--   INSERT INTO ledger_schema_version (version, applied_at) VALUES (1, now());
-- Instants are stored exactly as nanoseconds since 1970-01-01T00:00:00Z in BIGINT columns named
-- *_ns (to read one: to_timestamp(x / 1e9)); NULL expiry means "never expires".

CREATE TABLE ledger_schema_version (
  version    INTEGER     NOT NULL PRIMARY KEY,
  applied_at TIMESTAMPTZ NOT NULL
);

-- One row per account; the row is the lock a command takes (SELECT ... FOR UPDATE, sorted by id).
CREATE TABLE ledger_account (
  id              VARCHAR(200) NOT NULL PRIMARY KEY,
  type            VARCHAR(16)  NOT NULL CHECK (type IN ('WALLET', 'BUDGET', 'SYSTEM')),
  opened_at_ns    BIGINT       NOT NULL,
  posted          BIGINT       NOT NULL,
  pending_debits  BIGINT       NOT NULL CHECK (pending_debits >= 0),
  pending_credits BIGINT       NOT NULL CHECK (pending_credits >= 0),
  debt            BIGINT       NOT NULL CHECK (debt >= 0)
);

CREATE SEQUENCE ledger_transaction_id_seq;

-- The journal. Rows are never updated except to record their place in the hash chain.
CREATE TABLE ledger_transaction (
  id              BIGINT       NOT NULL PRIMARY KEY,
  type            VARCHAR(16)  NOT NULL,
  idempotency_key VARCHAR(200) NOT NULL,
  reason          VARCHAR(100) NOT NULL,
  effective_at_ns BIGINT       NOT NULL,
  recorded_at_ns  BIGINT       NOT NULL,
  hold_id         BIGINT,
  reverses        BIGINT UNIQUE,          -- a transaction is reversed at most once
  seal_position   BIGINT UNIQUE           -- NULL until the sealer links it into the chain
);
CREATE INDEX ledger_transaction_unsealed ON ledger_transaction (id) WHERE seal_position IS NULL;

-- Posted movements (pending = false) and the pending amounts of holds (pending = true).
CREATE TABLE ledger_posting (
  transaction_id BIGINT       NOT NULL REFERENCES ledger_transaction (id),
  pending        BOOLEAN      NOT NULL,
  seq            INTEGER      NOT NULL,
  account_id     VARCHAR(200) NOT NULL REFERENCES ledger_account (id),
  amount         BIGINT       NOT NULL CHECK (amount <> 0),
  PRIMARY KEY (transaction_id, pending, seq)
);
CREATE INDEX ledger_posting_account ON ledger_posting (account_id, transaction_id);

CREATE TABLE ledger_lot_movement (
  transaction_id BIGINT       NOT NULL REFERENCES ledger_transaction (id),
  seq            INTEGER      NOT NULL,
  account_id     VARCHAR(200) NOT NULL,
  lot_tx         BIGINT       NOT NULL,
  lot_index      INTEGER      NOT NULL,
  amount         BIGINT       NOT NULL CHECK (amount <> 0),
  expires_at_ns  BIGINT,
  PRIMARY KEY (transaction_id, seq)
);

CREATE TABLE ledger_transaction_metadata (
  transaction_id BIGINT        NOT NULL REFERENCES ledger_transaction (id),
  key            VARCHAR(100)  NOT NULL,
  value          VARCHAR(2000) NOT NULL,
  PRIMARY KEY (transaction_id, key)
);

CREATE TABLE ledger_lot (
  account_id    VARCHAR(200) NOT NULL REFERENCES ledger_account (id),
  lot_tx        BIGINT       NOT NULL,
  lot_index     INTEGER      NOT NULL,
  original      BIGINT       NOT NULL CHECK (original > 0),
  remaining     BIGINT       NOT NULL CHECK (remaining >= 0 AND remaining <= original),
  held          BIGINT       NOT NULL CHECK (held >= 0 AND held <= remaining),
  expires_at_ns BIGINT,
  created_at_ns BIGINT       NOT NULL,
  PRIMARY KEY (account_id, lot_tx, lot_index)
);
-- Spend order of the open lots of a wallet: soonest expiry first (never last), then oldest.
CREATE INDEX ledger_lot_open ON ledger_lot (account_id, (COALESCE(expires_at_ns, 9223372036854775807)), lot_tx, lot_index)
  WHERE remaining > 0;

CREATE TABLE ledger_hold (
  id               BIGINT       NOT NULL PRIMARY KEY,
  from_account     VARCHAR(200) NOT NULL REFERENCES ledger_account (id),
  to_account       VARCHAR(200) NOT NULL REFERENCES ledger_account (id),
  amount           BIGINT       NOT NULL CHECK (amount > 0),
  to_expiry        VARCHAR(8)   NOT NULL CHECK (to_expiry IN ('AT', 'NEVER', 'CARRIED')),
  to_expiry_at_ns  BIGINT,
  timeout_at_ns    BIGINT,
  status           VARCHAR(8)   NOT NULL CHECK (status IN ('OPEN', 'POSTED', 'VOIDED')),
  posted_amount    BIGINT       NOT NULL,
  resolved_by      BIGINT,
  created_at_ns    BIGINT       NOT NULL
);
CREATE INDEX ledger_hold_open ON ledger_hold (id) WHERE status = 'OPEN';

CREATE TABLE ledger_hold_reservation (
  hold_id   BIGINT  NOT NULL REFERENCES ledger_hold (id),
  seq       INTEGER NOT NULL,
  lot_tx    BIGINT  NOT NULL,
  lot_index INTEGER NOT NULL,
  amount    BIGINT  NOT NULL CHECK (amount > 0),
  PRIMARY KEY (hold_id, seq)
);

-- The first outcome of every idempotency key, written in the same transaction as its effects.
CREATE TABLE ledger_idempotency (
  key               VARCHAR(200) NOT NULL PRIMARY KEY,
  fingerprint       BYTEA        NOT NULL,
  transaction_id    BIGINT,
  rejection_code    VARCHAR(32),
  rejection_message TEXT
);

-- The hash chain: hash(n) = SHA-256(hash(n-1) || canonical encoding of the transaction).
CREATE TABLE ledger_seal (
  position       BIGINT NOT NULL PRIMARY KEY,
  transaction_id BIGINT NOT NULL UNIQUE REFERENCES ledger_transaction (id),
  hash           BYTEA  NOT NULL
);
