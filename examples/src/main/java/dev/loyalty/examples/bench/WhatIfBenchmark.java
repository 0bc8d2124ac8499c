package dev.loyalty.examples.bench;

import static dev.loyalty.examples.bench.BenchReport.collectors;
import static dev.loyalty.examples.bench.BenchReport.commandLine;
import static dev.loyalty.examples.bench.BenchReport.jvm;
import static dev.loyalty.examples.bench.BenchReport.machine;
import static dev.loyalty.examples.bench.BenchReport.osAndCpu;
import static dev.loyalty.examples.bench.BenchReport.percent;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.simulation.ActivityGenerator;
import dev.loyalty.core.simulation.Channel;
import dev.loyalty.core.simulation.ChannelGenerator;
import dev.loyalty.core.simulation.ChannelShape;
import dev.loyalty.core.simulation.Simulator;
import dev.loyalty.core.simulation.WhatIfReport;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.rules.DroolsRuleEngine;
import dev.loyalty.rules.standard.StandardRules;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The what-if target of issue 19: a year of a generated channel of 10,000 partners (about 2.1
 * million activities) under two programs built from the ready-made rules (A: the shipped program;
 * B: the same with the premium category's multiplier raised from 2x to 3x), through {@link
 * Simulator#whatIf} of a {@link Simulator#lean() lean} simulator: both runs at once, each on its own thread and its own in-memory engine, with
 * the monthly period closes. Target: at most 10 minutes on a 2-core machine.
 *
 * <p>Prints the time (the what-if alone, after the rule sets are compiled), the activities per
 * second (both runs' activities over that time), the peak heap (sampled every 100 ms; and the
 * largest heap left after a collection, which is close to what the runs kept alive) and the GC
 * time, then the what-if's headline figures.
 *
 * <pre>
 * MAVEN_OPTS="-Xmx12g" mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.WhatIfBenchmark
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.WhatIfBenchmark -Dexec.args="--quick"
 * </pre>
 */
public final class WhatIfBenchmark {
  private static final String COMMAND = "mvn -q test-compile exec:java -Ddemo.main=" + WhatIfBenchmark.class.getName();
  static final long SEED = 19;
  static final int PER_PARTNER_YEAR = 210;

  private final PrintStream out;

  WhatIfBenchmark(PrintStream out) {
    this.out = out;
  }

  /** Arguments: {@code --quick} for 1,000 partners instead of 10,000; {@code --help}. */
  public static void main(String[] args) {
    Optional<Boolean> quick = BenchReport.quickOrFull(args, COMMAND, "1,000 partners (about 210,000 activities)",
        "the target: 10,000 partners (about 2.1 million activities); give the JVM about 12 GiB");
    if (quick.isPresent()) {
      new WhatIfBenchmark(System.out).run(quick.get() ? 1_000 : 10_000, commandLine(COMMAND, args));
    }
  }

  /** Program B: the shipped program with smart switches at 3x instead of 2x. */
  static Program raisedMultiplier(Program a) {
    Map<String, String> parameters = new HashMap<>(a.parameters());
    parameters.put("multiplier.category.smart-switches", "3");
    return ChannelFixture.withBudgetAndParameters(a, a.campaigns().get(0).budget(), parameters);
  }

  /** Runs the what-if over {@code partners} partners and prints the figures; returns the report. */
  WhatIfReport run(int partners, String command) {
    out.println("# What-if over a generated year");
    out.println();
    out.println("Command: `" + command + "`");
    out.println(jvm() + " on " + osAndCpu() + ", " + machine() + ", " + collectors());
    out.println("Load average at the start: " + LoadAverage.all());
    Channel channel = ChannelGenerator.seeded(SEED).generate(ChannelShape.ofPartners(partners));
    ActivityGenerator year = ActivityGenerator.of(channel, SEED).perPartnerYear(PER_PARTNER_YEAR);
    Program a = StandardChannel.SHIPPED;
    Program b = raisedMultiplier(a);
    long compileStart = System.nanoTime();
    DroolsRuleEngine rulesA = DroolsRuleEngine.of(StandardRules.ruleSet("ready-made-a", Instant.MIN));
    DroolsRuleEngine rulesB = DroolsRuleEngine.of(StandardRules.ruleSet("ready-made-b", Instant.MIN));
    Duration compile = Duration.ofNanos(System.nanoTime() - compileStart);
    out.printf(Locale.ROOT, "Channel: %,d partners, %,d reps; rule sets compiled in %.1f s%n", channel.partners().size(),
        channel.members().size(), compile.toMillis() / 1000.0);

    HeapWatch heap = new HeapWatch();
    BenchReport.CpuSample before = BenchReport.CpuSample.now();
    long gcBefore = gcMillis();
    long start = System.nanoTime();
    WhatIfReport report;
    try {
      report = Simulator.of(channel).lean().whatIf(a, rulesA, b, rulesB, year);
    } finally {
      heap.stop();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    long gc = gcMillis() - gcBefore;
    double others = BenchReport.CpuSample.now().othersSince(before);

    long activities = report.a().activities().total();
    double seconds = elapsed.toNanos() / 1e9;
    out.println();
    out.println("| partners | activities per run | what-if time | activities/s (both runs) | peak heap used | "
        + "peak heap after a GC | GC time | others' CPU | load average at the end |");
    out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    out.printf(Locale.ROOT, "| %,d | %,d | %.0f s | %,.0f | %,d MiB | %,d MiB | %.0f s (%.0f%%) | %s | %s |%n",
        partners, activities, seconds, 2 * activities / seconds, heap.peakUsed() >> 20, heap.peakAfterGc() >> 20,
        gc / 1000.0, gc / 10.0 / seconds, percent(others), LoadAverage.all());
    out.println();
    out.printf(Locale.ROOT, "Target: 10,000 partners, at least 2,000,000 activities, at most 600 s: %s%n",
        partners >= 10_000 && activities >= 2_000_000 ? (seconds <= 600 ? "met" : "NOT met")
            : "not measured by this run (extrapolated: " + String.format(Locale.ROOT, "%.0f s",
                seconds * 2_000_000.0 / Math.max(1, activities)) + " for 2,000,000 activities at this rate)");
    out.println();
    for (WhatIfReport.Difference d : report.overall()) {
      out.printf(Locale.ROOT, "- %s: %,d -> %,d (%+,d)%n", d.measure(), d.a(), d.b(), d.change());
    }
    report.liability().forEach(m -> out.printf(Locale.ROOT, "- liability %s: %s -> %s%n", m.currencyCode(),
        m.a().toPlainString(), m.b().toPlainString()));
    return report;
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /**
   * Samples the used heap every 100 ms (the peak a machine must have room for), and takes the heap
   * left after every collection from the collectors' notifications: the largest of those is about
   * what the runs kept alive at once.
   */
  private static final class HeapWatch {
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final Thread thread;
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private volatile boolean running = true;

    HeapWatch() {
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      Set<String> heapPools = new HashSet<>();
      ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
          .forEach(p -> heapPools.add(p.getName()));
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof NotificationEmitter emitter) {
          NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
              GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                  (CompositeData) notification.getUserData());
              long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                  .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
              peakAfterGc.accumulateAndGet(after, Math::max);
            }
          };
          emitter.addNotificationListener(listener, null, null);
          unsubscribe.add(() -> {
            try {
              emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException gone) {
              // already removed
            }
          });
        }
      }
      thread = new Thread(() -> {
        while (running) {
          peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-watch");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() {
      running = false;
      thread.interrupt();
      unsubscribe.forEach(Runnable::run);
    }

    long peakUsed() {
      return peak.get();
    }

    /** The largest heap left after a collection. */
    long peakAfterGc() {
      return peakAfterGc.get();
    }
  }
}
