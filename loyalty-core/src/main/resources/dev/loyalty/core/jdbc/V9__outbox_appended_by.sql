-- Loyalty SDK engine stores, schema version 9 (after V8): which append put each outbox event in, so
-- that the instance that appended an event delivers it from the object it holds rather than reading
-- its JSON back and parsing it (JdbcEventOutbox). Each append of an instance has a number of its own,
-- counted from a random start per instance. Apply with PostgresStores.migrate(), or by hand in one
-- transaction, then record the version:
--   INSERT INTO loyalty_schema_version (version, applied_at) VALUES (9, now());
--
-- Events appended before this version have none (NULL): they are read back as before. Adding a
-- column without a default rewrites nothing.
ALTER TABLE loyalty_outbox ADD COLUMN appended_by BIGINT;
