package dev.loyalty.examples.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.loyalty.examples.ManualClock;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.CommandResult;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.jdbc.JdbcLedgerStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import org.postgresql.ds.PGSimpleDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The PostgreSQL ledger store against a naive, correct JDBC transfer (lock two rows in id order,
 * two updates, one insert, commit), in the same run, on the same server: 1, 4 and 8 writers, on
 * accounts spread over 1,000 wallets and on one hot account (a campaign budget every award draws
 * on), plus the batch API. The server runs with durable settings (fsync and synchronous_commit
 * on) unless {@code --fast} is given, which turns both off and says so.
 *
 * <pre>
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.JdbcLedgerBenchmark
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.JdbcLedgerBenchmark -Dexec.args="--fast"
 * </pre>
 */
public final class JdbcLedgerBenchmark {

  private static final int WALLETS = 1_000;
  private final Duration warmup;
  private final Duration measure;
  private final int[] writerCounts;
  private static final int BATCH = 100;
  private static final AccountId ISSUANCE = AccountId.of("system:issuance");
  private static final AccountId BUDGET = AccountId.of("budget:campaign");

  private final PrintStream out;
  private final boolean durable;
  private final List<String> rows = new ArrayList<>();

  private JdbcLedgerBenchmark(PrintStream out, boolean durable, boolean quick) {
    this.out = out;
    this.durable = durable;
    this.warmup = Duration.ofSeconds(quick ? 1 : 2);
    this.measure = Duration.ofSeconds(quick ? 3 : 6);
    this.writerCounts = quick ? new int[] {1, 8} : new int[] {1, 4, 8};
  }

  /** {@code --fast}: fsync and synchronous_commit off (labelled); {@code --quick}: shorter, 1 and 8 writers. */
  public static void main(String[] args) throws Exception {
    List<String> flags = List.of(args);
    new JdbcLedgerBenchmark(System.out, !flags.contains("--fast"), flags.contains("--quick")).run();
  }

  /** One kind of write the benchmark repeats: returns how many transfers it did. */
  @FunctionalInterface
  private interface Op {
    int run(int thread, long sequence, SplittableRandom random) throws Exception;
  }

  private void run() throws Exception {
    Path data = Files.createTempDirectory("ledger-bench-pg");
    String sync = durable ? "on" : "off";
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(data)
            .setServerConfig("fsync", sync).setServerConfig("synchronous_commit", sync)
            .setServerConfig("max_connections", "100").start();
        HikariDataSource pool = pool(pg)) {
      out.printf("JDBC ledger store vs naive JDBC transfer, PostgreSQL %s, fsync=%s synchronous_commit=%s (%s)%n",
          serverVersion(pool), sync, sync, durable ? "durable" : "NOT durable");
      out.printf("JVM %s, %d processors; %s warm-up and %s measured per row%n%n", System.getProperty("java.vm.version"),
          Runtime.getRuntime().availableProcessors(), warmup, measure);
      JdbcLedgerStore store = JdbcLedgerStore.using(pool);
      store.migrate();
      Ledger ledger = Ledger.using(store, new ManualClock(Instant.parse("2026-01-01T00:00:00Z")));
      List<AccountId> wallets = setUpLedger(ledger);
      setUpNaive(pool);
      Instant expiry = Instant.parse("2027-12-31T00:00:00Z");
      AtomicLong keys = new AtomicLong();

      for (int writers : writerCounts) {
        Result naiveSpread = measure("naive transfer, spread", writers, (t, i, r) -> {
          int a = r.nextInt(WALLETS);
          int b = (a + 1 + r.nextInt(WALLETS - 1)) % WALLETS;
          naiveTransfer(pool, a, b, 1);
          return 1;
        });
        Result ledgerSpread = measure("ledger transfer, spread", writers, (t, i, r) -> {
          int a = r.nextInt(WALLETS);
          int b = (a + 1 + r.nextInt(WALLETS - 1)) % WALLETS;
          ledger.transfer(TransferRequest.of(IdempotencyKey.of("s" + keys.incrementAndGet()), "share",
              Entry.debit(wallets.get(a), 1), Entry.credit(wallets.get(b), 1, Expiry.carried())));
          return 1;
        });
        ratio("spread", writers, ledgerSpread, naiveSpread);
        Result naiveHot = measure("naive transfer, hot account", writers, (t, i, r) -> {
          naiveTransfer(pool, -1, r.nextInt(WALLETS), 1);
          return 1;
        });
        Result ledgerHot = measure("ledger award from the budget, hot", writers, (t, i, r) -> {
          ledger.transfer(TransferRequest.of(IdempotencyKey.of("h" + keys.incrementAndGet()), "award",
              Entry.debit(BUDGET, 1), Entry.credit(wallets.get(r.nextInt(WALLETS)), 1, Expiry.at(expiry))));
          return 1;
        });
        ratio("hot account", writers, ledgerHot, naiveHot);
      }
      for (int writers : new int[] {1, 4}) {
        Result naive = measure("naive transfer, spread (for the batch)", writers, (t, i, r) -> {
          int a = r.nextInt(WALLETS);
          naiveTransfer(pool, a, (a + 1 + r.nextInt(WALLETS - 1)) % WALLETS, 1);
          return 1;
        });
        Result batch = measure("ledger executeAll, batches of " + BATCH, writers, (t, i, r) -> {
          List<TransferRequest> commands = new ArrayList<>(BATCH);
          for (int k = 0; k < BATCH; k++) {
            int a = r.nextInt(WALLETS);
            int b = (a + 1 + r.nextInt(WALLETS - 1)) % WALLETS;
            commands.add(TransferRequest.of(IdempotencyKey.of("b" + keys.incrementAndGet()), "bulk",
                Entry.debit(wallets.get(a), 1), Entry.credit(wallets.get(b), 1, Expiry.carried())));
          }
          for (CommandResult result : ledger.executeAll(commands)) {
            if (!result.isAccepted()) {
              throw new IllegalStateException("refused: " + result.refusal().orElseThrow().getMessage());
            }
          }
          return BATCH;
        });
        ratio("batch of " + BATCH, writers, batch, naive);
      }
      out.println();
      out.println("checks: trial balance " + (ledger.trialBalance().isBalanced() ? "balanced" : "NOT BALANCED")
          + ", chain " + ledger.verify().detail());
      out.println();
      out.println("| comparison | writers | ledger transfers/s | naive transfers/s | ledger/naive "
          + "| ledger p50 / p99 µs | naive p50 / p99 µs | load avg (naive / ledger) |");
      out.println("|---|---:|---:|---:|---:|---|---|---|");
      rows.forEach(out::println);
    }
  }

  /** One row's figures: throughput, latency per call, and the machine's 1-minute load average after it. */
  private record Result(double rate, double p50, double p99, String load) {}

  /** The 1-minute load average from /proc/loadavg (what uptime shows first); "n/a" elsewhere. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException | RuntimeException e) {
      return "n/a";
    }
  }

  private Result measure(String name, int writers, Op op) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(writers);
    try {
      runFor(threads, writers, warmup, op, null);
      List<LatencyRecorder> recorders = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        recorders.add(new LatencyRecorder(100_000));
      }
      long start = System.nanoTime();
      long transfers = runFor(threads, writers, measure, op, recorders);
      double seconds = (System.nanoTime() - start) / 1e9;
      LatencyRecorder.Summary s = LatencyRecorder.summarize(recorders);
      double rate = transfers / seconds;
      String load = loadAverage();
      out.printf(Locale.ROOT, "%-40s %d writer(s): %,10.0f transfers/s   latency per call us: p50 %,.0f  p99 %,.0f  max %,.0f"
          + "   load %s%n", name, writers, rate, s.p50() / 1e3, s.p99() / 1e3, s.max() / 1e3, load);
      return new Result(rate, s.p50() / 1e3, s.p99() / 1e3, load);
    } finally {
      threads.shutdown();
    }
  }

  private long runFor(ExecutorService threads, int writers, Duration duration, Op op, List<LatencyRecorder> recorders)
      throws Exception {
    long deadline = System.nanoTime() + duration.toNanos();
    List<Future<Long>> futures = new ArrayList<>();
    for (int t = 0; t < writers; t++) {
      int thread = t;
      futures.add(threads.submit(() -> {
        SplittableRandom random = new SplittableRandom(thread * 7919L + System.nanoTime());
        long done = 0;
        for (long i = 0; System.nanoTime() < deadline; i++) {
          long begin = System.nanoTime();
          done += op.run(thread, i, random);
          if (recorders != null) {
            recorders.get(thread).record(System.nanoTime() - begin);
          }
        }
        return done;
      }));
    }
    long total = 0;
    for (Future<Long> f : futures) {
      total += f.get();
    }
    return total;
  }

  private void ratio(String what, int writers, Result ledger, Result naive) {
    rows.add(String.format(Locale.ROOT, "| %s | %d | %,.0f | %,.0f | %.2f | %,.0f / %,.0f | %,.0f / %,.0f | %s / %s |", what,
        writers, ledger.rate(), naive.rate(), ledger.rate() / naive.rate(), ledger.p50(), ledger.p99(), naive.p50(),
        naive.p99(), naive.load(), ledger.load()));
  }

  private static HikariDataSource pool(EmbeddedPostgres pg) {
    HikariConfig config = new HikariConfig();
    PGSimpleDataSource dataSource = (PGSimpleDataSource) pg.getPostgresDatabase();
    // recommended for the ledger: a JDBC batch of inserts becomes one multi-row INSERT
    dataSource.setReWriteBatchedInserts(true);
    // server-side prepared statements from the first use: the ledger runs the same few statements
    dataSource.setPrepareThreshold(1);
    config.setDataSource(dataSource);
    config.setMaximumPoolSize(16);
    return new HikariDataSource(config);
  }

  private static String serverVersion(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static List<AccountId> setUpLedger(Ledger ledger) {
    ledger.openAccount(ISSUANCE, AccountType.SYSTEM);
    ledger.openAccount(BUDGET, AccountType.BUDGET);
    ledger.transfer(TransferRequest.of(IdempotencyKey.of("fund"), "fund", Entry.debit(ISSUANCE, 1_000_000_000L),
        Entry.credit(BUDGET, 1_000_000_000L)));
    List<AccountId> wallets = new ArrayList<>();
    List<TransferRequest> prefund = new ArrayList<>();
    for (int i = 0; i < WALLETS; i++) {
      AccountId w = AccountId.of("wallet:" + i);
      ledger.openAccount(w, AccountType.WALLET);
      wallets.add(w);
      prefund.add(TransferRequest.of(IdempotencyKey.of("prefund-" + i), "prefund", Entry.debit(ISSUANCE, 10_000_000),
          Entry.credit(w, 10_000_000, Expiry.at(Instant.parse("2027-12-31T00:00:00Z")))));
    }
    ledger.executeAll(prefund);
    return wallets;
  }

  /** The naive baseline's own two tables: balances, and one row per transfer. */
  private static void setUpNaive(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE naive_account (id INTEGER PRIMARY KEY, balance BIGINT NOT NULL)");
      s.execute("CREATE TABLE naive_transfer (id BIGSERIAL PRIMARY KEY, from_id INTEGER NOT NULL, to_id INTEGER NOT NULL, "
          + "amount BIGINT NOT NULL)");
      s.execute("INSERT INTO naive_account SELECT g, 1000000000 FROM generate_series(-1, " + WALLETS + ") g");
    }
  }

  /** Lock both rows in id order, two updates, one insert, commit. */
  private static void naiveTransfer(HikariDataSource pool, int from, int to, long amount) throws SQLException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement lock = c.prepareStatement(
              "SELECT id FROM naive_account WHERE id IN (?, ?) ORDER BY id FOR UPDATE");
          PreparedStatement update = c.prepareStatement("UPDATE naive_account SET balance = balance + ? WHERE id = ?");
          PreparedStatement insert = c.prepareStatement(
              "INSERT INTO naive_transfer (from_id, to_id, amount) VALUES (?, ?, ?)")) {
        lock.setInt(1, from);
        lock.setInt(2, to);
        lock.executeQuery().close();
        update.setLong(1, -amount);
        update.setInt(2, from);
        update.executeUpdate();
        update.setLong(1, amount);
        update.setInt(2, to);
        update.executeUpdate();
        insert.setInt(1, from);
        insert.setInt(2, to);
        insert.setLong(3, amount);
        insert.executeUpdate();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }
}
