-- Loyalty SDK engine stores, schema version 3 (after V2__insights.sql): claims, the manufacturer's
-- invoice records with the register of claimed serial numbers, and hashed identities. Apply with
-- PostgresStores.migrate(), or by hand in one transaction, then record the version:
--   INSERT INTO loyalty_schema_version (version, applied_at) VALUES (3, now());

-- Claims (ClaimStore): the latest version of each, as JSON, with the columns its queries find it by.
-- inserted orders claims as they were first stored; touched orders them by their last write (a
-- claim found by its invoice or fingerprint comes after those written before it).
CREATE SEQUENCE loyalty_claim_touched;
CREATE TABLE loyalty_claim (
  id           VARCHAR(100)   NOT NULL PRIMARY KEY,
  inserted     BIGSERIAL      NOT NULL UNIQUE,
  touched      BIGINT         NOT NULL,
  version      BIGINT         NOT NULL CHECK (version >= 1),
  partner_id   VARCHAR(100)   NOT NULL,
  invoice_key  VARCHAR(100)   NOT NULL,   -- the invoice number's letters and digits, upper-cased
  fingerprint  CHAR(64)       NOT NULL,   -- SHA-256 of the invoice's key, date, currency and total
  status       VARCHAR(32)    NOT NULL,
  awaits       BOOLEAN        NOT NULL,   -- waits for a decision (IN_REVIEW, MORE_INFO_REQUESTED)
  submitted_ns NUMERIC(30, 0) NOT NULL,   -- nanoseconds since 1970, as in V1
  deadline_ns  NUMERIC(30, 0) NOT NULL,
  claim        JSONB          NOT NULL
);
CREATE INDEX loyalty_claim_invoice ON loyalty_claim (partner_id, invoice_key, touched);
CREATE INDEX loyalty_claim_fingerprint ON loyalty_claim (fingerprint, touched);
CREATE INDEX loyalty_claim_partner ON loyalty_claim (partner_id, submitted_ns, inserted);
CREATE INDEX loyalty_claim_status ON loyalty_claim (status, inserted);
CREATE INDEX loyalty_claim_due ON loyalty_claim (deadline_ns, id COLLATE "C") WHERE awaits;

-- The manufacturer's invoice records (JdbcInvoiceRegistry), by partner and invoice key.
CREATE TABLE loyalty_invoice_record (
  partner_id  VARCHAR(100) NOT NULL,
  invoice_key VARCHAR(100) NOT NULL,
  record      JSONB        NOT NULL,
  PRIMARY KEY (partner_id, invoice_key)
);

-- The register of claimed serial numbers: each claim of a serial once, in the order registered.
CREATE TABLE loyalty_serial_claim (
  serial     VARCHAR(100)   NOT NULL,   -- the serial number's key
  claim_id   VARCHAR(100)   NOT NULL,
  registered BIGSERIAL      NOT NULL UNIQUE,
  partner_id VARCHAR(100)   NOT NULL,
  claimant   VARCHAR(200)   NOT NULL,
  claimed_ns NUMERIC(30, 0) NOT NULL,
  PRIMARY KEY (serial, claim_id)
);

-- Hashed identifying details (IdentityStore): never a detail itself, only its salted hash.
CREATE TABLE loyalty_identity (
  kind           VARCHAR(20)  NOT NULL,
  hash           CHAR(64)     NOT NULL,
  p_kind         CHAR(1)      NOT NULL CHECK (p_kind IN ('P', 'M')),
  participant_id VARCHAR(100) NOT NULL,
  partner_id     VARCHAR(100) NOT NULL,   -- the participant's organisation
  added          BIGSERIAL    NOT NULL UNIQUE,
  PRIMARY KEY (kind, hash, p_kind, participant_id)
);
CREATE INDEX loyalty_identity_participant ON loyalty_identity (p_kind, participant_id, added);
