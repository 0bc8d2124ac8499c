-- Loyalty SDK engine stores, schema version 10 (after V9): loyalty_add_amounts, which adds two maps
-- of amounts key by key (a participant's month of figures, a period of earned points), rewritten as
-- a PL/pgSQL loop over the second map's keys. Apply with PostgresStores.migrate(), or by hand in one
-- transaction, then record the version:
--   INSERT INTO loyalty_schema_version (version, applied_at) VALUES (10, now());
--
-- Why: the version-1 function was one SQL query with an aggregate, which PostgreSQL does not
-- inline, so every statement that called it planned that query again (the earned points' upsert,
-- four period rows per activity, spent about 45 µs of server time per row in it). The loop is
-- planned once per session and walks only the second map, the one activity's few keys. Measured by
-- the engine benchmark on PostgreSQL (EngineBenchmark --postgres, docs/BENCHMARKS.md): the earned
-- points' upsert 320 -> 146 µs per call, the figures' 173 -> 80 µs. The result is the same for the maps the stores keep (no
-- key holds zero: a key whose total comes to zero is removed, as before); nothing stored changes.
CREATE OR REPLACE FUNCTION loyalty_add_amounts(a JSONB, b JSONB) RETURNS JSONB LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  total JSONB := a;
  k TEXT;
  v TEXT;
  sum NUMERIC;
BEGIN
  FOR k, v IN SELECT key, value FROM jsonb_each_text(b) LOOP
    sum := COALESCE((total ->> k)::numeric, 0) + v::numeric;
    IF sum = 0 THEN
      total := total - k;
    ELSE
      total := jsonb_set(total, ARRAY[k], to_jsonb(sum));
    END IF;
  END LOOP;
  RETURN total;
END $$;
