package dev.loyalty.examples.bench;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.internal.journal.ReceiptPacker;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RuleDecision;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.rules.DroolsRuleEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@link StandardProgramBenchmark}'s one-thread paths (rules alone on captured facts, and {@link
 * LoyaltyEngine#record} end to end), with Drools and the hand-written twin, timed in <b>CPU time of
 * the measuring thread</b> per call rather than wall time: on a machine other work keeps busy the
 * thread's CPU time moves far less than its throughput, so that two builds can be compared one
 * after the other (caches shared with other processes still add noise: compare medians of several
 * runs). Three unreported rounds warm the JIT, then seven rounds of 6,000 calls each; prints the
 * median and the lowest round.
 *
 * <pre>
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.DroolsCpuProbe
 * # to profile: evaluate with Drools only, round and round, for 40 s
 * MAVEN_OPTS="-XX:StartFlightRecording=filename=/tmp/d.jfr,settings=profile" mvn -q test-compile exec:java \
 *   -Ddemo.main=dev.loyalty.examples.bench.DroolsCpuProbe -Dexec.args="--profile=40"
 * # the same for record end to end with Drools: -Dexec.args="--profile-record=40"
 * # what the in-memory journal's packing of Drools' decisions costs, kept as templates or written:
 * # -Dexec.args="--pack"
 * </pre>
 */
public final class DroolsCpuProbe {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  // bytes allocated by the measuring thread: unlike its CPU time, the same whatever else runs
  private static final com.sun.management.ThreadMXBean BYTES =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final int FACTS = 3_000;
  private static final int CALLS = 6_000;
  private static final int WARM_ROUNDS = 3;
  private static final int ROUNDS = 7;
  private static final long SEED = 20_261_103L;

  private final StandardChannel channel = new StandardChannel(200);
  private final Program program = StandardChannel.program(1_000_000_000_000L);
  private final DroolsRuleEngine drools = StandardChannel.drools();
  private final StandardProgramJava java = new StandardProgramJava(StandardChannel.VERSION);

  private DroolsCpuProbe() {
  }

  /**
   * Arguments: none, {@code --profile=SECONDS} (Drools' evaluations alone, round and round), or
   * {@code --profile-record=SECONDS} ({@code record} end to end with Drools, a fresh engine every
   * 6,000 activities), or {@code --pack} ({@link #measurePacking}).
   */
  public static void main(String[] args) {
    DroolsCpuProbe probe = new DroolsCpuProbe();
    List<RuleFacts> facts = probe.captureFacts();
    if (args.length == 1 && args[0].startsWith("--profile=")) {
      probe.profile(facts, Integer.parseInt(args[0].substring("--profile=".length())));
    } else if (args.length == 1 && args[0].startsWith("--profile-record=")) {
      long end = System.nanoTime() + Integer.parseInt(args[0].substring("--profile-record=".length())) * 1_000_000_000L;
      for (int round = 0; System.nanoTime() < end; round++) {
        probe.endToEnd(probe.drools, round);
      }
    } else if (args.length == 1 && args[0].equals("--pack")) {
      probe.measurePacking(facts);
    } else if (args.length == 0) {
      probe.measure(facts);
    } else {
      System.out.println("usage: DroolsCpuProbe [--profile=SECONDS | --profile-record=SECONDS | --pack]");
    }
  }

  /** The facts the engine builds for the first activities of a stream (recorded with the twin). */
  private List<RuleFacts> captureFacts() {
    List<RuleFacts> facts = new ArrayList<>();
    RuleEngine capturing = f -> {
      facts.add(f);
      return java.evaluate(f);
    };
    LoyaltyEngine engine = channel.engine(program, capturing).engine();
    StandardWorkload.streams("facts", channel, 1, FACTS, SEED).get(0).forEach(engine::record);
    return List.copyOf(facts);
  }

  private void profile(List<RuleFacts> facts, int seconds) {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    for (int i = 0; System.nanoTime() < end; i += 1_000) {
      for (int k = 0; k < 1_000; k++) {
        drools.evaluate(facts.get((i + k) % facts.size()));
      }
    }
  }

  private void measure(List<RuleFacts> facts) {
    double[][] micros = new double[4][ROUNDS];
    double[][] bytes = new double[4][ROUNDS];
    for (int round = -WARM_ROUNDS; round < ROUNDS; round++) {
      double[][] r = {rulesAlone(drools, facts), rulesAlone(java, facts), endToEnd(drools, round),
          endToEnd(java, round)};
      for (int k = 0; round >= 0 && k < r.length; k++) {
        micros[k][round] = r[k][0];
        bytes[k][round] = r[k][1];
      }
    }
    for (double[] row : bytes) {
      Arrays.sort(row);
    }
    for (double[] row : micros) {
      Arrays.sort(row);
    }
    System.out.printf(Locale.ROOT, "CPU us per call, median (lowest) of %d rounds of %,d, one thread, load %.2f:%n"
        + "  rules alone: drools %.1f (%.1f), java twin %.2f (%.2f)%n"
        + "  end to end:  drools %.1f (%.1f), java twin %.1f (%.1f); drools/java %.3f%n"
        + "bytes allocated per call, median: rules alone drools %,.0f, java twin %,.0f; end to end drools %,.0f, "
        + "java twin %,.0f%n", ROUNDS, CALLS,
        LoadAverage.oneMinute(), micros[0][ROUNDS / 2], micros[0][0], micros[1][ROUNDS / 2], micros[1][0],
        micros[2][ROUNDS / 2], micros[2][0], micros[3][ROUNDS / 2], micros[3][0],
        micros[3][ROUNDS / 2] / micros[2][ROUNDS / 2], bytes[0][ROUNDS / 2], bytes[1][ROUNDS / 2],
        bytes[2][ROUNDS / 2], bytes[3][ROUNDS / 2]);
  }

  /**
   * CPU per receipt of the in-memory journal's packing of Drools' decisions (receipts holding only
   * the decisions of one evaluation each), the decisions given as templates (kept as such) or as
   * sentences written on demand (written when packed, as every decision was before templates),
   * the two alternating round by round in one JVM. Both take the template and values apart from
   * what the rule did at packing time, as the journal does.
   */
  private void measurePacking(List<RuleFacts> facts) {
    List<RuleOutcome> outcomes = new ArrayList<>();
    facts.forEach(f -> outcomes.add(drools.evaluate(f)));
    double[][] micros = new double[2][ROUNDS];
    long[] bytes = new long[2];
    for (int round = -WARM_ROUNDS; round < ROUNDS; round++) {
      for (int written = 0; written < 2; written++) {
        ReceiptPacker packer = new ReceiptPacker();
        List<Receipt> receipts = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
          List<RuleDecision> decisions = new ArrayList<>();
          for (RuleDecision d : outcomes.get(i).decisions()) {
            decisions.add(d.unwritten().isEmpty() ? d : written == 1
                ? RuleDecision.explainedLater(d.rule(), d.fired(), () -> d.unwritten().orElseThrow().text())
                : RuleDecision.explainedByTemplate(d.rule(), d.fired(), () -> d.unwritten().orElseThrow()));
          }
          receipts.add(Receipt.planned(facts.get(i).activity().id(), Receipt.Status.RECORDED, Instant.EPOCH, List.of(),
              List.of(), decisions, List.of(), List.of(), List.of()));
        }
        long size = 0;
        long start = CPU.getCurrentThreadCpuTime();
        for (Receipt receipt : receipts) {
          size += packer.pack(receipt).orElseThrow().length;
        }
        double perReceipt = (CPU.getCurrentThreadCpuTime() - start) / 1e3 / receipts.size();
        if (round >= 0) {
          micros[written][round] = perReceipt;
          bytes[written] = size / receipts.size();
        }
      }
    }
    for (double[] row : micros) {
      Arrays.sort(row);
    }
    System.out.printf(Locale.ROOT, "CPU us per receipt packed (%,d receipts of Drools' decisions), median (lowest) of %d "
        + "rounds, load %.2f:%n  decisions as templates %.2f (%.2f), %d bytes; written when packed %.2f (%.2f), %d "
        + "bytes%n", facts.size(), ROUNDS, LoadAverage.oneMinute(), micros[0][ROUNDS / 2], micros[0][0], bytes[0],
        micros[1][ROUNDS / 2], micros[1][0], bytes[1]);
  }

  /** CPU µs and bytes allocated per evaluation. */
  private static double[] rulesAlone(RuleEngine engine, List<RuleFacts> facts) {
    long allocated = BYTES.getCurrentThreadAllocatedBytes();
    long start = CPU.getCurrentThreadCpuTime();
    for (int i = 0; i < CALLS; i++) {
      engine.evaluate(facts.get(i % facts.size()));
    }
    return new double[] {(CPU.getCurrentThreadCpuTime() - start) / 1e3 / CALLS,
        (double) (BYTES.getCurrentThreadAllocatedBytes() - allocated) / CALLS};
  }

  /** CPU µs and bytes allocated per {@code record} on a fresh engine, a new stream each round. */
  private double[] endToEnd(RuleEngine rules, int round) {
    LoyaltyEngine engine = channel.engine(program, rules).engine();
    List<Activity> stream = StandardWorkload.streams("e2e", channel, 1, CALLS, SEED + 3 + round).get(0);
    long allocated = BYTES.getCurrentThreadAllocatedBytes();
    long start = CPU.getCurrentThreadCpuTime();
    stream.forEach(engine::record);
    return new double[] {(CPU.getCurrentThreadCpuTime() - start) / 1e3 / stream.size(),
        (double) (BYTES.getCurrentThreadAllocatedBytes() - allocated) / stream.size()};
  }
}
