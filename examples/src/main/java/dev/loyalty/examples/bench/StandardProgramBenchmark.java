package dev.loyalty.examples.bench;

import static dev.loyalty.examples.bench.BenchReport.collectors;
import static dev.loyalty.examples.bench.BenchReport.commandLine;
import static dev.loyalty.examples.bench.BenchReport.gcShare;
import static dev.loyalty.examples.bench.BenchReport.jvm;
import static dev.loyalty.examples.bench.BenchReport.machine;
import static dev.loyalty.examples.bench.BenchReport.osAndCpu;
import static dev.loyalty.examples.bench.BenchReport.percent;
import static dev.loyalty.examples.bench.BenchReport.settleHeap;
import static dev.loyalty.examples.bench.BenchReport.us;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.examples.bench.BenchRunner.Measured;
import dev.loyalty.examples.bench.BenchRunner.Phases;
import dev.loyalty.examples.bench.LatencyRecorder.Summary;
import dev.loyalty.rules.DroolsRuleEngine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ready-made program of loyalty-rules (every {@code dev/loyalty/rules/standard/*.drl} rule:
 * earn rate, product multipliers, thresholds, mix, training, certification, referral, expansion,
 * reactivation, streak, clearance, reporting, tier qualification, tier multiplier, campaign bonus,
 * partner cap, org/rep split, invoice checks) through {@link DroolsRuleEngine}, beside {@link
 * StandardProgramJava}, the same program written by hand, in the same run, on the same activities:
 *
 * <ul>
 *   <li><b>rules alone</b>: {@code evaluate} on pre-built {@link RuleFacts} (the facts the engine
 *       built for the first activities of the workload, captured once), 1 and 2 threads;</li>
 *   <li><b>end to end</b>: {@link LoyaltyEngine#record} with each rule engine on a fresh in-memory
 *       ledger, 1 thread and 2 threads on disjoint dealers.</li>
 * </ul>
 *
 * <p>Checks: on every captured fact the two engines give the same awards, qualifications, badges
 * and flags; after each end-to-end pair the ledgers balance and verify, and every wallet and the
 * campaign budget hold the same points with either engine. A disagreement fails the run.
 *
 * <p>Targets of issue 20: end to end at least 20,000 activities/s on one thread with Drools, and
 * Drools at least 0.5x the hand-written version (issue 5's were 100,000/s and 0.25x). Latency is
 * {@link System#nanoTime()} around the one call; exact percentiles. {@link DroolsCpuProbe} measures
 * the same paths in CPU time per call, for a machine shared with other work.
 *
 * <pre>
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.StandardProgramBenchmark -Dexec.args="--quick"
 * </pre>
 */
public final class StandardProgramBenchmark {

  private static final String COMMAND = "mvn -q test-compile exec:java -Ddemo.main="
      + StandardProgramBenchmark.class.getName();
  private static final int DEALERS = 200;
  private static final long SEED = 20_261_105L;
  private static final long LARGE_BUDGET = 1_000_000_000_000L;
  private static final double E2E_TARGET = 20_000;
  private static final double RATIO_TARGET = 0.5;

  /**
   * How much each run does.
   *
   * @param facts the pre-built facts the rules-alone runs cycle through
   */
  private record Settings(String name, int jitWarmup, int warmup, int measure, int facts, int rulesWarmup,
      int rulesMeasure, Duration phaseTimeLimit) {
    static final Settings FULL = new Settings("full", 20_000, 10_000, 60_000, 20_000, 10_000, 60_000,
        Duration.ofSeconds(60));
    static final Settings QUICK = new Settings("quick", 3_000, 1_500, 6_000, 3_000, 2_000, 6_000,
        Duration.ofSeconds(15));
  }

  /** One pair of runs: Drools and the hand-written twin on the same work. */
  private record Row(String path, int threads, Measured drools, Measured java, String check, double load,
      double others) {
    double ratio() {
      return drools.operationsPerSecond() / java.operationsPerSecond();
    }
  }

  private final PrintStream out;
  private final Settings settings;
  private final String command;
  private final StandardChannel channel = new StandardChannel(DEALERS);
  private final Program program = StandardChannel.program(LARGE_BUDGET);
  private final List<Row> rows = new ArrayList<>();
  private DroolsRuleEngine drools;
  private final StandardProgramJava java = new StandardProgramJava(StandardChannel.VERSION);

  private StandardProgramBenchmark(PrintStream out, Settings settings, String command) {
    this.out = out;
    this.settings = settings;
    this.command = command;
  }

  /** Arguments: {@code --quick} for a run of about a minute; {@code --help}. */
  public static void main(String[] args) {
    Optional<Boolean> quick = BenchReport.quickOrFull(args, COMMAND, "about a minute: fewer activities per run",
        "the default: a few minutes on 2 cores");
    if (quick.isEmpty()) {
      return;
    }
    new StandardProgramBenchmark(System.out, quick.get() ? Settings.QUICK : Settings.FULL, commandLine(COMMAND, args))
        .run();
  }

  private void run() {
    long started = System.nanoTime();
    double loadAtStart = LoadAverage.oneMinute();
    printEnvironment(loadAtStart);
    long compileStart = System.nanoTime();
    drools = StandardChannel.drools();
    out.printf(Locale.ROOT, "%nDrools rule set compiled in %.1f s (%d rules).%n", (System.nanoTime() - compileStart)
        / 1e9, drools.ruleSets().get(0).ruleIds().size());

    List<RuleFacts> facts = captureFacts();
    warmUpJit(facts);

    section("Rules alone: evaluate on pre-built facts");
    rulesAlone(facts, 1);
    rulesAlone(facts, 2);
    facts = null;

    section("End to end: LoyaltyEngine.record, in-memory ledger");
    endToEnd(1);
    endToEnd(2);

    printSummary(loadAtStart, LoadAverage.oneMinute(), System.nanoTime() - started);
  }

  // ---------------------------------------------------------------------------------------------
  // Facts and warm-up

  /**
   * The facts the engine builds for the first activities of a stream (recorded with the twin on a
   * throwaway engine), so that the rules-alone runs see realistic standings; checks that both
   * engines agree on every one.
   */
  private List<RuleFacts> captureFacts() {
    long start = System.nanoTime();
    List<RuleFacts> captured = new ArrayList<>(settings.facts());
    RuleEngine capturing = f -> {
      captured.add(f);
      return java.evaluate(f);
    };
    LoyaltyEngine engine = channel.engine(program, capturing).engine();
    List<Activity> stream = StandardWorkload.streams("facts", channel, 1, settings.facts(), SEED - 2).get(0);
    stream.forEach(engine::record);
    int differ = 0;
    String first = null;
    for (RuleFacts f : captured) {
      String want = outcome(drools.evaluate(f));
      String got = outcome(java.evaluate(f));
      if (!want.equals(got)) {
        differ++;
        first = first != null ? first : f.activity() + "\n  drools: " + want + "\n  java:   " + got;
      }
    }
    out.printf(Locale.ROOT, "Facts: %,d built by the engine for a workload of %s; Drools and the twin %s on every "
        + "one (%.1f s).%n", captured.size(), EngineWorkload.describe(List.of(stream)), differ == 0 ? "agree"
        : "DISAGREE on " + differ, (System.nanoTime() - start) / 1e9);
    if (differ > 0) {
      throw new IllegalStateException("the twin disagrees with Drools on " + differ + " facts; the first:\n" + first);
    }
    return List.copyOf(captured);
  }

  /** What must agree: awards, qualifications, badges, flags, in a canonical order. */
  private static String outcome(RuleOutcome o) {
    Map<String, Integer> all = new TreeMap<>();
    o.awards().forEach(a -> all.merge("award " + a.beneficiary().value() + " " + a.points() + " " + a.rule().ruleId()
        + a.campaign().map(c -> " " + c.value()).orElse(""), 1, Integer::sum));
    o.qualifications().forEach(q -> all.merge("tier " + q.participant().value() + " " + q.tier().value(), 1,
        Integer::sum));
    o.badges().forEach(b -> all.merge("badge " + b.participant().value() + " " + b.badge(), 1, Integer::sum));
    o.riskFlags().forEach(r -> all.merge("flag " + r.severity() + " " + r.code(), 1, Integer::sum));
    return all.toString();
  }

  /** Both engines, alone and inside a throwaway LoyaltyEngine, until the JIT has compiled their paths. */
  private void warmUpJit(List<RuleFacts> facts) {
    long start = System.nanoTime();
    List<Activity> stream = StandardWorkload.streams("jit", channel, 1, settings.jitWarmup(), SEED - 1).get(0);
    LoyaltyEngine withDrools = channel.engine(program, drools).engine();
    LoyaltyEngine withJava = channel.engine(program, java).engine();
    for (Activity a : stream) {
      withDrools.record(a);
      withJava.record(a);
    }
    for (int i = 0; i < settings.jitWarmup(); i++) {
      RuleFacts f = facts.get(i % facts.size());
      drools.evaluate(f);
      java.evaluate(f);
    }
    out.printf(Locale.ROOT, "JIT warm-up: %,d activities through throwaway engines with each rule engine, %,d "
        + "evaluations each, in %.1f s.%n", stream.size(), settings.jitWarmup(), (System.nanoTime() - start) / 1e9);
  }

  // ---------------------------------------------------------------------------------------------
  // Runs

  private Phases phases(int threads, int warmup, int measure) {
    return new Phases(settings.phaseTimeLimit(), settings.phaseTimeLimit(), warmup, measure).perThreads(threads);
  }

  private void rulesAlone(List<RuleFacts> facts, int threads) {
    Phases phases = phases(threads, settings.rulesWarmup(), settings.rulesMeasure());
    double load = LoadAverage.oneMinute();
    settleHeap();
    BenchReport.CpuSample before = BenchReport.CpuSample.now();
    Measured d = BenchRunner.run("rules-drools-" + threads, threads, phases, t -> new RulesWorker(drools, facts, t,
        threads));
    double others = BenchReport.CpuSample.now().othersSince(before);
    settleHeap();
    Measured j = BenchRunner.run("rules-java-" + threads, threads, phases, t -> new RulesWorker(java, facts, t,
        threads));
    Row row = new Row("rules alone", threads, d, j, "same outcomes on all " + facts.size() + " facts", load, others);
    rows.add(row);
    printRow(row);
  }

  private void endToEnd(int threads) {
    int perThread = (settings.warmup() + settings.measure()) / threads;
    List<List<Activity>> streams = StandardWorkload.streams("e2e-" + threads, channel, threads, perThread,
        SEED + threads);
    Phases phases = phases(threads, settings.warmup(), settings.measure());
    double load = LoadAverage.oneMinute();

    settleHeap();
    EngineChannel.Engine withDrools = channel.engine(program, drools);
    List<EngineWorker> droolsWorkers = new ArrayList<>();
    BenchReport.CpuSample before = BenchReport.CpuSample.now();
    Measured d = BenchRunner.run("e2e-drools-" + threads, threads, phases, t -> add(droolsWorkers,
        new EngineWorker(withDrools.engine(), streams.get(t))));
    double others = BenchReport.CpuSample.now().othersSince(before);
    droolsWorkers.forEach(EngineWorker::catchUp);
    String droolsLedger = withDrools.checkLedger();
    Map<ParticipantId, Long> droolsWallets = withDrools.walletBalances();
    Map<?, Long> droolsBudgets = withDrools.budgetsLeft();
    String statuses = statuses(withDrools.engine(), streams);

    settleHeap();
    EngineChannel.Engine withJava = channel.engine(program, java);
    List<EngineWorker> javaWorkers = new ArrayList<>();
    Measured j = BenchRunner.run("e2e-java-" + threads, threads, phases, t -> add(javaWorkers,
        new EngineWorker(withJava.engine(), streams.get(t))));
    javaWorkers.forEach(EngineWorker::catchUp);
    withJava.checkLedger();
    Map<ParticipantId, Long> javaWallets = withJava.walletBalances();
    boolean agree = droolsWallets.equals(javaWallets) && droolsBudgets.equals(withJava.budgetsLeft());
    long points = droolsWallets.values().stream().mapToLong(Long::longValue).sum();
    String check = String.format(Locale.ROOT, "%s; wallets (%,d, %,d points) and budget %s with either engine; %s",
        droolsLedger.replaceFirst(" \\(.*\\)$", ""), droolsWallets.size(), points, agree ? "equal" : "DIFFER",
        statuses);
    Row row = new Row("end to end", threads, d, j, check, load, others);
    rows.add(row);
    printRow(row);
    if (!agree) {
      throw new IllegalStateException("the ledgers differ between Drools and the twin after " + threads
          + " thread(s)");
    }
  }

  /** Receipt statuses of every activity of the streams, for the report. */
  private static String statuses(LoyaltyEngine engine, List<List<Activity>> streams) {
    Map<Receipt.Status, Long> counts = new EnumMap<>(Receipt.Status.class);
    for (List<Activity> stream : streams) {
      for (Activity a : stream) {
        engine.receipt(a.id()).ifPresent(r -> counts.merge(r.status(), 1L, Long::sum));
      }
    }
    return "receipts " + counts;
  }

  private static <T> T add(List<T> list, T item) {
    list.add(item);
    return item;
  }

  /** Evaluates thread {@code t}'s share of the facts (every {@code threads}-th), round and round. */
  private static final class RulesWorker implements BenchRunner.Worker {
    private final RuleEngine rules;
    private final List<RuleFacts> facts;
    private final int first;
    private final int step;
    private int next;

    RulesWorker(RuleEngine rules, List<RuleFacts> facts, int thread, int threads) {
      this.rules = rules;
      this.facts = facts;
      this.first = thread;
      this.step = threads;
      this.next = thread;
    }

    @Override
    public void operate(Tally tally) {
      RuleFacts f = facts.get(next);
      long start = System.nanoTime();
      RuleOutcome outcome = rules.evaluate(f);
      long nanos = System.nanoTime() - start;
      next += step;
      if (next >= facts.size()) {
        next = first;
      }
      tally.record(Tally.Kind.of(f.activity()), nanos);
      tally.commands += outcome.awards().isEmpty() ? 0 : 1;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Output

  private void printEnvironment(double load) {
    out.println("Ready-made program through Drools vs a hand-written twin (" + settings.name() + " run)");
    out.println("  JVM        " + jvm());
    out.println("  machine    " + machine() + ", GC " + collectors());
    out.println("  OS / CPU   " + osAndCpu());
    out.printf(Locale.ROOT, "  load       1-minute load average %.2f at the start%s%n", load, load > 3
        ? " (ABOVE 3: the machine is busy with other work; read the figures as lower bounds)" : "");
    out.println("  command    " + command);
    out.printf(Locale.ROOT, "  setup      loyalty-rules' ready-made program (all %d DRL files), %d dealers x %d reps, "
        + "in-memory ledger; rules alone: %,d facts, %,d warm-up + %,d measured evaluations; end to end: %,d warm-up "
        + "+ %,d measured activities (threads share them; at most %d s per phase)%n", 16, DEALERS,
        StandardChannel.REPS_PER_DEALER, settings.facts(), settings.rulesWarmup(), settings.rulesMeasure(),
        settings.warmup(), settings.measure(), settings.phaseTimeLimit().getSeconds());
  }

  private void section(String title) {
    out.println();
    out.println("== " + title);
  }

  private void printRow(Row row) {
    out.printf(Locale.ROOT, "%n%s, %d thread%s (1-min load %.2f; other processes used %s of the processors):%n",
        row.path(), row.threads(), row.threads() == 1 ? "" : "s", row.load(), percent(row.others()));
    printFigures("drools", row.drools());
    printFigures("java  ", row.java());
    out.printf(Locale.ROOT, "  drools/java: throughput %.3f, p50 latency %.1fx, p99 latency %.1fx%n", row.ratio(),
        (double) row.drools().totals().latency.p50() / Math.max(1, row.java().totals().latency.p50()),
        (double) row.drools().totals().latency.p99() / Math.max(1, row.java().totals().latency.p99()));
    out.println("  " + row.check());
  }

  private void printFigures(String label, Measured m) {
    Summary l = m.totals().latency;
    out.printf(Locale.ROOT, "  %s %,10.0f activities/s   latency us: p50 %s  p90 %s  p99 %s  p99.9 %s  max %s; "
            + "GC %.0f%%%s%n", label, m.operationsPerSecond(), us(l.p50()), us(l.p90()), us(l.p99()), us(l.p999()),
        us(l.max()), gcShare(m), m.hitTimeLimit() ? " (STOPPED BY THE TIME LIMIT)" : "");
    m.totals().latencyByKind.forEach((kind, s) -> out.printf(Locale.ROOT, "      %-32s n=%,d p50 %s p99 %s%n",
        kind.label, s.count(), us(s.p50()), us(s.p99())));
  }

  private void printSummary(double loadAtStart, double loadAtEnd, long elapsedNanos) {
    section("Summary (Markdown)");
    out.println();
    out.println("| Path | Threads | Engine | activities/s | p50 µs | p99 µs | GC | Drools/Java | 1-min load |");
    out.println("|---|---:|---|---:|---:|---:|---:|---:|---:|");
    for (Row row : rows) {
      summaryLine(row, "Drools", row.drools(), String.format(Locale.ROOT, "%.3f", row.ratio()));
      summaryLine(row, "Java twin", row.java(), "");
    }
    out.println();
    Row e2e1 = rows.stream().filter(r -> r.path().equals("end to end") && r.threads() == 1).findFirst().orElseThrow();
    double rate = e2e1.drools().operationsPerSecond();
    out.printf(Locale.ROOT, "- Target end to end >= %,.0f activities/s on one thread with Drools: %s (%,.0f/s).%n",
        E2E_TARGET, rate >= E2E_TARGET ? "met" : "NOT met", rate);
    for (Row row : rows) {
      if (row.path().equals("end to end")) {
        out.printf(Locale.ROOT, "- Target Drools >= %.2fx the hand-written version, end to end, %d thread%s: %s "
            + "(%.3f).%n", RATIO_TARGET, row.threads(), row.threads() == 1 ? "" : "s",
            row.ratio() >= RATIO_TARGET ? "met" : "NOT met", row.ratio());
      }
    }
    out.printf(Locale.ROOT, "- 1-minute load average: %.2f at the start, %.2f at the end%s.%n", loadAtStart,
        loadAtEnd, Math.max(loadAtStart, loadAtEnd) > 3 ? " (above 3: other work shared the 2 cores; the figures "
            + "are lower bounds)" : "");
    rows.forEach(r -> out.println("- " + r.path() + ", " + r.threads() + " thread(s): " + r.check()));
    out.println("- JVM: " + jvm() + "; GC " + collectors() + "; " + machine() + "; " + osAndCpu());
    out.println("- Command: `" + command + "`");
    out.printf(Locale.ROOT, "%nTotal time %.0f s.%n", elapsedNanos / 1e9);
  }

  private void summaryLine(Row row, String engine, Measured m, String ratio) {
    Summary l = m.totals().latency;
    out.printf(Locale.ROOT, "| %s | %d | %s | %,.0f | %s | %s | %.0f%% | %s | %.1f |%n", row.path(), row.threads(),
        engine, m.operationsPerSecond(), us(l.p50()), us(l.p99()), gcShare(m), ratio, row.load());
  }
}
