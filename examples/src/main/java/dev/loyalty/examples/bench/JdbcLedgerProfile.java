package dev.loyalty.examples.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.loyalty.examples.ManualClock;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.jdbc.JdbcLedgerStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a ledger command's time goes in PostgreSQL, where the benchmark only says how long it
 * took: for the naive transfer, a ledger transfer between wallets, an award from one budget and
 * batches of 5 and 100, on one thread, the server's own time and WAL per transfer for every statement
 * (pg_stat_statements), the WAL per transfer in all, the client thread's own CPU time, and how
 * many row updates were HOT (in place, no index entries). This is what found the sequential scans, the re-planning and the rewritten
 * transaction rows that the store no longer has; run it before changing the store's SQL.
 *
 * <pre>
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.JdbcLedgerProfile
 * </pre>
 *
 * {@code -Dexec.args="--transfers 5000"} measures more (2,000 by default, after as many again of
 * warm-up; the batch row measures 20 batches). {@code --server-log DIR} also has the server log
 * every statement with its duration (the {@code COMMIT} included, which pg_stat_statements does not
 * time) and the plan, with actual row counts and times, of 2% of them (auto_explain), into DIR.
 */
public final class JdbcLedgerProfile {

  /** About the group a commit gathers from 8 writers in the benchmark. */
  private static final int GROUP = 5;
  private static final Instant EXPIRY = Instant.parse("2027-12-31T00:00:00Z");

  private final PrintStream out;
  private final int transfers;
  private final Map<String, String> serverSettings = new java.util.HashMap<>();

  private JdbcLedgerProfile(PrintStream out, int transfers, java.util.Optional<String> serverLog) {
    this.out = out;
    this.transfers = transfers;
    serverSettings.put("shared_preload_libraries", "pg_stat_statements");
    serverSettings.put("pg_stat_statements.track_planning", "on");
    serverLog.ifPresent(dir -> {
      serverSettings.put("shared_preload_libraries", "pg_stat_statements,auto_explain");
      serverSettings.put("logging_collector", "on");
      serverSettings.put("log_directory", java.nio.file.Path.of(dir).toAbsolutePath().toString());
      serverSettings.put("log_min_duration_statement", "0");
      serverSettings.put("auto_explain.log_min_duration", "0");
      serverSettings.put("auto_explain.sample_rate", "0.02");
      serverSettings.put("auto_explain.log_analyze", "on");
    });
  }

  public static void main(String[] args) throws Exception {
    List<String> flags = List.of(args);
    int at = flags.indexOf("--transfers");
    int log = flags.indexOf("--server-log");
    new JdbcLedgerProfile(System.out, at >= 0 ? Integer.parseInt(flags.get(at + 1)) : 2_000,
        log >= 0 ? java.util.Optional.of(flags.get(log + 1)) : java.util.Optional.empty()).run();
  }

  private void run() throws Exception {
    try (EmbeddedPostgres pg = JdbcBench.server(true, serverSettings);
        HikariDataSource pool = JdbcBench.pool(pg)) {
      execute(pool, "CREATE EXTENSION pg_stat_statements");
      JdbcLedgerStore store = JdbcLedgerStore.using(pool);
      store.migrate();
      Ledger ledger = Ledger.using(store, new ManualClock(Instant.parse("2026-01-01T00:00:00Z")));
      List<AccountId> wallets = JdbcBench.setUpLedger(ledger);
      JdbcBench.setUpNaive(pool);
      out.printf("PostgreSQL %s, durable, one thread; server time and WAL per transfer, %,d transfers per row%n",
          JdbcBench.serverVersion(pool), transfers);
      SplittableRandom random = new SplittableRandom(1);
      AtomicLong keys = new AtomicLong();
      profile(pool, "naive transfer", 1, () -> {
        int a = random.nextInt(JdbcBench.WALLETS);
        JdbcBench.naiveTransfer(pool, a, (a + 1 + random.nextInt(JdbcBench.WALLETS - 1)) % JdbcBench.WALLETS, 1);
      });
      profile(pool, "ledger transfer between wallets", 1, () -> ledger.transfer(spread(wallets, random, keys)));
      profile(pool, "ledger award from one budget", 1, () -> ledger.transfer(TransferRequest.of(
          IdempotencyKey.of("h" + keys.incrementAndGet()), "award", Entry.debit(JdbcBench.BUDGET, 1),
          Entry.credit(wallets.get(random.nextInt(JdbcBench.WALLETS)), 1, Expiry.at(EXPIRY)))));
      // a group commit gathers a handful of commands; 100 is a bulk import's batch
      for (int size : new int[] {GROUP, JdbcBench.BATCH}) {
        profile(pool, "ledger executeAll, batches of " + size, size, () -> {
          List<TransferRequest> batch = new ArrayList<>(size);
          for (int k = 0; k < size; k++) {
            batch.add(spread(wallets, random, keys));
          }
          ledger.executeAll(batch);
        });
      }
    }
  }

  private static TransferRequest spread(List<AccountId> wallets, SplittableRandom random, AtomicLong keys) {
    int a = random.nextInt(JdbcBench.WALLETS);
    int b = (a + 1 + random.nextInt(JdbcBench.WALLETS - 1)) % JdbcBench.WALLETS;
    return TransferRequest.of(IdempotencyKey.of("p" + keys.incrementAndGet()), "share",
        Entry.debit(wallets.get(a), 1), Entry.credit(wallets.get(b), 1, Expiry.carried()));
  }

  @FunctionalInterface
  private interface Call {
    void run() throws Exception;
  }

  /** Warms up, resets the statistics, runs {@code transfers} transfers in calls of {@code perCall}, prints. */
  private void profile(HikariDataSource pool, String name, int perCall, Call call) throws Exception {
    int calls = Math.max(1, transfers / perCall);
    for (int i = 0; i < calls; i++) {
      call.run();
    }
    execute(pool, "SELECT pg_stat_statements_reset()");
    long[] tuples = tuples(pool);
    String walStart = text(pool, "SELECT pg_current_wal_lsn()::text");
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuStart = cpu.getCurrentThreadCpuTime();
    long userStart = cpu.getCurrentThreadUserTime();
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      call.run();
    }
    double micros = (System.nanoTime() - start) / 1e3;
    // user time inside the CPU time's window; the JVM reads user time in clock ticks (10 ms), so the
    // split is only as good as 10 ms over the whole row
    double userMicros = (cpu.getCurrentThreadUserTime() - userStart) / 1e3;
    double cpuMicros = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e3;
    long done = (long) calls * perCall;
    long wal = Long.parseLong(text(pool, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '" + walStart + "')::bigint"));
    Thread.sleep(600); // the statistics collector reports table counts every 500 ms
    long[] after = tuples(pool);
    out.printf(Locale.ROOT, "%n%s: %,.0f µs per transfer from the client (its CPU: %,.0f µs user, %,.0f µs system), "
            + "WAL %,d bytes per transfer, %,d of %,d row updates HOT, load %s%n", name, micros / done,
        userMicros / done, (cpuMicros - userMicros) / done, wal / done,
        after[1] - tuples[1], after[0] - tuples[0], LoadAverage.oneMinuteText());
    out.println("  server µs/transfer  of it planning  WAL B/transfer   calls  statement");
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT calls, total_exec_time + total_plan_time, wal_bytes, "
            + "left(regexp_replace(query, '\\s+', ' ', 'g'), 110), total_plan_time FROM pg_stat_statements "
            + "WHERE query NOT LIKE '%pg_stat%' AND query NOT LIKE '%wal_lsn%' "
            + "ORDER BY total_exec_time + total_plan_time DESC LIMIT 14")) {
      while (rs.next()) {
        out.printf(Locale.ROOT, "  %18.1f %15.1f %15d %7d  %s%n", rs.getDouble(2) * 1e3 / done,
            rs.getDouble(5) * 1e3 / done, rs.getLong(3) / done,
            rs.getLong(1), rs.getString(4));
      }
    }
  }

  /** Row updates and HOT row updates so far, over the ledger's and the naive transfer's tables. */
  private static long[] tuples(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(n_tup_upd), 0), COALESCE(SUM(n_tup_hot_upd), 0) "
            + "FROM pg_stat_user_tables")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  private static String text(HikariDataSource pool, String sql) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void execute(HikariDataSource pool, String sql) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
