package dev.loyalty.examples.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.loyalty.examples.ManualClock;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.CommandResult;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.jdbc.JdbcLedgerStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The PostgreSQL ledger store against a naive, correct JDBC transfer (lock two rows in id order,
 * two updates, one insert, commit), in the same run, on the same server: 1, 4 and 8 writers, on
 * accounts spread over 1,000 wallets and on one hot account (a campaign budget every award draws
 * on), plus the batch API (batches over all the wallets, and batches that each writer keeps
 * within its own share of them, as an import split by region would). Single commands from several writers run with group commit (the
 * store's default) and without it ({@code withoutCommandGrouping()}, rows marked "ungrouped").
 * The server runs with durable settings (fsync and synchronous_commit on) unless {@code --fast}
 * is given, which turns both off and says so.
 *
 * <pre>
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.JdbcLedgerBenchmark
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.JdbcLedgerBenchmark -Dexec.args="--fast"
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.JdbcLedgerBenchmark -Dexec.args="--batch 500"
 * </pre>
 */
public final class JdbcLedgerBenchmark {

  private final Duration warmup;
  private final Duration measure;
  private final int[] writerCounts;

  private final PrintStream out;
  private final boolean durable;
  private final int batchSize;
  private final List<String> rows = new ArrayList<>();

  private JdbcLedgerBenchmark(PrintStream out, boolean durable, boolean quick, int batchSize) {
    this.out = out;
    this.durable = durable;
    this.batchSize = batchSize;
    this.warmup = Duration.ofSeconds(quick ? 1 : 2);
    this.measure = Duration.ofSeconds(quick ? 3 : 6);
    this.writerCounts = quick ? new int[] {1, 8} : new int[] {1, 4, 8};
  }

  /**
   * {@code --fast}: fsync and synchronous_commit off (labelled); {@code --quick}: shorter, 1 and 8
   * writers; {@code --batch N}: commands per {@code executeAll} call (100 by default).
   */
  public static void main(String[] args) throws Exception {
    List<String> flags = List.of(args);
    int batch = flags.indexOf("--batch");
    new JdbcLedgerBenchmark(System.out, !flags.contains("--fast"), flags.contains("--quick"),
        batch >= 0 ? Integer.parseInt(flags.get(batch + 1)) : JdbcBench.BATCH).run();
  }

  /** One kind of write the benchmark repeats: returns how many transfers it did. */
  @FunctionalInterface
  private interface Op {
    int run(int thread, long sequence, SplittableRandom random) throws Exception;
  }

  private void run() throws Exception {
    String sync = durable ? "on" : "off";
    try (EmbeddedPostgres pg = JdbcBench.server(durable, Map.of());
        HikariDataSource pool = JdbcBench.pool(pg)) {
      out.printf("JDBC ledger store vs naive JDBC transfer, PostgreSQL %s, fsync=%s synchronous_commit=%s (%s)%n",
          JdbcBench.serverVersion(pool), sync, sync, durable ? "durable" : "NOT durable");
      out.printf("JVM %s, %d processors; %s warm-up and %s measured per row%n%n", System.getProperty("java.vm.version"),
          Runtime.getRuntime().availableProcessors(), warmup, measure);
      JdbcLedgerStore store = JdbcLedgerStore.using(pool);
      store.migrate();
      ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
      Ledger ledger = Ledger.using(store, clock);
      // the same database without group commit: every command a transaction of its own
      Ledger ungrouped = Ledger.using(store.withoutCommandGrouping(), clock);
      List<AccountId> wallets = JdbcBench.setUpLedger(ledger);
      JdbcBench.setUpNaive(pool);
      Instant expiry = Instant.parse("2027-12-31T00:00:00Z");
      AtomicLong keys = new AtomicLong();

      for (int writers : writerCounts) {
        Result naiveSpread = measure("naive transfer, spread", writers, (t, i, r) -> {
          int a = r.nextInt(JdbcBench.WALLETS);
          int b = (a + 1 + r.nextInt(JdbcBench.WALLETS - 1)) % JdbcBench.WALLETS;
          JdbcBench.naiveTransfer(pool, a, b, 1);
          return 1;
        });
        // with one writer there is never a group: the ungrouped path is the same
        List<Ledger> ledgers = writers == 1 ? List.of(ledger) : List.of(ledger, ungrouped);
        for (Ledger l : ledgers) {
          String how = l == ungrouped ? ", ungrouped" : "";
          Result ledgerSpread = measure("ledger transfer, spread" + how, writers, (t, i, r) -> {
            int a = r.nextInt(JdbcBench.WALLETS);
            int b = (a + 1 + r.nextInt(JdbcBench.WALLETS - 1)) % JdbcBench.WALLETS;
            l.transfer(TransferRequest.of(IdempotencyKey.of("s" + keys.incrementAndGet()), "share",
                Entry.debit(wallets.get(a), 1), Entry.credit(wallets.get(b), 1, Expiry.carried())));
            return 1;
          });
          ratio("spread" + how, writers, ledgerSpread, naiveSpread);
        }
        Result naiveHot = measure("naive transfer, hot account", writers, (t, i, r) -> {
          JdbcBench.naiveTransfer(pool, -1, r.nextInt(JdbcBench.WALLETS), 1);
          return 1;
        });
        for (Ledger l : ledgers) {
          String how = l == ungrouped ? ", ungrouped" : "";
          Result ledgerHot = measure("ledger award from the budget, hot" + how, writers, (t, i, r) -> {
            l.transfer(TransferRequest.of(IdempotencyKey.of("h" + keys.incrementAndGet()), "award",
                Entry.debit(JdbcBench.BUDGET, 1), Entry.credit(wallets.get(r.nextInt(JdbcBench.WALLETS)), 1,
                    Expiry.at(expiry))));
            return 1;
          });
          ratio("hot account" + how, writers, ledgerHot, naiveHot);
        }
      }
      for (int writers : writerCounts) {
        Result naive = measure("naive transfer, spread (for the batch)", writers, (t, i, r) -> {
          int a = r.nextInt(JdbcBench.WALLETS);
          JdbcBench.naiveTransfer(pool, a, (a + 1 + r.nextInt(JdbcBench.WALLETS - 1)) % JdbcBench.WALLETS, 1);
          return 1;
        });
        Result batch = measure("ledger executeAll, batches of " + batchSize, writers,
            (t, i, r) -> bulk(ledger, wallets, keys, r, 0, JdbcBench.WALLETS));
        ratio("batch of " + batchSize, writers, batch, naive);
        if (writers > 1) {
          // an import split by region: each writer's batches stay within its own share of the
          // wallets, so concurrent batches never wait for each other's locks
          int share = JdbcBench.WALLETS / writers;
          Result partitioned = measure("ledger executeAll, partitioned", writers,
              (t, i, r) -> bulk(ledger, wallets, keys, r, t * share, share));
          ratio("batch of " + batchSize + ", partitioned", writers, partitioned, naive);
        }
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

  /** One batch of transfers between random wallets among {@code count} from {@code first}; returns its size. */
  private int bulk(Ledger ledger, List<AccountId> wallets, AtomicLong keys, SplittableRandom r, int first,
      int count) {
    List<TransferRequest> commands = new ArrayList<>(batchSize);
    for (int k = 0; k < batchSize; k++) {
      int a = r.nextInt(count);
      int b = (a + 1 + r.nextInt(count - 1)) % count;
      commands.add(TransferRequest.of(IdempotencyKey.of("b" + keys.incrementAndGet()), "bulk",
          Entry.debit(wallets.get(first + a), 1), Entry.credit(wallets.get(first + b), 1, Expiry.carried())));
    }
    for (CommandResult result : ledger.executeAll(commands)) {
      if (!result.isAccepted()) {
        throw new IllegalStateException("refused: " + result.refusal().orElseThrow().getMessage());
      }
    }
    return batchSize;
  }

  /** One row's figures: throughput, latency per call, and the machine's 1-minute load average after it. */
  private record Result(double rate, double p50, double p99, String load) {}

  private Result measure(String name, int writers, Op op) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(writers);
    try {
      runFor(threads, writers, warmup, op, null);
      List<LatencyRecorder> recorders = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        recorders.add(new LatencyRecorder(100_000));
      }
      BenchReport.CpuSample cpuStart = BenchReport.CpuSample.now();
      long start = System.nanoTime();
      long transfers = runFor(threads, writers, measure, op, recorders);
      double seconds = (System.nanoTime() - start) / 1e9;
      BenchReport.CpuSample cpuEnd = BenchReport.CpuSample.now();
      LatencyRecorder.Summary s = LatencyRecorder.summarize(recorders);
      double rate = transfers / seconds;
      String load = LoadAverage.oneMinuteText();
      // CPU per transfer, this JVM's and the rest of the machine's (the server, on a quiet machine):
      // with both processors busy, their sum bounds the rate at processors / (CPU per transfer)
      out.printf(Locale.ROOT, "%-40s %d writer(s): %,10.0f transfers/s   latency per call us: p50 %,.0f  p99 %,.0f  max %,.0f"
          + "   CPU per transfer us: client %s, others %s   load %s%n", name, writers, rate, s.p50() / 1e3, s.p99() / 1e3,
          s.max() / 1e3, perTransfer(cpuEnd.processNanosSince(cpuStart), transfers),
          perTransfer(cpuEnd.othersNanosSince(cpuStart), transfers), load);
      return new Result(rate, s.p50() / 1e3, s.p99() / 1e3, load);
    } finally {
      threads.shutdown();
    }
  }

  private static String perTransfer(long nanos, long transfers) {
    return nanos < 0 || transfers == 0 ? "?" : String.format(Locale.ROOT, "%.1f", nanos / 1e3 / transfers);
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
}
