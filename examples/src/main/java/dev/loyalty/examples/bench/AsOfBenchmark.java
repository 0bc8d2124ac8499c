package dev.loyalty.examples.bench;

import static dev.loyalty.examples.bench.BenchReport.commandLine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.LedgerCommand;
import dev.loyalty.ledger.LedgerException;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.jdbc.JdbcLedgerStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the ledger's as-of check costs a backdated debit (issue 12's rule: a debit dated before an
 * account's last credit may take only what the account held as of every time from its date on).
 * A campaign budget is funded every hour for a long period, in date order; then awards of 1 point
 * are drawn on it, each dated at a random hour of that period (out of date order, like the late
 * activities of two engine threads whose dates drift apart), so each is checked against the budget's
 * later history; and, for comparison, the same awards dated now, which need no such check. In
 * memory on 1 and 2 threads; with {@code --postgres} also on an embedded PostgreSQL (durable, one
 * thread, fewer credits). Only the ledger's public API, so the same file measures an older ledger.
 *
 * <pre>
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.AsOfBenchmark -Dexec.args="--quick"
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.AsOfBenchmark -Dexec.args="--quick --postgres"
 * </pre>
 */
public final class AsOfBenchmark {

  private static final String COMMAND = "mvn -q test-compile exec:java -Ddemo.main=" + AsOfBenchmark.class.getName();
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final AccountId ISSUANCE = AccountId.of("system:issuance");
  private static final AccountId BUDGET = AccountId.of("budget:campaign");
  private static final int WALLETS = 100;
  private static final int FUNDING_CHUNK = 500;

  /** Hourly credits before the awards, and awards measured, in memory and on PostgreSQL. */
  record Settings(String name, int credits, int awards, int pgCredits, int pgAwards) {
    static final Settings FULL = new Settings("full", 200_000, 50_000, 20_000, 2_000);
    static final Settings QUICK = new Settings("quick", 50_000, 10_000, 5_000, 500);
  }

  /** One measured run. */
  record Row(String store, int threads, String dated, int credits, long awards, long refused, double perSecond,
      LatencyRecorder.Summary latency, double others) {}

  private final PrintStream out;
  private final Settings settings;
  private final String command;
  private final List<Row> rows = new ArrayList<>();

  AsOfBenchmark(PrintStream out, Settings settings, String command) {
    this.out = out;
    this.settings = settings;
    this.command = command;
  }

  /** Arguments: {@code --quick} (fewer credits and awards), {@code --postgres} (PostgreSQL too), {@code --help}. */
  public static void main(String[] args) throws Exception {
    List<String> given = new ArrayList<>(List.of(args));
    boolean postgres = given.remove("--postgres");
    java.util.Optional<Boolean> quick = BenchReport.quickOrFull(given.toArray(String[]::new), COMMAND,
        "50,000 credits and 10,000 awards in memory (PostgreSQL 5,000 and 500); add --postgres for PostgreSQL",
        "200,000 credits and 50,000 awards in memory (PostgreSQL 20,000 and 2,000)");
    if (quick.isEmpty()) {
      return;
    }
    AsOfBenchmark bench = new AsOfBenchmark(System.out, quick.get() ? Settings.QUICK : Settings.FULL,
        commandLine(COMMAND, args));
    bench.runInMemory();
    if (postgres) {
      bench.runOnPostgres();
    }
    bench.printSummary();
  }

  void runInMemory() {
    out.printf(Locale.ROOT, "As-of check benchmark (%s run): %s; %s; load average %s%n", settings.name(),
        BenchReport.jvm(), BenchReport.machine(), LoadAverage.all());
    // a throwaway run first, for the JIT
    measure("warm-up", () -> inMemory(settings.credits() / 10), settings.credits() / 10, settings.awards() / 5, 1, true);
    rows.clear();
    for (boolean backdated : new boolean[] {false, true}) {
      for (int threads = 1; threads <= 2; threads++) {
        rows.add(measure("memory", () -> inMemory(settings.credits()), settings.credits(), settings.awards(), threads,
            backdated));
      }
    }
  }

  void runOnPostgres() throws Exception {
    try (EmbeddedPostgres pg = JdbcBench.server(true, Map.of())) {
      int run = 0;
      for (boolean backdated : new boolean[] {false, true}) {
        String name = "asof_" + (++run);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
          s.execute("CREATE DATABASE " + name);
        }
        PGSimpleDataSource database = (PGSimpleDataSource) pg.getDatabase("postgres", name);
        database.setPrepareThreshold(1);
        HikariConfig config = new HikariConfig();
        config.setDataSource(database);
        config.setMaximumPoolSize(4);
        try (HikariDataSource pool = new HikariDataSource(config)) {
          JdbcLedgerStore store = JdbcLedgerStore.using(pool);
          store.migrate();
          rows.add(measure("PostgreSQL", () -> funded(Ledger.using(store, clock(settings.pgCredits())),
              settings.pgCredits()), settings.pgCredits(), settings.pgAwards(), 1, backdated));
        }
      }
    }
  }

  private static Clock clock(int credits) {
    return Clock.fixed(T0.plus(Duration.ofHours(credits + 24L)), ZoneOffset.UTC);
  }

  private static Ledger inMemory(int credits) {
    return funded(Ledger.inMemory(clock(credits)), credits);
  }

  /** The budget, funded 1,000 points every hour from T0 for {@code credits} hours, and the wallets. */
  private static Ledger funded(Ledger ledger, int credits) {
    ledger.openAccount(ISSUANCE, AccountType.SYSTEM);
    ledger.openAccount(BUDGET, AccountType.BUDGET);
    for (int w = 0; w < WALLETS; w++) {
      ledger.openAccount(AccountId.of("wallet:" + w), AccountType.WALLET);
    }
    List<LedgerCommand> chunk = new ArrayList<>(FUNDING_CHUNK);
    for (int hour = 0; hour < credits; hour++) {
      chunk.add(TransferRequest.of(IdempotencyKey.of("fund-" + hour), "fund", Entry.debit(ISSUANCE, 1_000),
          Entry.credit(BUDGET, 1_000)).effectiveAt(T0.plus(Duration.ofHours(hour))));
      if (chunk.size() == FUNDING_CHUNK || hour == credits - 1) {
        ledger.executeAll(chunk);
        chunk.clear();
      }
    }
    return ledger;
  }

  /** Awards from the budget on {@code threads} threads, each dated at a random hour of the funding (or now). */
  private Row measure(String store, Supplier<Ledger> setUp, int credits, int awards, int threads, boolean backdated) {
    Ledger ledger = setUp.get();
    BenchReport.settleHeap();
    List<LatencyRecorder> recorders = new ArrayList<>();
    AtomicLong refused = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      LatencyRecorder recorder = new LatencyRecorder(awards / threads + 1);
      recorders.add(recorder);
      workers.add(new Thread(() -> {
        SplittableRandom random = new SplittableRandom(20_261_207L + thread);
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = thread; i < awards; i += threads) {
          TransferRequest award = TransferRequest.of(IdempotencyKey.of(store + "-award-" + i), "award",
              Entry.debit(BUDGET, 1), Entry.credit(AccountId.of("wallet:" + i % WALLETS), 1));
          if (backdated) {
            award = award.effectiveAt(T0.plus(Duration.ofHours(random.nextInt(credits))).plusSeconds(1));
          }
          long began = System.nanoTime();
          try {
            ledger.transfer(award);
          } catch (LedgerException e) {
            refused.incrementAndGet();
          }
          recorder.record(System.nanoTime() - began);
        }
      }, "asof-" + t));
    }
    workers.forEach(Thread::start);
    BenchReport.CpuSample before = BenchReport.CpuSample.now();
    long began = System.nanoTime();
    start.countDown();
    for (Thread w : workers) {
      try {
        w.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the awards", e);
      }
    }
    long elapsed = System.nanoTime() - began;
    double others = BenchReport.CpuSample.now().othersSince(before);
    if (!ledger.trialBalance().isBalanced()) {
      throw new IllegalStateException("the trial balance does not balance after the " + store + " run");
    }
    LatencyRecorder.Summary latency = LatencyRecorder.summarize(recorders);
    Row row = new Row(store, threads, backdated ? "back, at random hours" : "now", credits, latency.count(),
        refused.get(), latency.count() / (elapsed / 1e9), latency, others);
    out.printf(Locale.ROOT, "%s, %d thread(s), awards dated %s over %,d hourly credits: %,.0f awards/s, p50 %s µs, "
        + "p99 %s µs, mean %s µs, %,d refused; other processes used %s of the processors%n", row.store(), threads,
        row.dated(), credits, row.perSecond(), BenchReport.us(latency.p50()), BenchReport.us(latency.p99()),
        BenchReport.us(latency.mean()), row.refused(), BenchReport.percent(others));
    return row;
  }

  void printSummary() {
    out.println();
    out.println("| Store | Threads | Awards dated | Hourly credits before | awards/s | p50 µs | p99 µs | mean µs | refused "
        + "| CPU used by others |");
    out.println("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    for (Row r : rows) {
      out.printf(Locale.ROOT, "| %s | %d | %s | %,d | %,.0f | %s | %s | %s | %,d | %s |%n", r.store(), r.threads(),
          r.dated(), r.credits(), r.perSecond(), BenchReport.us(r.latency().p50()), BenchReport.us(r.latency().p99()),
          BenchReport.us(r.latency().mean()), r.refused(), BenchReport.percent(r.others()));
    }
    out.println();
    out.println("- Command: `" + command + "`");
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }
}
