package dev.loyalty.examples.bench;

import static dev.loyalty.examples.bench.BenchReport.collectors;
import static dev.loyalty.examples.bench.BenchReport.commandLine;
import static dev.loyalty.examples.bench.BenchReport.gcShare;
import static dev.loyalty.examples.bench.BenchReport.jvm;
import static dev.loyalty.examples.bench.BenchReport.machine;
import static dev.loyalty.examples.bench.BenchReport.osAndCpu;
import static dev.loyalty.examples.bench.BenchReport.seconds;
import static dev.loyalty.examples.bench.BenchReport.settleHeap;
import static dev.loyalty.examples.bench.BenchReport.us;

import dev.loyalty.examples.bench.BenchRunner.Measured;
import dev.loyalty.examples.bench.BenchRunner.Phases;
import dev.loyalty.examples.bench.LatencyRecorder.Summary;
import dev.loyalty.ledger.Ledger;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Throughput, latency and memory benchmark of the in-memory points ledger
 * ({@link Ledger#inMemory(java.time.Clock)}), with idempotency and the hash chain on as always.
 *
 * <p>Scenarios, each on 1 and 2 threads after a warm-up, each on a fresh ledger with 1,000
 * wallets:
 * <ol>
 *   <li>earns (issuance credits a wallet, creating a lot) mixed half and half with
 *       wallet-to-wallet transfers that carry the lots' expiry dates;</li>
 *   <li>redemptions: a hold from a wallet to redemption clearing, then its post (one operation is
 *       the pair);</li>
 *   <li>a mix of earns, transfers, holds that are posted or voided, and an expiry run every
 *       1,000th operation after the clock moved a day, so that lots really expire.</li>
 * </ol>
 * Scenario 1's balance arithmetic is also run in plain Java (a lock-guarded {@code HashMap}) as
 * a baseline, and the heap retained per transaction is measured over 1,000,000 transfers. The
 * figures are printed per run and at the end as a Markdown summary.
 *
 * <p>Run it from the repository root (about 3 minutes on 2 cores; {@code --quick}, about 30
 * seconds):
 * <pre>
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.LedgerBenchmark
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.LedgerBenchmark -Dexec.args="--quick"
 * </pre>
 * It runs inside Maven's JVM, whose default max heap is a quarter of the machine's memory. The
 * 1,000,000-transaction memory measurement retains over 3 GB; with less heap it stops early and
 * says so (give Maven's JVM more with {@code MAVEN_OPTS=-Xmx6g}).
 *
 * <p>The measured phases are counts of operations, not durations: the ledger keeps every
 * transaction and its lots, so its cost per operation depends on how much it holds, and a fixed
 * count makes every machine measure the same ledger. Plain Java, no JMH: latencies are
 * {@link System#nanoTime()} around each ledger call, kept in a {@code long[]} and sorted for
 * exact percentiles. Figures vary by tens of percent between runs on a laptop or a shared
 * machine; compare the figures of one run with each other.
 */
public final class LedgerBenchmark {

  private static final String COMMAND = "mvn -q test-compile exec:java -Ddemo.main=" + LedgerBenchmark.class.getName();
  private static final int WALLETS = 1_000;
  private static final long SEED = 20_260_101L;
  /** The share of the max heap one run's ledger may fill: runs are shortened to stay within it. */
  private static final double HEAP_SHARE_PER_RUN = 0.35;
  /** The memory measurement stops early where its ledger would fill more of the max heap than this. */
  private static final double HEAP_SHARE_FOR_MEMORY = 0.7;
  /** The memory measurement checks the heap every this many transactions. */
  private static final long MEMORY_CHUNK = 50_000;
  /** The memory measurement also measures after this many transactions, to show how the figure grows. */
  private static final long MEMORY_EARLY = 100_000;

  /**
   * How much each phase does; the quick settings trade precision for a short run.
   *
   * @param phaseTimeLimit a safety net: a phase that has not done its operations by then ends
   */
  private record Settings(String name, Duration jitWarmup, long warmupOperations, long measureOperations,
      Duration phaseTimeLimit, Duration baselineWarmup, Duration baselineMeasure, long memoryTransfers) {
    static final Settings FULL = new Settings("full", Duration.ofSeconds(3), 50_000, 150_000,
        Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(3), 1_000_000);
    static final Settings QUICK = new Settings("quick", Duration.ofSeconds(1), 15_000, 50_000,
        Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofSeconds(1), 200_000);
  }

  /** The ledger scenarios and what their wallets start with. */
  private enum Scenario {
    S1("S1 earn+transfer", 10_000),
    // Scenario 2 only drains wallets, so they start rich enough never to run dry.
    S2("S2 hold+post", 1_000_000),
    S3("S3 mix+expiry", 2_000);

    final String label;
    final long prefund;

    Scenario(String label, long prefund) {
      this.label = label;
      this.prefund = prefund;
    }
  }

  /** One line of the results. {@code check} is empty for the baseline. */
  private record Row(String scenario, String accounts, Measured measured, Optional<LedgerFixture.Check> check) {}

  /**
   * The outcome of the memory measurement.
   *
   * @param earlyBytesPerTransaction the same measure after the first {@link #MEMORY_EARLY}
   *                                 transactions; NaN if the measurement ended before
   */
  private record Memory(long transactions, double bytesPerTransaction, double earlyBytesPerTransaction,
      long heapBefore, long heapAfter, Optional<String> notice) {
    String growth() {
      return Double.isNaN(earlyBytesPerTransaction) || transactions <= MEMORY_EARLY ? ""
          : String.format(Locale.ROOT, " It grows with the ledger: %,.0f bytes per transaction after the first "
              + "%,d.", earlyBytesPerTransaction, MEMORY_EARLY);
    }
  }

  private final PrintStream out;
  private final Settings settings;
  private final String command;
  private final List<Row> rows = new ArrayList<>();
  /** Whether to run scenario 1 on one thread only (and the baseline on one), for back-to-back comparisons. */
  private final boolean s1Only;
  private long warmupOperations;
  private long measureOperations;

  private LedgerBenchmark(PrintStream out, Settings settings, String command, boolean s1Only) {
    this.out = out;
    this.settings = settings;
    this.command = command;
    this.s1Only = s1Only;
  }

  /**
   * Arguments: {@code --quick} for a run of about 30 seconds; {@code --s1-only} for the memory
   * measurement, scenario 1 on one thread and the one-thread baseline only; {@code --help}.
   */
  public static void main(String[] args) {
    List<String> rest = new ArrayList<>(List.of(args));
    boolean s1Only = rest.remove(S1_ONLY);
    if (rest.contains("--help") || rest.contains("-h")) {
      System.out.println("  " + S1_ONLY + "  the memory measurement, scenario 1 on one thread and the one-thread "
          + "baseline only (back-to-back comparisons of two builds)");
    }
    Optional<Boolean> quick = BenchReport.quickOrFull(rest.toArray(String[]::new), COMMAND, "about 30 s: fewer operations per run, memory measured over 200,000 transfers", "the default: about 3 minutes on 2 cores");
    if (quick.isEmpty()) {
      return;
    }
    Settings settings = quick.get() ? Settings.QUICK : Settings.FULL;
    new LedgerBenchmark(System.out, settings, commandLine(COMMAND, args), s1Only).run();
  }

  private static final String S1_ONLY = "--s1-only";

  private void run() {
    long started = System.nanoTime();
    printEnvironment();
    warmUpJit();

    Memory memory = measureMemory();
    sizeRuns(memory);

    section("Scenario 1: earns (issuance -> wallet, new lot) and wallet-to-wallet transfers (carried expiry), 50/50");
    Row s1one = ledgerRun(Scenario.S1, 1, false);
    if (s1Only) {
      section("Baseline: scenario 1's balance arithmetic in plain Java (HashMap<String, long[]>, one ReentrantLock)");
      Row base1 = baselineRun(1);
      out.println();
      printRatio(s1one, base1);
      printSummary(memory, List.<Row[]>of(new Row[] {s1one, base1}), System.nanoTime() - started);
      return;
    }
    Row s1two = ledgerRun(Scenario.S1, 2, false);
    ledgerRun(Scenario.S1, 2, true);

    section("Scenario 2: hold (wallet -> redemption clearing) then post; one operation = the pair");
    ledgerRun(Scenario.S2, 1, false);
    ledgerRun(Scenario.S2, 2, false);

    section("Scenario 3: 45% earn, 30% transfer, 12% hold, 13% post/void (2:1); expiry run every "
        + Workloads.MIX_EXPIRY_EVERY + "th operation, clock +1 day per run");
    ledgerRun(Scenario.S3, 1, true);
    ledgerRun(Scenario.S3, 2, true);

    section("Baseline: scenario 1's balance arithmetic in plain Java (HashMap<String, long[]>, one ReentrantLock)");
    Row base1 = baselineRun(1);
    Row base2 = baselineRun(2);
    out.println();
    printRatio(s1one, base1);
    printRatio(s1two, base2);

    printSummary(memory, List.<Row[]>of(new Row[] {s1one, base1}, new Row[] {s1two, base2}), System.nanoTime() - started);
  }

  /**
   * Sets the operations per run, shortened if a run's ledger (at most two commands per operation,
   * at the memory measurement's bytes per transaction) would not fit its share of the heap.
   */
  private void sizeRuns(Memory memory) {
    long maxHeap = Runtime.getRuntime().maxMemory();
    long commands = 2 * (settings.warmupOperations() + settings.measureOperations());
    double fits = HEAP_SHARE_PER_RUN * maxHeap / memory.bytesPerTransaction();
    double scale = Math.min(1, fits / commands);
    warmupOperations = Math.max(1_000, (long) (settings.warmupOperations() * scale));
    measureOperations = Math.max(5_000, (long) (settings.measureOperations() * scale));
    out.printf(Locale.ROOT, "%nEach ledger run: a fresh ledger, %,d warm-up operations, then %,d measured "
        + "operations (threads share them; at most %s s per phase).%n", warmupOperations, measureOperations,
        seconds(settings.phaseTimeLimit()));
    if (scale < 1) {
      out.printf(Locale.ROOT, "NOTICE: runs shortened to %.0f%% so that their ledgers fit the max heap (%,d MiB); "
          + "give Maven's JVM more with MAVEN_OPTS=-Xmx6g.%n", scale * 100, maxHeap >> 20);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Runs

  /**
   * Runs one ledger scenario on a fresh ledger and prints its figures.
   *
   * @param shared whether threads pick from all wallets (else each keeps to its own)
   */
  private Row ledgerRun(Scenario scenario, int threads, boolean shared) {
    String accounts = threads == 1 ? "all wallets" : shared ? "shared wallets" : "disjoint wallets";
    String name = scenario.name().toLowerCase(Locale.ROOT) + "-" + threads + "t-" + accounts.split(" ")[0];
    settleHeap();
    LedgerFixture fixture = new LedgerFixture(name, WALLETS);
    if (scenario == Scenario.S3) {
      fixture.prefund(scenario.prefund, Workloads.MIX_MIN_LIFE, Workloads.MIX_MAX_LIFE, SEED);
    } else {
      fixture.prefund(scenario.prefund, Workloads.S1_MIN_LIFE, Workloads.S1_MAX_LIFE, SEED);
    }
    Phases phases = new Phases(settings.phaseTimeLimit(), settings.phaseTimeLimit(), warmupOperations,
        measureOperations).perThreads(threads);
    Workloads.MixShared mix = new Workloads.MixShared();
    long seedBase = SEED + 1_000L * (scenario.ordinal() + 1);
    Measured measured = BenchRunner.run(name, threads, phases, t -> {
      WalletPicker picker = new WalletPicker(t, threads, WALLETS, !shared);
      long seed = seedBase + t;
      return switch (scenario) {
        case S1 -> new Workloads.Transfers(fixture, t, picker, seed);
        case S2 -> new Workloads.HoldPost(fixture, t, picker, seed);
        case S3 -> new Workloads.Mix(fixture, t, picker, seed, mix);
      };
    });
    LedgerFixture.Check check = fixture.check();
    Row row = new Row(scenario.label, accounts, measured, Optional.of(check));
    printRow(row);
    rows.add(row);
    return row;
  }

  private Row baselineRun(int threads) {
    settleHeap();
    String[] wallets = new String[WALLETS];
    for (int i = 0; i < WALLETS; i++) {
      wallets[i] = String.format("wallet:member:%05d", i);
    }
    Workloads.PlainBook book = new Workloads.PlainBook("system:issuance", wallets, 10_000);
    // The book does not grow, so these phases are timed; the cap only bounds the latency arrays.
    Phases phases = new Phases(settings.baselineWarmup(), settings.baselineMeasure(), 40_000_000, 40_000_000)
        .perThreads(threads);
    Measured measured = BenchRunner.run("baseline-" + threads + "t", threads, phases,
        t -> new Workloads.Baseline(book, wallets, new WalletPicker(t, threads, WALLETS, true), SEED + 9_000 + t));
    if (book.total() != 0) {
      throw new IllegalStateException("the baseline book does not balance: " + book.total());
    }
    Row row = new Row("Baseline (plain Java, S1 arithmetic)", threads == 1 ? "all wallets" : "disjoint wallets",
        measured, Optional.empty());
    printRow(row);
    rows.add(row);
    return row;
  }

  /**
   * Runs every kind of command for a while on a throwaway ledger, so that the JIT has compiled
   * the ledger's code before any figure is taken: otherwise whichever scenario first uses a code
   * path (holds, expiry runs) would pay for its compilation.
   */
  private void warmUpJit() {
    LedgerFixture fixture = new LedgerFixture("jit", WALLETS);
    fixture.prefund(Scenario.S3.prefund, Workloads.MIX_MIN_LIFE, Workloads.MIX_MAX_LIFE, SEED);
    BenchRunner.Worker mix = new Workloads.Mix(fixture, 0, new WalletPicker(0, 1, WALLETS, false), SEED - 1,
        new Workloads.MixShared());
    Tally tally = Tally.discarding();
    long deadline = System.nanoTime() + settings.jitWarmup().toNanos();
    long operations = 0;
    while (System.nanoTime() - deadline < 0) {
      mix.operate(tally);
      operations++;
    }
    out.printf(Locale.ROOT, "%nJIT warm-up: %,d scenario-3 operations (every command type) in %s s on a throwaway "
        + "ledger.%n", operations, seconds(settings.jitWarmup()));
  }

  /**
   * Heap retained per transaction: a fresh ledger, then scenario-1 operations on one thread; used
   * heap after full collections, before and after. Stops early, with a notice, if the heap fills.
   */
  private Memory measureMemory() {
    long target = settings.memoryTransfers();
    section(String.format(Locale.ROOT, "Memory: heap retained per transaction over %,d scenario-1 operations "
        + "in a fresh ledger (1 thread)", target));
    Runtime rt = Runtime.getRuntime();
    long maxHeap = rt.maxMemory();
    LedgerFixture fixture = new LedgerFixture("mem", WALLETS);
    fixture.prefund(Scenario.S1.prefund, Workloads.S1_MIN_LIFE, Workloads.S1_MAX_LIFE, SEED);
    Workloads.Transfers worker = new Workloads.Transfers(fixture, 0, new WalletPicker(0, 1, WALLETS, false), SEED + 7);
    Tally tally = Tally.discarding();

    long before = settleHeap();
    long start = System.nanoTime();
    double earlyBytes = Double.NaN;
    Optional<String> notice = Optional.empty();
    long done = 0;
    while (done < target) {
      long chunk = Math.min(MEMORY_CHUNK, target - done);
      repeat(worker, tally, chunk);
      done += chunk;
      if (done == MEMORY_EARLY) {
        earlyBytes = (settleHeap() - before) / (double) committed(tally);
      }
      // The old generation holds what the ledger retains (plus some garbage): only when it nears the
      // limit is a full collection worth its pause, to see what is really retained.
      if (done < target && oldGenerationUsed() > HEAP_SHARE_FOR_MEMORY * maxHeap) {
        System.gc();
        if (rt.totalMemory() - rt.freeMemory() > HEAP_SHARE_FOR_MEMORY * maxHeap) {
          notice = Optional.of(String.format(Locale.ROOT, "NOTICE: Maven's JVM has a max heap of %,d MiB, too "
              + "small to retain %,d transactions: the memory measurement stopped after %,d. Give it more heap "
              + "with MAVEN_OPTS=-Xmx6g to measure all of them.", maxHeap >> 20, target, committed(tally)));
          out.println(notice.get());
          break;
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long after = settleHeap();
    long transactions = committed(tally);
    Memory memory = new Memory(transactions, (after - before) / (double) transactions, earlyBytes, before, after,
        notice);
    // The check also keeps the ledger reachable until the heap was measured.
    LedgerFixture.Check check = fixture.check();
    out.printf(Locale.ROOT, "  %,d transactions (%,d refused, %,d spends substituted by earns) in %.1f s "
            + "(%,.0f/s, no latency recording); %.1f lot movements per transaction%n", transactions,
        tally.refusalCount(), tally.substitutions, seconds, transactions / seconds,
        (double) tally.lotMovements / transactions);
    out.printf(Locale.ROOT, "  used heap after full GCs: %,d MiB before, %,d MiB after -> %,.0f bytes per "
            + "retained transaction (max heap %,d MiB).%s%n", before >> 20, after >> 20, memory.bytesPerTransaction(),
        maxHeap >> 20, memory.growth());
    out.println("  " + check.describe());
    return memory;
  }

  /** Used heap of the pools for long-lived objects (G1's "Old Gen", "Tenured" ...); all used heap if none is known. */
  private static long oldGenerationUsed() {
    long used = 0;
    boolean found = false;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      String name = pool.getName();
      if (pool.getType() == MemoryType.HEAP && (name.contains("Old") || name.contains("Tenured"))) {
        used += pool.getUsage().getUsed();
        found = true;
      }
    }
    Runtime rt = Runtime.getRuntime();
    return found ? used : rt.totalMemory() - rt.freeMemory();
  }

  private static long committed(Tally tally) {
    return tally.commands - tally.refusalCount();
  }

  private static void repeat(BenchRunner.Worker worker, Tally tally, long times) {
    for (long i = 0; i < times; i++) {
      worker.operate(tally);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Output

  private void printEnvironment() {
    out.println("Loyalty ledger benchmark (" + settings.name() + " run)");
    out.println("  JVM        " + jvm());
    out.println("  machine    " + machine() + ", GC " + collectors());
    out.println("  OS / CPU   " + osAndCpu());
    out.println("  command    " + command);
    out.printf(Locale.ROOT, "  setup      %,d wallets + 3 system accounts per fresh ledger; every command has its "
        + "own idempotency key; hash chain sealed as the store asks (every %d commands), verified after each run%n", WALLETS,
        new dev.loyalty.ledger.memory.InMemoryLedgerStore().sealEvery());
  }

  private void section(String title) {
    out.println();
    out.println("== " + title);
  }

  private void printRow(Row row) {
    Measured m = row.measured();
    Tally.Merged t = m.totals();
    Summary l = t.latency;
    out.printf(Locale.ROOT, "%n%s, %d thread%s, %s: %,d operations (%,d commands) in %.2f s%s%n", row.scenario(),
        m.threads(), m.threads() == 1 ? "" : "s", row.accounts(), t.operations, t.commands, m.seconds(),
        row.check().isPresent() && m.hitTimeLimit() ? " (STOPPED BY THE TIME LIMIT: fewer operations than set)" : "");
    out.printf(Locale.ROOT, "  %,12.0f ops/s  %,12.0f commands/s   latency us: p50 %s  p90 %s  p99 %s  p99.9 %s  "
            + "max %s%n", m.operationsPerSecond(), m.commandsPerSecond(), us(l.p50()), us(l.p90()), us(l.p99()),
        us(l.p999()), us(l.max()));
    if (t.latencyByKind.size() > 1) {
      out.print("  by kind:");
      t.latencyByKind.forEach((kind, s) -> out.printf(Locale.ROOT, "  %s n=%,d p50 %s p99 %s max %s;", kind.label,
          s.count(), us(s.p50()), us(s.p99()), us(s.max())));
      out.println();
    }
    out.printf(Locale.ROOT, "  refused %,d%s, spends substituted by earns %,d; %,d GCs in the measured phase "
            + "(%,d ms of pauses, %.0f%% of it)%s%n", t.refusalCount(), t.refusals.isEmpty() ? "" : " " + t.refusals,
        t.substitutions, m.gcCount(), m.gcMillis(), gcShare(m),
        row.check().isPresent() ? String.format(Locale.ROOT, "; %.1f lot movements per command",
            (double) t.lotMovements / Math.max(1, t.commands)) : "");
    out.printf(Locale.ROOT, "  CPU per command: %s us on the worker thread%s, %s us in the whole process (every "
            + "thread: collectors, compiler, background sealing; the JIT compilers ran %,d ms of the phase's %,d); "
            + "%,d bytes allocated per command on the worker thread%s%n", cpu(m.cpuMicrosPerCommand()),
        m.threads() == 1 ? "" : "s", cpu(m.processCpuMicrosPerCommand()), m.compileMillis(),
        m.elapsedNanos() / 1_000_000, m.allocatedBytes() < 0 ? -1 : m.allocatedBytes() / Math.max(1, t.commands),
        m.threads() == 1 ? "" : "s");
    if (t.expiryRuns > 0) {
      out.printf(Locale.ROOT, "  expiry runs %,d (%,d found nothing), %,d points expired, %.1f wallets per run%n",
          t.expiryRuns, t.expiryRunsWithNothingToExpire, t.expiredPoints,
          (double) t.expiredWallets / Math.max(1, t.expiryRuns - t.expiryRunsWithNothingToExpire));
    }
    row.check().ifPresent(c -> out.println("  " + c.describe()));
  }

  private void printRatio(Row ledger, Row baseline) {
    Measured l = ledger.measured();
    Measured b = baseline.measured();
    out.printf(Locale.ROOT, "ledger/baseline, %d thread%s: throughput %.4f (the baseline is %,.0fx faster), "
            + "p50 latency %,.0fx, p99 latency %,.0fx%n", l.threads(), l.threads() == 1 ? "" : "s",
        l.operationsPerSecond() / b.operationsPerSecond(), b.operationsPerSecond() / l.operationsPerSecond(),
        (double) l.totals().latency.p50() / Math.max(1, b.totals().latency.p50()),
        (double) l.totals().latency.p99() / Math.max(1, b.totals().latency.p99()));
  }

  /** A CPU figure in microseconds, or "n/a" where the JVM did not measure it. */
  private static String cpu(double micros) {
    return micros < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", micros);
  }

  /** @param pairs scenario 1's rows with the baseline rows of the same thread counts */
  private void printSummary(Memory memory, List<Row[]> pairs, long elapsedNanos) {
    section("Summary (Markdown)");
    out.println();
    out.println("| Scenario | Threads | Wallets | ops/s | commands/s | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs "
        + "| GC pauses | refused | CPU µs/command, workers | CPU µs/command, process |");
    out.println("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Row row : rows) {
      Measured m = row.measured();
      Summary l = m.totals().latency;
      out.printf(Locale.ROOT, "| %s | %d | %s | %,.0f | %,.0f | %s | %s | %s | %s | %s | %.0f%% | %,d | %s | %s |%n",
          row.scenario(), m.threads(), row.accounts(), m.operationsPerSecond(), m.commandsPerSecond(), us(l.p50()),
          us(l.p90()), us(l.p99()), us(l.p999()), us(l.max()), gcShare(m), m.totals().refusalCount(),
          cpu(m.cpuMicrosPerCommand()), cpu(m.processCpuMicrosPerCommand()));
    }
    out.println();
    out.println("| Ledger vs plain Java (scenario 1) | Threads | ledger ops/s | baseline ops/s | ledger/baseline "
        + "| p50 ledger/baseline |");
    out.println("|---|---:|---:|---:|---:|---:|");
    for (Row[] pair : pairs) {
      Measured l = pair[0].measured();
      Measured b = pair[1].measured();
      out.printf(Locale.ROOT, "| earn+transfer, %s | %d | %,.0f | %,.0f | %.4f | %,.0fx |%n", pair[0].accounts(),
          l.threads(), l.operationsPerSecond(), b.operationsPerSecond(),
          l.operationsPerSecond() / b.operationsPerSecond(),
          (double) l.totals().latency.p50() / Math.max(1, b.totals().latency.p50()));
    }
    out.println();
    out.printf(Locale.ROOT, "- Memory: **%,.0f bytes per retained transaction** (%,d scenario-1 transactions in "
            + "one fresh ledger; used heap after full GCs %,d MiB -> %,d MiB).%s%s%n", memory.bytesPerTransaction(),
        memory.transactions(), memory.heapBefore() >> 20, memory.heapAfter() >> 20, memory.growth(),
        memory.notice().map(n -> " " + n).orElse(""));
    out.println("- Latency: time inside the ledger call(s) of one operation, System.nanoTime(), exact "
        + "percentiles over all measured operations; ops/s over the measured phase, all threads. GC pauses: "
        + "collector time reported by the JVM during the measured phase, as a share of its wall time. CPU per "
        + "command: the worker threads' CPU time (ThreadMXBean), and the whole process's (every thread: "
        + "collectors, compiler, any background work of the ledger), over the measured phase.");
    out.printf(Locale.ROOT, "- Phases: JIT warm-up %s s; then every ledger run on a fresh ledger with %,d "
            + "wallets, %,d warm-up and %,d measured operations (shared by the threads); baseline %s s warm-up, "
            + "%s s measured.%n", seconds(settings.jitWarmup()), WALLETS, warmupOperations, measureOperations,
        seconds(settings.baselineWarmup()), seconds(settings.baselineMeasure()));
    out.println("- JVM: " + jvm() + "; GC " + collectors());
    out.println("- Machine: " + machine() + "; " + osAndCpu());
    out.println("- Command: `" + command + "`");
    out.printf(Locale.ROOT, "%nTotal time %.0f s.%n", elapsedNanos / 1e9);
  }
}
