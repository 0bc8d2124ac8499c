package dev.loyalty.ledger.jdbc;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.spi.TestClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Not a test (its name keeps it out of {@code verify}): a probe of what the ledger's write costs
 * PostgreSQL, in counts that do not depend on the machine's load. Run it alone:
 *
 * <pre>
 * mvn -o -q -pl loyalty-ledger test-compile surefire:test -Dtest=JdbcWriteCostProbe -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * and read the lines starting with {@code PROBE} in
 * {@code loyalty-ledger/target/surefire-reports/dev.loyalty.ledger.jdbc.JdbcWriteCostProbe-output.txt}: rows
 * per transfer in each table and WAL per transfer (1,000 single transfers between 100 wallets with carried
 * expiry, then 10 batches of 100), the plan of the write statement with buffers and WAL per part ({@code
 * EXPLAIN (ANALYZE, BUFFERS, WAL)} of the statement as sent, with its parameters, run in a savepoint that is
 * rolled back before the statement itself runs) for two transfers, an award from the issuance account and
 * one batch, and the WAL of each table's rows copied into an empty twin (heap and index entries, roughly:
 * page splits of a fresh index differ).
 */
class JdbcWriteCostProbe {
  @Test
  void probe() throws Exception {
    PostgresFixture.freshStore();
    DataSource ds = PostgresFixture.dataSource();
    DataSource explaining = explaining(ds);
    JdbcLedgerStore store = JdbcLedgerStore.using(explaining);
    Ledger ledger = Ledger.using(store, new TestClock());
    AccountId iss = AccountId.of("system:issuance");
    ledger.openAccount(iss, AccountType.SYSTEM);
    List<AccountId> w = new ArrayList<>();
    List<TransferRequest> pre = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      AccountId a = AccountId.of("wallet:" + i);
      ledger.openAccount(a, AccountType.WALLET);
      w.add(a);
      pre.add(TransferRequest.of(IdempotencyKey.of("prefund-" + i), "prefund", Entry.debit(iss, 10_000_000),
          Entry.credit(a, 10_000_000, Expiry.at(Instant.parse("2027-12-31T00:00:00Z")))));
    }
    ledger.executeAll(pre);
    int n = 1000;
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    Map<String, Long> before = counts(ds);
    String lsn = text(ds, "SELECT pg_current_wal_lsn()::text");
    for (int k = 0; k < n; k++) {
      int a = r.nextInt(100);
      int b = (a + 1 + r.nextInt(99)) % 100;
      ledger.transfer(TransferRequest.of(IdempotencyKey.of("p" + k), "share", Entry.debit(w.get(a), 1),
          Entry.credit(w.get(b), 1, Expiry.carried())));
    }
    long wal = Long.parseLong(text(ds, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '" + lsn + "')::bigint"));
    EXPLAIN.set(2);
    for (int k = 0; k < 2; k++) {
      ledger.transfer(TransferRequest.of(IdempotencyKey.of("x" + k), "share", Entry.debit(w.get(k), 1),
          Entry.credit(w.get(k + 1), 1, Expiry.carried())));
    }
    EXPLAIN.set(1);
    ledger.transfer(TransferRequest.of(IdempotencyKey.of("aw"), "award", Entry.debit(iss, 1),
          Entry.credit(w.get(5), 1, Expiry.at(Instant.parse("2027-12-31T00:00:00Z")))));
    Map<String, Long> after = counts(ds);
    System.out.println("PROBE WAL per single transfer (incl. seals): " + wal / n);
    for (String t : after.keySet()) {
      System.out.println("PROBE rows " + t + " +" + (after.get(t) - before.getOrDefault(t, 0L)) / (double) n);
    }
    // batches
    lsn = text(ds, "SELECT pg_current_wal_lsn()::text");
    for (int k = 0; k < 10; k++) {
      List<TransferRequest> batch = new ArrayList<>();
      for (int j = 0; j < 100; j++) {
        int a = r.nextInt(100);
        int b = (a + 1 + r.nextInt(99)) % 100;
        batch.add(TransferRequest.of(IdempotencyKey.of("b" + k + "-" + j), "share", Entry.debit(w.get(a), 1),
            Entry.credit(w.get(b), 1, Expiry.carried())));
      }
      if (k == 9) {
        EXPLAIN.set(1);
      }
      ledger.executeAll(batch);
    }
    wal = Long.parseLong(text(ds, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '" + lsn + "')::bigint"));
    System.out.println("PROBE WAL per batched transfer (incl. seals): " + wal / 1000);
    // per-table: copy the rows into an empty twin and count its WAL
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (String t : List.of("ledger_transaction", "ledger_unsealed", "ledger_account_entry", "ledger_lot",
          "ledger_idempotency", "ledger_seal")) {
        s.execute("DROP TABLE IF EXISTS probe_" + t);
        s.execute("CREATE TABLE probe_" + t + " (LIKE " + t + " INCLUDING ALL)");
        String cols = cols(c, t);
        String where = t.equals("ledger_lot") ? " WHERE lot_tx > 200" : t.equals("ledger_idempotency")
            ? " WHERE key LIKE 'p%'" : t.equals("ledger_account_entry") || t.equals("ledger_seal") ? " WHERE transaction_id > 200"
            : t.equals("ledger_transaction") ? " WHERE id > 200" : "";
        long rows = count(c, "SELECT count(*) FROM " + t + where);
        String l0 = text(ds, "SELECT pg_current_wal_lsn()::text");
        s.execute("INSERT INTO probe_" + t + " (" + cols + ") SELECT " + cols + " FROM " + t + where);
        long tw = Long.parseLong(text(ds, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '" + l0 + "')::bigint"));
        System.out.printf("PROBE table %s: %d rows, WAL %.1f per row; avg row width %s; indexes %s%n", t, rows,
            tw / (double) rows, text(ds, "SELECT avg(pg_column_size(x.*))::int FROM " + t + " x"),
            text(ds, "SELECT string_agg(indexdef, ' | ') FROM pg_indexes WHERE tablename = '" + t + "'"));
        s.execute("DROP TABLE probe_" + t);
      }
      try (ResultSet rs = s.executeQuery("SELECT avg(length(detail)), avg(length(idempotency_key)) FROM ledger_transaction WHERE id > 200")) {
        rs.next();
        System.out.println("PROBE detail bytes " + rs.getString(1) + " key " + rs.getString(2));
      }
    }
  }

  static final java.util.concurrent.atomic.AtomicInteger EXPLAIN = new java.util.concurrent.atomic.AtomicInteger();

  static DataSource explaining(DataSource target) {
    return (DataSource) java.lang.reflect.Proxy.newProxyInstance(JdbcWriteCostProbe.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, m, args) -> {
          Object r = m.invoke(target, args);
          if (!m.getName().equals("getConnection")) {
            return r;
          }
          Connection c = (Connection) r;
          return java.lang.reflect.Proxy.newProxyInstance(JdbcWriteCostProbe.class.getClassLoader(),
              new Class<?>[] {Connection.class}, (p2, m2, a2) -> {
                Object r2 = m2.invoke(c, a2);
                if (m2.getName().equals("prepareStatement") && a2.length == 1 && ((String) a2[0]).startsWith("WITH acc AS")) {
                  String sql = ((String) a2[0]).replace("; COMMIT", "");
                  java.sql.PreparedStatement ps = (java.sql.PreparedStatement) r2;
                  List<Object[]> sets = new ArrayList<>();
                  return java.lang.reflect.Proxy.newProxyInstance(JdbcWriteCostProbe.class.getClassLoader(),
                      new Class<?>[] {java.sql.PreparedStatement.class}, (p3, m3, a3) -> {
                        if (m3.getName().startsWith("set") && a3 != null && a3.length >= 2) {
                          sets.add(new Object[] {m3, a3});
                        }
                        if (m3.getName().startsWith("execute") && EXPLAIN.get() > 0) {
                          EXPLAIN.decrementAndGet();
                          try (Statement s = c.createStatement()) {
                            s.execute("SAVEPOINT probe");
                          }
                          try (java.sql.PreparedStatement e = c.prepareStatement(
                              "EXPLAIN (ANALYZE, BUFFERS, WAL, COSTS OFF) " + sql)) {
                            for (Object[] x : sets) {
                              ((java.lang.reflect.Method) x[0]).invoke(e, (Object[]) x[1]);
                            }
                            StringBuilder b = new StringBuilder("PROBE PLAN\n");
                            try (ResultSet rs = e.executeQuery()) {
                              while (rs.next()) {
                                b.append("PROBE   ").append(rs.getString(1)).append('\n');
                              }
                            }
                            System.out.println(b);
                          }
                          try (Statement s = c.createStatement()) {
                            s.execute("ROLLBACK TO SAVEPOINT probe");
                          }
                        }
                        return m3.invoke(ps, a3);
                      });
                }
                return r2;
              });
        });
  }

  private static String cols(Connection c, String t) throws SQLException {
    return text(c, "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns "
        + "WHERE table_name = '" + t + "' AND is_generated = 'NEVER'");
  }

  private static long count(Connection c, String sql) throws SQLException {
    return Long.parseLong(text(c, sql));
  }

  private static Map<String, Long> counts(DataSource ds) throws SQLException {
    Map<String, Long> m = new LinkedHashMap<>();
    try (Connection c = ds.getConnection()) {
      for (String t : List.of("ledger_transaction", "ledger_unsealed", "ledger_account_entry", "ledger_lot",
          "ledger_idempotency", "ledger_seal")) {
        m.put(t, count(c, "SELECT count(*) FROM " + t));
      }
    }
    return m;
  }

  private static String text(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection()) {
      return text(c, sql);
    }
  }

  private static String text(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
