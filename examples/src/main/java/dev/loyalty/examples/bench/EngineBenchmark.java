package dev.loyalty.examples.bench;

import static dev.loyalty.examples.bench.BenchReport.collectors;
import static dev.loyalty.examples.bench.BenchReport.commandLine;
import static dev.loyalty.examples.bench.BenchReport.gcShare;
import static dev.loyalty.examples.bench.BenchReport.jvm;
import static dev.loyalty.examples.bench.BenchReport.machine;
import static dev.loyalty.examples.bench.BenchReport.osAndCpu;
import static dev.loyalty.examples.bench.BenchReport.percent;
import static dev.loyalty.examples.bench.BenchReport.seconds;
import static dev.loyalty.examples.bench.BenchReport.settleHeap;
import static dev.loyalty.examples.bench.BenchReport.us;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.examples.bench.BenchRunner.Measured;
import dev.loyalty.examples.bench.BenchRunner.Phases;
import dev.loyalty.examples.bench.LatencyRecorder.Summary;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * End-to-end benchmark of {@link LoyaltyEngine#record}: the in-memory ledger, journal,
 * performance store and outbox, and core's plain-Java {@link SampleRules} (base points, premium
 * multiplier, tier multiplier, campaign bonus, first-order, mix, monthly threshold, training,
 * certification, report, split), beside a hand-written baseline ({@link PlainPoints}) that
 * computes the same points with no engine, in the same run.
 *
 * <p>Setup: the sample program of core's tests with a campaign budget of 10^12 points (budgets
 * never limit), or a small one (a third of what the campaign would pay, so awards are cut), a
 * distributor with 200 dealers of 2 reps each ({@link EngineChannel}), activities generated
 * before each run ({@link EngineWorkload}). Runs, each on a fresh engine after a JIT warm-up on a
 * throwaway one: 1 thread; 2 threads on disjoint dealers; 2 threads on shared dealers; the same
 * with the small budget; and, to see where the time goes, 1 thread with the rules timed inside
 * {@code record} and 1 thread with rules that award nothing.
 *
 * <p>Latency is {@link System#nanoTime()} around {@code record} only (for the baseline, around
 * its one call per activity); exact percentiles. After each run the ledger's trial balance and
 * hash chain are checked; where the outcome does not depend on how threads interleave (1 thread,
 * and 2 threads on disjoint dealers with the large budget) every wallet and the campaign budget
 * must equal the baseline's, or the run fails.
 *
 * <p>Run it from the repository root (a few minutes on 2 cores; {@code --quick}, about 30 s):
 * <pre>
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.EngineBenchmark
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.EngineBenchmark -Dexec.args="--quick"
 * </pre>
 * {@code test-compile}, not {@code compile}: the sample rules are core's test classes, and only a
 * build that compiles them takes them from the reactor (otherwise Maven takes whatever test-jar
 * the local repository holds, or fails on a fresh clone).
 */
public final class EngineBenchmark {

  private static final String COMMAND = "mvn -q test-compile exec:java -Ddemo.main="
      + EngineBenchmark.class.getName();
  private static final int DEALERS = 200;
  private static final long SEED = 20_261_001L;
  private static final long LARGE_BUDGET = 1_000_000_000_000L;

  /**
   * How much each run does; the quick settings trade precision for a short run.
   *
   * @param phaseTimeLimit a safety net: a phase that has not done its activities by then ends
   */
  private record Settings(String name, int jitWarmup, int warmup, int measure, Duration phaseTimeLimit) {
    static final Settings FULL = new Settings("full", 60_000, 20_000, 150_000, Duration.ofSeconds(120));
    static final Settings QUICK = new Settings("quick", 10_000, 3_000, 15_000, Duration.ofSeconds(30));
  }

  /**
   * One run: the engine's and the baseline's figures on the same activities.
   *
   * @param others the share of the processors other processes used during the engine's run (NaN: unknown)
   */
  private record Row(String scenario, int threads, String dealers, Measured engine, Measured baseline,
      Optional<Boolean> agrees, double others) {}

  private final PrintStream out;
  private final Settings settings;
  private final String command;
  private final EngineChannel channel = new EngineChannel(DEALERS);
  private final List<Row> rows = new ArrayList<>();
  private long retainedBytesPerActivity = -1;

  private EngineBenchmark(PrintStream out, Settings settings, String command) {
    this.out = out;
    this.settings = settings;
    this.command = command;
  }

  /**
   * Arguments: {@code --quick} for a run of about 30 seconds; {@code --postgres} for the engine
   * with every store in PostgreSQL ({@link PostgresEngineBenchmark}); {@code --help}.
   */
  public static void main(String[] args) throws Exception {
    List<String> given = List.of(args);
    if (given.contains("--postgres")) {
      // the PostgreSQL mode: every store in a durable database, the ready-made program, 1/4/8 threads
      PostgresEngineBenchmark.main(given.stream().filter(a -> !a.equals("--postgres")).toArray(String[]::new));
      return;
    }
    Optional<Boolean> quick = BenchReport.quickOrFull(args, COMMAND, "about 30 s: fewer activities per run; "
        + "--postgres: the engine on PostgreSQL (PostgresEngineBenchmark)", "the default: a few minutes on 2 cores");
    if (quick.isEmpty()) {
      return;
    }
    Settings settings = quick.get() ? Settings.QUICK : Settings.FULL;
    new EngineBenchmark(System.out, settings, commandLine(COMMAND, args)).run();
  }

  private void run() {
    long started = System.nanoTime();
    printEnvironment();
    warmUpJit();
    Program large = EngineChannel.program(LARGE_BUDGET);

    section("Large budget (10^12 points: budgets never cut)");
    run("large budget", large, 1, false, true);
    run("large budget", large, 2, false, true);
    run("large budget", large, 2, true, false);

    section("Small budget (a third of what the campaign would pay: awards are cut)");
    run("small budget", smallBudget(1, false), 1, false, true);
    run("small budget", smallBudget(2, true), 2, true, false);

    section("Where the time goes (1 thread, large budget)");
    Attribution attribution = attribute(large);

    printSummary(attribution, System.nanoTime() - started);
  }

  /**
   * Records activities for a while on a throwaway engine (and the baseline), so that the JIT has
   * compiled every path before any figure is taken.
   */
  private void warmUpJit() {
    long start = System.nanoTime();
    Program program = EngineChannel.program(LARGE_BUDGET);
    List<Activity> stream = EngineWorkload.streams("jit", channel.dealers, 1, false, settings.jitWarmup(), SEED - 1)
        .get(0);
    LoyaltyEngine engine = channel.engine(program, new SampleRules()).engine();
    PlainPoints plain = new PlainPoints(program, channel.directory);
    for (Activity a : stream) {
      engine.record(a);
      plain.apply(a);
    }
    out.printf(Locale.ROOT, "%nJIT warm-up: %,d activities through a throwaway engine and baseline in %.1f s.%n",
        stream.size(), (System.nanoTime() - start) / 1e9);
  }

  /** The sample program with a budget of a third of what its campaign would pay on the run's activities. */
  private Program smallBudget(int threads, boolean shared) {
    Program large = EngineChannel.program(LARGE_BUDGET);
    PlainPoints plain = new PlainPoints(large, channel.directory);
    streams("small budget", threads, shared).forEach(s -> s.forEach(plain::apply));
    long payout = 0;
    for (long left : plain.budgetsLeft().values()) {
      payout += LARGE_BUDGET - left;
    }
    return EngineChannel.program(Math.max(1, payout / 3));
  }

  private List<List<Activity>> streams(String scenario, int threads, boolean shared) {
    String run = scenario.split(" ")[0] + "-" + threads + (shared ? "s" : "d");
    int perThread = (settings.warmup() + settings.measure()) / threads;
    return EngineWorkload.streams(run, channel.dealers, threads, shared, perThread, SEED + threads * 7L
        + (shared ? 1 : 0));
  }

  private Phases phases(int threads) {
    return new Phases(settings.phaseTimeLimit(), settings.phaseTimeLimit(), settings.warmup(), settings.measure())
        .perThreads(threads);
  }

  // ---------------------------------------------------------------------------------------------
  // Runs

  /**
   * Runs the engine and then the baseline on the same activities, checks the ledger and, if
   * {@code compare}, that the baseline agrees with the engine.
   */
  private void run(String scenario, Program program, int threads, boolean shared, boolean compare) {
    String dealers = threads == 1 ? "all dealers" : shared ? "shared dealers" : "disjoint dealers";
    String name = scenario.split(" ")[0] + "-" + threads + "t-" + dealers.split(" ")[0];
    List<List<Activity>> streams = streams(scenario, threads, shared);
    Phases phases = phases(threads);

    long heapBefore = settleHeap();
    EngineChannel.Engine engine = channel.engine(program, new SampleRules());
    List<EngineWorker> engineWorkers = new ArrayList<>();
    BenchReport.CpuSample cpuBefore = BenchReport.CpuSample.now();
    Measured measured = BenchRunner.run(name, threads, phases, t -> add(engineWorkers,
        new EngineWorker(engine.engine(), streams.get(t))));
    double others = BenchReport.CpuSample.now().othersSince(cpuBefore);
    int recorded = engineWorkers.stream().mapToInt(w -> w.recorded().size()).sum();
    if (threads == 1 && scenario.startsWith("large")) {
      retainedBytesPerActivity = (settleHeap() - heapBefore) / recorded;
    }
    String ledgerCheck = engine.checkLedger();
    String receipts = receipts(engine.engine(), engineWorkers);

    settleHeap();
    PlainPoints plain = new PlainPoints(program, channel.directory);
    List<PlainWorker> plainWorkers = new ArrayList<>();
    // The baseline gets what the engine recorded (all of it, unless a time limit stopped the engine):
    // the same warm-up, the same measured activities, the rest of a thread's share applied untimed.
    int fewest = engineWorkers.stream().mapToInt(w -> w.recorded().size()).min().orElseThrow();
    long warmup = Math.max(1, Math.min(phases.warmupCapPerThread(), fewest / 2));
    Phases plainPhases = new Phases(phases.warmup(), phases.measure(), warmup, Math.max(1, fewest - warmup));
    Measured baseline = BenchRunner.run("plain-" + name, threads, plainPhases, t -> add(plainWorkers,
        new PlainWorker(plain, engineWorkers.get(t).recorded())));
    plainWorkers.forEach(PlainWorker::catchUp);

    printRun(scenario, threads, dealers, measured, baseline, recorded, ledgerCheck, receipts, engine, others);
    Row row = new Row(scenario, threads, dealers, measured, baseline, compare ? Optional.of(agrees(engine, plain))
        : Optional.empty(), others);
    rows.add(row);
    if (row.agrees().filter(a -> !a).isPresent()) {
      throw new IllegalStateException("the baseline does not agree with the engine after " + name
          + "; see the differences above");
    }
  }

  /** Keeps the workers BenchRunner creates (on the calling thread, in thread order) to read their positions. */
  private static <T> T add(List<T> list, T item) {
    list.add(item);
    return item;
  }

  /** The receipts of the activities recorded: statuses and what budgets cut. Fails on an unexpected status. */
  private static String receipts(LoyaltyEngine engine, List<EngineWorker> workers) {
    Map<Receipt.Status, Long> statuses = new EnumMap<>(Receipt.Status.class);
    long requested = 0;
    long cut = 0;
    for (EngineWorker w : workers) {
      for (Activity a : w.recorded()) {
        Receipt r = engine.receipt(a.id()).orElseThrow(() -> new IllegalStateException("no receipt for " + a.id()));
        statuses.merge(r.status(), 1L, Long::sum);
        for (PostedAward award : r.awards()) {
          if (award.campaign().isPresent()) {
            requested += award.requested();
            cut += award.requested() - award.points();
          }
        }
      }
    }
    Set<Receipt.Status> expected = Set.of(Receipt.Status.RECORDED, Receipt.Status.RETURNED);
    if (!expected.containsAll(statuses.keySet())) {
      throw new IllegalStateException("activities ended up " + statuses + "; the workload expects recorded and "
          + "returned only");
    }
    return String.format(Locale.ROOT, "receipts %s; campaign points requested %,d, cut by the budget %,d (%.1f%%)",
        statuses, requested, cut, requested == 0 ? 0 : 100.0 * cut / requested);
  }

  /** Compares every wallet and campaign budget; prints "baseline agrees: yes/no" and the first differences. */
  private boolean agrees(EngineChannel.Engine engine, PlainPoints plain) {
    Map<ParticipantId, Long> wallets = engine.walletBalances();
    Map<ParticipantId, Long> expected = plain.balances();
    List<String> differences = new ArrayList<>();
    Set<ParticipantId> all = new HashSet<>(wallets.keySet());
    all.addAll(expected.keySet());
    for (ParticipantId p : all) {
      long e = wallets.getOrDefault(p, 0L);
      long b = expected.getOrDefault(p, 0L);
      if (e != b) {
        differences.add(p.kind() + " " + p.value() + ": engine " + e + ", baseline " + b);
      }
    }
    Map<CampaignId, Long> budgets = plain.budgetsLeft();
    long budgetLeft = 0;
    for (Map.Entry<CampaignId, Long> e : engine.budgetsLeft().entrySet()) {
      long b = budgets.getOrDefault(e.getKey(), -1L);
      budgetLeft += e.getValue();
      if (b != e.getValue()) {
        differences.add("budget of " + e.getKey() + ": engine " + e.getValue() + ", baseline " + b);
      }
    }
    long points = wallets.values().stream().mapToLong(Long::longValue).sum();
    if (differences.isEmpty()) {
      out.printf(Locale.ROOT, "  baseline agrees: yes (%,d wallets holding %,d points, and the campaign budget's "
          + "%,d points left, equal the engine's)%n", wallets.size(), points, budgetLeft);
      return true;
    }
    out.printf(Locale.ROOT, "  baseline agrees: NO (%,d differences of %,d wallets and budgets)%n", differences.size(),
        all.size() + budgets.size());
    differences.stream().sorted().limit(20).forEach(d -> out.println("    " + d));
    return false;
  }

  /** The split of one activity's time, from three 1-thread runs on the same activities. */
  private record Attribution(Measured full, Summary rules, Measured noRules) {}

  /**
   * Runs the 1-thread large-budget activities again, first with the rules timed inside
   * {@code record}, then with rules that award nothing (no ledger write, no award events): the
   * rest is validation, journal, figures, tiers and the outbox.
   */
  private Attribution attribute(Program program) {
    settleHeap();
    List<Activity> stream = streams("large budget", 1, false).get(0);
    TimedRules timed = new TimedRules(new SampleRules());
    EngineChannel.Engine full = channel.engine(program, timed);
    BenchReport.CpuSample before = BenchReport.CpuSample.now();
    Measured fullRun = BenchRunner.run("timed-rules", 1, phases(1), t -> new EngineWorker(full.engine(), stream,
        tally -> tally.recordPart(Tally.Kind.RULES, timed.takeSpent())));
    double fullOthers = BenchReport.CpuSample.now().othersSince(before);
    full.checkLedger();
    Summary rules = fullRun.totals().latencyByKind.get(Tally.Kind.RULES);
    out.printf(Locale.ROOT, "%nSampleRules timed inside record: record mean %s us (p50 %s), of which rules mean %s us "
            + "(p50 %s) = %.0f%%; CPU %s us and %,d bytes allocated per activity; GC pauses %.0f%% of the run; other "
            + "processes used %s of the processors%n",
        us(fullRun.totals().latency.mean()), us(fullRun.totals().latency.p50()), us(rules.mean()), us(rules.p50()),
        100.0 * rules.mean() / fullRun.totals().latency.mean(), cpu(fullRun), fullRun.allocatedBytesPerOperation(),
        gcShare(fullRun), percent(fullOthers));

    settleHeap();
    RuleEngine nothing = new RuleEngine() {
      @Override
      public RuleOutcome evaluate(RuleFacts facts) {
        return RuleOutcome.empty();
      }
    };
    EngineChannel.Engine empty = channel.engine(program, nothing);
    before = BenchReport.CpuSample.now();
    Measured emptyRun = BenchRunner.run("no-rules", 1, phases(1), t -> new EngineWorker(empty.engine(), stream));
    double emptyOthers = BenchReport.CpuSample.now().othersSince(before);
    empty.checkLedger();
    out.printf(Locale.ROOT, "Rules that award nothing (no ledger write): record mean %s us, p50 %s, p99 %s; "
            + "%,.0f activities/s; CPU %s us and %,d bytes allocated per activity; GC pauses %.0f%% of the run; other "
            + "processes used %s of the processors%n",
        us(emptyRun.totals().latency.mean()), us(emptyRun.totals().latency.p50()), us(emptyRun.totals().latency.p99()),
        emptyRun.operationsPerSecond(), cpu(emptyRun), emptyRun.allocatedBytesPerOperation(), gcShare(emptyRun),
        percent(emptyOthers));
    return new Attribution(fullRun, rules, emptyRun);
  }

  // ---------------------------------------------------------------------------------------------
  // Workers

  /** Runs one thread's activities through the baseline; latency is its one call per activity. */
  private static final class PlainWorker implements BenchRunner.Worker {
    private final PlainPoints plain;
    private final List<Activity> stream;
    private int next;

    PlainWorker(PlainPoints plain, List<Activity> stream) {
      this.plain = plain;
      this.stream = stream;
    }

    @Override
    public void operate(Tally tally) {
      Activity activity = stream.get(next);
      long start = System.nanoTime();
      plain.apply(activity);
      long nanos = System.nanoTime() - start;
      next++;
      tally.record(Tally.Kind.of(activity), nanos);
      tally.commands++;
    }

    /** Applies, untimed, the rest of the stream (what the engine recorded beyond the timed phases). */
    void catchUp() {
      while (next < stream.size()) {
        plain.apply(stream.get(next++));
      }
    }
  }

  /** The rule engine's time inside {@code record}, per thread, handed to the worker after each call. */
  private static final class TimedRules implements RuleEngine {
    private final RuleEngine rules;
    private final ThreadLocal<long[]> spent = ThreadLocal.withInitial(() -> new long[1]);

    TimedRules(RuleEngine rules) {
      this.rules = rules;
    }

    @Override
    public RuleOutcome evaluate(RuleFacts facts) {
      long start = System.nanoTime();
      try {
        return rules.evaluate(facts);
      } finally {
        spent.get()[0] += System.nanoTime() - start;
      }
    }

    long takeSpent() {
      long[] s = spent.get();
      long nanos = s[0];
      s[0] = 0;
      return nanos;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Output

  private void printEnvironment() {
    out.println("LoyaltyEngine end-to-end benchmark (" + settings.name() + " run)");
    out.println("  JVM        " + jvm());
    out.println("  machine    " + machine() + ", GC " + collectors());
    out.println("  OS / CPU   " + osAndCpu());
    out.println("  command    " + command);
    out.printf(Locale.ROOT, "  setup      sample program (SampleRules), %d dealers x %d reps under one distributor, "
        + "in-memory ledger/journal/figures/outbox, one counting listener; per run %,d warm-up + %,d measured "
        + "activities (threads share them; at most %s s per phase)%n", DEALERS, EngineChannel.REPS_PER_DEALER,
        settings.warmup(), settings.measure(), seconds(settings.phaseTimeLimit()));
    out.println("  workload   " + EngineWorkload.describe(streams("large budget", 1, false)));
  }

  private void section(String title) {
    out.println();
    out.println("== " + title);
  }

  private void printRun(String scenario, int threads, String dealers, Measured e, Measured b, int recorded,
      String ledgerCheck, String receipts, EngineChannel.Engine engine, double others) {
    out.printf(Locale.ROOT, "%n%s, %d thread%s, %s: %,d activities recorded (%,d measured, %,d ledger transactions) "
            + "in %.2f s%s; other processes used %s of the processors meanwhile%n", scenario, threads,
        threads == 1 ? "" : "s", dealers, recorded, e.totals().operations, e.totals().commands, e.seconds(),
        e.hitTimeLimit() ? " (STOPPED BY THE TIME LIMIT: fewer activities than set)" : "", percent(others));
    printFigures("engine  ", e);
    out.printf(Locale.ROOT, "    on the recording thread%s: %s us CPU and %,d bytes allocated per activity (the bytes do "
        + "not depend on other processes; the CPU time less than wall time does)%n", threads == 1 ? "" : "s", cpu(e),
        e.allocatedBytesPerOperation());
    e.totals().latencyByKind.forEach((kind, s) -> out.printf(Locale.ROOT, "    %-32s n=%,d p50 %s p99 %s max %s%n",
        kind.label, s.count(), us(s.p50()), us(s.p99()), us(s.max())));
    printFigures("baseline", b);
    out.printf(Locale.ROOT, "  engine/baseline: throughput %.4f (the baseline is %,.0fx faster), p50 latency %,.0fx, "
            + "p99 latency %,.0fx%n", e.operationsPerSecond() / b.operationsPerSecond(),
        b.operationsPerSecond() / e.operationsPerSecond(),
        (double) e.totals().latency.p50() / Math.max(1, b.totals().latency.p50()),
        (double) e.totals().latency.p99() / Math.max(1, b.totals().latency.p99()));
    out.println("  " + ledgerCheck);
    out.printf(Locale.ROOT, "  %s; %,d events delivered to the listener%n", receipts, engine.events().sum());
  }

  /** CPU microseconds per activity on the worker threads, or "n/a". */
  private static String cpu(Measured m) {
    double micros = m.cpuMicrosPerOperation();
    return micros < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", micros);
  }

  private void printFigures(String label, Measured m) {
    Summary l = m.totals().latency;
    out.printf(Locale.ROOT, "  %s %,10.0f activities/s   latency us: p50 %s  p90 %s  p99 %s  p99.9 %s  max %s; "
            + "%,d GCs (%,d ms, %.0f%%)%n", label, m.operationsPerSecond(), us(l.p50()), us(l.p90()), us(l.p99()),
        us(l.p999()), us(l.max()), m.gcCount(), m.gcMillis(), gcShare(m));
  }

  private void printSummary(Attribution a, long elapsedNanos) {
    section("Summary (Markdown)");
    out.println();
    out.println("| Scenario | Threads | Dealers | Run | activities/s | p50 µs | p90 µs | p99 µs | p99.9 µs "
        + "| max µs | GC pauses | engine/baseline | baseline agrees | CPU used by others |");
    out.println("|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
    for (Row row : rows) {
      String agrees = row.agrees().map(ok -> ok ? "yes" : "NO").orElse("not compared");
      printSummaryLine(row, "engine", row.engine(), String.format(Locale.ROOT, "%.4f",
          row.engine().operationsPerSecond() / row.baseline().operationsPerSecond()), agrees, percent(row.others()));
      printSummaryLine(row, "baseline", row.baseline(), "", "", "");
    }
    out.println();
    Summary full = a.full().totals().latency;
    Summary none = a.noRules().totals().latency;
    long awardsAdd = full.mean() - a.rules().mean() - none.mean();
    out.println("| Where one activity's `record` time goes (1 thread, large budget) | mean µs | share |");
    out.println("|---|---:|---:|");
    out.printf(Locale.ROOT, "| `record` with SampleRules (timed run) | %s | 100%% |%n", us(full.mean()));
    out.printf(Locale.ROOT, "| rules (`SampleRules.evaluate`, timed inside `record`) | %s | %.0f%% |%n",
        us(a.rules().mean()), 100.0 * a.rules().mean() / full.mean());
    out.printf(Locale.ROOT, "| what awards add: ledger transfer, planning against budgets, award events, larger "
        + "receipts, and the GC of what they retain (the difference) | %s | %.0f%% |%n", us(awardsAdd),
        100.0 * awardsAdd / full.mean());
    out.printf(Locale.ROOT, "| the rest: validation, journal, figures, tiers, outbox (rules that award nothing) | %s "
        + "| %.0f%% |%n", us(none.mean()), 100.0 * none.mean() / full.mean());
    out.println();
    rows.stream().filter(r -> r.threads() == 1 && r.scenario().startsWith("large")).findFirst().ifPresent(r ->
        out.printf(Locale.ROOT, "- On the recording thread (1 thread, large budget): %s us CPU and %,d bytes allocated "
            + "per activity (the collectors' threads not included).%n", cpu(r.engine()),
            r.engine().allocatedBytesPerOperation()));
    if (retainedBytesPerActivity >= 0) {
      out.printf(Locale.ROOT, "- Heap retained by the engine: %,d bytes per recorded activity (1 thread, large "
          + "budget; journal with receipts, ledger, figures, outbox; used heap after full GCs).%n",
          retainedBytesPerActivity);
    }
    out.println("- Latency: System.nanoTime() around `record` (baseline: around its one call), exact percentiles over "
        + "the measured activities; activities/s over the measured phase, all threads. GC pauses: collector time "
        + "during the measured phase, as a share of its wall time. CPU used by others: busy time of the machine "
        + "(/proc/stat) less this JVM's, during the engine's run, as a share of all processors.");
    out.printf(Locale.ROOT, "- Phases: JIT warm-up of %,d activities on a throwaway engine; every run on a fresh "
        + "engine, %,d warm-up and %,d measured activities (shared by the threads).%n", settings.jitWarmup(),
        settings.warmup(), settings.measure());
    out.println("- JVM: " + jvm() + "; GC " + collectors());
    out.println("- Machine: " + machine() + "; " + osAndCpu());
    out.println("- Command: `" + command + "`");
    out.printf(Locale.ROOT, "%nTotal time %.0f s.%n", elapsedNanos / 1e9);
  }

  private void printSummaryLine(Row row, String run, Measured m, String ratio, String agrees, String others) {
    Summary l = m.totals().latency;
    out.printf(Locale.ROOT, "| %s | %d | %s | %s | %,.0f | %s | %s | %s | %s | %s | %.0f%% | %s | %s | %s |%n",
        row.scenario(), row.threads(), row.dealers(), run, m.operationsPerSecond(), us(l.p50()), us(l.p90()),
        us(l.p99()), us(l.p999()), us(l.max()), gcShare(m), ratio, agrees, others);
  }
}
