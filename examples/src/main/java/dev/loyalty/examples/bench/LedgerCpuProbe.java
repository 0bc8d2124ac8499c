package dev.loyalty.examples.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link LedgerBenchmark}'s scenario 1 on one thread (50% earns, 50% wallet-to-wallet transfers
 * with carried expiry; keys and hash chain on) timed in <b>CPU time</b> per transaction, after the
 * JIT has settled: on the command thread, and in the whole process (every thread: the collectors,
 * the compilers, any background work of the ledger), with the compilers' and collectors' share of
 * the round. The benchmark's quick run measures too short a phase for the process's figure to mean
 * much (the compilers are still at work in it); here three unreported rounds warm up, then seven
 * rounds of 300,000 transactions, each on a fresh ledger, report. Prints each round, the median and
 * the lowest; compare medians of two builds run one after the other.
 *
 * <pre>
 * MAVEN_OPTS="-Xmx6g" mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.LedgerCpuProbe
 * </pre>
 *
 * <p>With {@code -Dexec.args="--awards"}, engine-shaped awards ({@code Workloads.Awards}: four or
 * five entries, backdated by up to an hour) instead of scenario 1.
 */
public final class LedgerCpuProbe {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.ThreadMXBean ALLOCATION =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final int WALLETS = 1_000;
  private static final int TRANSACTIONS = 300_000;
  private static final int WARM_ROUNDS = 3;
  private static final int ROUNDS = 7;
  private static final long SEED = 20_261_207L;

  private LedgerCpuProbe() {
  }

  /** {@code --awards}: engine-shaped awards ({@code Workloads.Awards}) instead of scenario 1. */
  public static void main(String[] args) {
    boolean awards = List.of(args).contains("--awards");
    System.out.printf(Locale.ROOT, "Ledger CPU probe: %s, one thread, %,d transactions per fresh ledger of "
        + "%,d wallets; %d warm-up rounds, %d measured; load average %s%n",
        awards ? "engine-shaped awards (2 debits, 1-3 credits)" : "scenario 1", TRANSACTIONS, WALLETS, WARM_ROUNDS, ROUNDS,
        LoadAverage.all());
    List<double[]> measured = new ArrayList<>();
    for (int round = 0; round < WARM_ROUNDS + ROUNDS; round++) {
      double[] r = round(round, awards);
      boolean warm = round < WARM_ROUNDS;
      System.out.printf(Locale.ROOT, "%s %d: command thread %.2f us/tx, process %.2f us/tx (compilers %.2f, "
              + "collectors' pauses %.2f), %,.0f tx/s on the wall clock, %,.0f bytes allocated/tx on the command thread%n",
          warm ? "warm-up" : "round  ", warm ? round + 1 : round - WARM_ROUNDS + 1, r[0], r[1], r[2], r[3], r[4], r[5]);
      if (!warm) {
        measured.add(r);
      }
    }
    String[] names = {"command thread CPU us/tx", "process CPU us/tx", "compilers us/tx", "GC pauses us/tx",
        "tx/s (wall)", "bytes allocated/tx"};
    for (int i = 0; i < names.length; i++) {
      int k = i;
      double[] values = measured.stream().mapToDouble(r -> r[k]).sorted().toArray();
      System.out.printf(Locale.ROOT, "%-26s median %,.2f, lowest %,.2f, highest %,.2f%n", names[i],
          values[values.length / 2], values[0], values[values.length - 1]);
    }
    System.out.println("load average at the end: " + LoadAverage.all());
  }

  /** One round on a fresh ledger: command thread CPU, process CPU, compilers, GC pauses (us/tx), tx/s, bytes allocated/tx. */
  private static double[] round(int round, boolean awards) {
    LedgerFixture fixture = new LedgerFixture("cpu" + round, WALLETS);
    fixture.prefund(10_000, Workloads.S1_MIN_LIFE, Workloads.S1_MAX_LIFE, SEED);
    WalletPicker picker = new WalletPicker(0, 1, WALLETS, false);
    BenchRunner.Worker worker;
    if (awards) {
      Workloads.Awards.openBudget(fixture, 1_000_000_000_000L);
      worker = new Workloads.Awards(fixture, 0, picker, SEED + round);
    } else {
      worker = new Workloads.Transfers(fixture, 0, picker, SEED + round);
    }
    Tally tally = Tally.discarding();
    BenchReport.settleHeap();
    long[] gcBefore = BenchRunner.gcTotals();
    long compileBefore = BenchRunner.compileMillis();
    long processBefore = BenchRunner.processCpuNanos();
    long allocatedBefore = ALLOCATION.getCurrentThreadAllocatedBytes();
    long threadBefore = THREADS.getCurrentThreadCpuTime();
    long wallBefore = System.nanoTime();
    for (int i = 0; i < TRANSACTIONS; i++) {
      worker.operate(tally);
    }
    long wall = System.nanoTime() - wallBefore;
    long thread = THREADS.getCurrentThreadCpuTime() - threadBefore;
    long allocated = ALLOCATION.getCurrentThreadAllocatedBytes() - allocatedBefore;
    long process = BenchRunner.processCpuNanos() - processBefore;
    long compile = BenchRunner.compileMillis() - compileBefore;
    long gc = BenchRunner.gcTotals()[1] - gcBefore[1];
    LedgerFixture.Check check = fixture.check();
    if (!check.ok() || tally.refusalCount() != 0) {
      throw new IllegalStateException("round " + round + ": " + check.describe() + "; refused " + tally.refusalCount());
    }
    long n = tally.commands;
    return new double[] {thread / 1e3 / n, process / 1e3 / n, compile * 1e3 / n, gc * 1e3 / n, n * 1e9 / wall,
        (double) allocated / n};
  }
}
