-- Loyalty SDK engine stores, schema version 8 (after V7): when each hashed identifying detail was first registered, so that a
-- claim's risk figures can see a participant's recent change of a contact or payout detail
-- (IdentityRecord.registeredAt). Apply with PostgresStores.migrate(), or by hand in one transaction,
-- then record the version:
--   INSERT INTO loyalty_schema_version (version, applied_at) VALUES (8, now());
--
-- Details registered before this version have no known time: they get the epoch (0), which reads as
-- "registered long ago", so that none of them counts as a recent change. The default is dropped
-- afterwards, so that every new row says its time.
ALTER TABLE loyalty_identity ADD COLUMN registered_ns NUMERIC(30, 0) NOT NULL DEFAULT 0;   -- nanoseconds since 1970, as in V1
ALTER TABLE loyalty_identity ALTER COLUMN registered_ns DROP DEFAULT;
