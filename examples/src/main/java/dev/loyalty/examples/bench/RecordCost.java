package dev.loyalty.examples.bench;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.testing.SampleRules;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one {@link LoyaltyEngine#record} costs, in the figures a shared, loaded machine moves least:
 * CPU time and bytes allocated on the recording thread per activity, and the heap the engine
 * retains per activity (used heap after full collections, before and after). The activities,
 * program and rules of {@link EngineBenchmark}'s 1-thread, large-budget run ({@link SampleRules},
 * 200 dealers with 2 reps each), recorded on a fresh engine in each of several rounds after a JIT
 * warm-up; prints each round and the lowest and median CPU time. For comparing a change with its
 * baseline on the same machine in the same hour (run both, alternating); {@code EngineBenchmark}
 * stays the reference for throughput and latency on a quiet machine.
 *
 * <pre>
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.RecordCost -Dexec.args="8 18000"
 * </pre>
 * Arguments: rounds (default 8) and activities per round (default 18,000). Not thread-safe; one
 * run per JVM.
 */
public final class RecordCost {
  private static final long SEED = 20_261_001L;
  private static final long LARGE_BUDGET = 1_000_000_000_000L;

  private RecordCost() {}

  /** Runs it; see the class comment for the arguments. */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int activities = args.length > 1 ? Integer.parseInt(args[1]) : 18_000;
    run(System.out, rounds, activities);
  }

  private static void run(PrintStream out, int rounds, int activities) {
    if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
        || !threads.isCurrentThreadCpuTimeSupported() || !threads.isThreadAllocatedMemorySupported()) {
      throw new IllegalStateException("this JVM does not measure a thread's CPU time and allocation");
    }
    EngineChannel channel = new EngineChannel(200);
    Program program = EngineChannel.program(LARGE_BUDGET);
    warmUp(channel, program);
    List<Activity> stream = EngineWorkload.streams("large-1d", channel.dealers, 1, false, activities, SEED + 7)
        .get(0);
    out.printf(Locale.ROOT, "record cost: %,d activities per round on a fresh engine, %d rounds (JVM %s)%n",
        activities, rounds, BenchReport.jvm());
    long self = Thread.currentThread().getId();
    List<Double> cpu = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      long heapBefore = BenchReport.settleHeap();
      EngineChannel.Engine engine = channel.engine(program, new SampleRules());
      long cpuStart = threads.getCurrentThreadCpuTime();
      long allocatedStart = threads.getThreadAllocatedBytes(self);
      long wallStart = System.nanoTime();
      for (Activity a : stream) {
        engine.engine().record(a);
      }
      long wall = System.nanoTime() - wallStart;
      double cpuMicros = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / activities;
      long allocated = (threads.getThreadAllocatedBytes(self) - allocatedStart) / activities;
      long retained = (BenchReport.settleHeap() - heapBefore) / activities;
      engine.checkLedger();
      cpu.add(cpuMicros);
      out.printf(Locale.ROOT, "round %d: %.1f us CPU, %,d bytes allocated, %,d bytes retained per activity; wall "
          + "%.1f us per activity (%,.0f/s); load average %s%n", r, cpuMicros, allocated, retained,
          wall / 1e3 / activities, activities * 1e9 / wall, LoadAverage.all());
    }
    cpu.sort(Double::compare);
    out.printf(Locale.ROOT, "CPU us per activity: lowest %.1f, median %.1f%n", cpu.get(0), cpu.get(cpu.size() / 2));
  }

  /** Records a JIT warm-up's activities on a throwaway engine, which is then dropped. */
  private static void warmUp(EngineChannel channel, Program program) {
    LoyaltyEngine engine = channel.engine(program, new SampleRules()).engine();
    for (Activity a : EngineWorkload.streams("jit", channel.dealers, 1, false, 10_000, SEED - 1).get(0)) {
      engine.record(a);
    }
  }
}
