-- Loyalty SDK engine stores, schema version 6 (after V5__earned_points.sql): the burn side's
-- redemptions, stock and code pools (dev.loyalty.core.rewards). Apply with PostgresStores.migrate(),
-- or by hand in one transaction, then record the version:
--   INSERT INTO loyalty_schema_version (version, applied_at) VALUES (6, now());
-- The constraints and triggers make the states the engine never writes impossible to write at all:
-- a redemption filed twice, a revision skipped or overwritten, a final state left, stock below zero
-- or past what was declared, released units taken, a code held by two redemptions.

-- Redemptions (RedemptionStore): the latest version of each as JSON (its request, terms, history,
-- ledger ids, codes, shipment, refunds, refusal and the change pending), with the columns its queries
-- use. The id is the redemption's idempotency key: one row per id. filed orders them as they were
-- filed; settled: a final status and no change pending (the unsettled are what recovery reads).
CREATE TABLE loyalty_redemption (
  id         VARCHAR(100) NOT NULL PRIMARY KEY,
  filed      BIGSERIAL    NOT NULL UNIQUE,
  revision   BIGINT       NOT NULL CHECK (revision >= 0),
  w_kind     CHAR(1)      NOT NULL CHECK (w_kind IN ('P', 'M')),   -- the paying wallet: partner or member
  wallet_id  VARCHAR(100) NOT NULL,
  partner_id VARCHAR(100) NOT NULL,                               -- the wallet's organisation
  item_id    VARCHAR(100) NOT NULL,
  status     VARCHAR(20)  NOT NULL CHECK (status IN ('REQUESTED', 'ORDERED', 'SHIPPED', 'DELIVERED', 'FULFILLED',
                                                     'RETURNED', 'DELIVERY_FAILED', 'CANCELLED', 'EXPIRED',
                                                     'REFUSED')),
  settled    BOOLEAN      NOT NULL,
  paid       BOOLEAN      NOT NULL,                               -- its hold was posted
  redemption JSONB        NOT NULL,
  CHECK (NOT settled OR status NOT IN ('REQUESTED', 'ORDERED', 'SHIPPED')),
  -- the JSON and the columns describe the same version
  CHECK (redemption -> 'request' ->> 'id' = id AND redemption ->> 'status' = status
         AND (redemption ->> 'revision')::BIGINT = revision AND (redemption -> 'payment' IS NOT NULL) = paid)
);
CREATE INDEX loyalty_redemption_wallet ON loyalty_redemption (w_kind, wallet_id, filed);
CREATE INDEX loyalty_redemption_unsettled ON loyalty_redemption (filed) WHERE NOT settled;

-- A change replaces the version it read with the next revision: never another, never a skipped one;
-- what was asked (id, wallet, partner, item) and its filing place never change; a final state is
-- left only for RETURNED (every unit of a delivered redemption came back); points paid stay paid.
CREATE FUNCTION loyalty_redemption_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.revision <> OLD.revision + 1 THEN
    RAISE EXCEPTION 'redemption % is at revision %: it can only be replaced by revision %, not %', OLD.id,
      OLD.revision, OLD.revision + 1, NEW.revision USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.id <> OLD.id OR NEW.filed <> OLD.filed OR NEW.w_kind <> OLD.w_kind OR NEW.wallet_id <> OLD.wallet_id
      OR NEW.partner_id <> OLD.partner_id OR NEW.item_id <> OLD.item_id THEN
    RAISE EXCEPTION 'redemption % cannot change its id, wallet, partner, item or filing place', OLD.id
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status <> OLD.status AND (OLD.status IN ('FULFILLED', 'RETURNED', 'DELIVERY_FAILED', 'CANCELLED', 'EXPIRED',
      'REFUSED') OR OLD.status = 'DELIVERED' AND NEW.status <> 'RETURNED') THEN
    RAISE EXCEPTION 'redemption % is % and cannot become %', OLD.id, OLD.status, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.paid AND NOT NEW.paid THEN
    RAISE EXCEPTION 'redemption % was paid and cannot be unpaid', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER loyalty_redemption_guard BEFORE UPDATE ON loyalty_redemption
  FOR EACH ROW EXECUTE FUNCTION loyalty_redemption_guard();

-- Stock (StockStore): per item, the units redemptions hold (reserved) and have taken (used), and the
-- declared stock the last reservation was checked against (NULL: unlimited). A reservation adds to
-- reserved only while reserved + used stays within the declared stock it is given, in one statement
-- on the item's row (so of any number of instances reserving the last unit one gets it); taking and
-- releasing only move units out of reserved, so the sum never passes what was declared.
CREATE TABLE loyalty_stock (
  item_id  VARCHAR(100) NOT NULL PRIMARY KEY,
  reserved BIGINT       NOT NULL CHECK (reserved >= 0),
  used     BIGINT       NOT NULL CHECK (used >= 0),
  declared BIGINT       CHECK (declared >= 0),
  CHECK (declared IS NULL OR reserved + used <= declared)
);

-- One reservation per redemption: its units of one item, held (H), taken (T) or released (R).
CREATE TABLE loyalty_stock_reservation (
  redemption_id VARCHAR(100) NOT NULL PRIMARY KEY,
  item_id       VARCHAR(100) NOT NULL REFERENCES loyalty_stock (item_id),
  units         BIGINT       NOT NULL CHECK (units >= 1),
  state         CHAR(1)      NOT NULL CHECK (state IN ('H', 'T', 'R'))
);
CREATE INDEX loyalty_stock_reservation_item ON loyalty_stock_reservation (item_id);

-- A reservation moves H -> T, H -> R or T -> R, once; its item and units never change.
CREATE FUNCTION loyalty_stock_reservation_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.redemption_id <> OLD.redemption_id OR NEW.item_id <> OLD.item_id OR NEW.units <> OLD.units
      OR NOT (OLD.state = 'H' AND NEW.state IN ('T', 'R') OR OLD.state = 'T' AND NEW.state = 'R') THEN
    RAISE EXCEPTION 'the stock reservation of redemption % (% units of %, %) cannot become % units of %, %',
      OLD.redemption_id, OLD.units, OLD.item_id, OLD.state, NEW.units, NEW.item_id, NEW.state
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER loyalty_stock_reservation_guard BEFORE UPDATE ON loyalty_stock_reservation
  FOR EACH ROW EXECUTE FUNCTION loyalty_stock_reservation_guard();

-- Code pools (CodePoolStore): per pool, how many codes are free. A claim takes the pool's row first,
-- so claims of one pool, in any instance, go one at a time and never count a code twice.
CREATE TABLE loyalty_code_pool (
  pool VARCHAR(50) NOT NULL PRIMARY KEY,
  free BIGINT      NOT NULL CHECK (free >= 0)
);

-- Every code a pool was ever given, once (so loading it again adds nothing), with the redemption
-- it was given to: one column, so no code is held by two redemptions. place orders the free codes:
-- loaded codes by load order (positive), a code given back before them all (negative, from the same
-- sequence, so the last given back comes first).
CREATE SEQUENCE loyalty_code_place;
CREATE TABLE loyalty_code (
  pool          VARCHAR(50)  NOT NULL REFERENCES loyalty_code_pool (pool),
  code          VARCHAR(200) NOT NULL,
  place         BIGINT       NOT NULL,
  redemption_id VARCHAR(100),
  PRIMARY KEY (pool, code)
);
CREATE INDEX loyalty_code_free ON loyalty_code (pool, place) WHERE redemption_id IS NULL;
CREATE INDEX loyalty_code_given ON loyalty_code (pool, redemption_id, place) WHERE redemption_id IS NOT NULL;
