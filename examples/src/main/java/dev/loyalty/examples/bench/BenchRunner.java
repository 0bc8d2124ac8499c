package dev.loyalty.examples.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Runs one measurement: {@code threads} workers do a warm-up phase, meet at a barrier, then
 * do the measured phase, each until the phase's time is up or it reached its operation cap
 * (the cap bounds how big the in-memory ledger grows, and so the heap a run needs).
 */
final class BenchRunner {

  /** One thread's share of a scenario. Not shared between threads. */
  interface Worker {
    /** Does one operation and records its latency and outcome in {@code tally}. */
    void operate(Tally tally);
  }

  /**
   * How long and how much to run: each phase ends when its thread has done its cap of
   * operations or its time is up, whichever comes first.
   *
   * @param warmupCapPerThread  most warm-up operations per thread
   * @param measureCapPerThread most measured operations per thread
   */
  record Phases(Duration warmup, Duration measure, long warmupCapPerThread, long measureCapPerThread) {
    Phases perThreads(int threads) {
      return new Phases(warmup, measure, Math.max(1, warmupCapPerThread / threads),
          Math.max(1, measureCapPerThread / threads));
    }
  }

  /**
   * The measured phase of a run.
   *
   * @param gcCount      garbage collections during the measured phase
   * @param gcMillis     time the collectors report for them (for G1 on Java 17: the pauses)
   * @param hitTimeLimit whether a thread stopped because its time was up, before its cap
   * @param cpuNanos     CPU time the worker threads used in the measured phase (the collectors'
   *                     own threads not included); -1 where the JVM does not measure it
   * @param allocatedBytes heap the worker threads allocated in the measured phase; -1 where the JVM
   *                     does not measure it
   * @param processCpuNanos CPU time of the whole process over the measured phase: the workers, the
   *                     collectors, the compiler and any thread the code under test runs in the
   *                     background; -1 where the JVM does not measure it
   * @param compileMillis time the JIT compilers spent in the measured phase (part of
   *                     {@code processCpuNanos}: large in a short phase); -1 where not measured
   */
  record Measured(int threads, long elapsedNanos, Tally.Merged totals, long gcCount, long gcMillis,
      boolean hitTimeLimit, long cpuNanos, long allocatedBytes, long processCpuNanos, long compileMillis) {
    double operationsPerSecond() {
      return totals.operations * 1e9 / elapsedNanos;
    }

    double commandsPerSecond() {
      return totals.commands * 1e9 / elapsedNanos;
    }

    double seconds() {
      return elapsedNanos / 1e9;
    }

    /**
     * CPU microseconds per operation on the worker threads: less moved by other processes on a
     * shared machine than wall time (not immune: they share caches and cores); -1 if not measured.
     */
    double cpuMicrosPerOperation() {
      return cpuNanos < 0 || totals.operations == 0 ? -1 : cpuNanos / 1e3 / totals.operations;
    }

    /**
     * CPU microseconds per command on the worker threads; -1 if not measured. For a scenario with
     * one command per operation the same as {@link #cpuMicrosPerOperation()}.
     */
    double cpuMicrosPerCommand() {
      return cpuNanos < 0 || totals.commands == 0 ? -1 : cpuNanos / 1e3 / totals.commands;
    }

    /**
     * CPU microseconds per command of the whole process (every thread: workers, collectors,
     * compiler, background work of the code under test); -1 if not measured.
     */
    double processCpuMicrosPerCommand() {
      return processCpuNanos < 0 || totals.commands == 0 ? -1 : processCpuNanos / 1e3 / totals.commands;
    }

    /** Bytes allocated per operation on the worker threads; -1 if not measured. */
    long allocatedBytesPerOperation() {
      return allocatedBytes < 0 || totals.operations == 0 ? -1 : allocatedBytes / totals.operations;
    }
  }

  private BenchRunner() {}

  /**
   * Runs the workers {@code workers.apply(0 .. threads-1)} (created on the calling thread) and
   * returns the measured phase. {@code phases} caps are per thread.
   */
  static Measured run(String name, int threads, Phases phases, IntFunction<Worker> workers) {
    List<Worker> created = new ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      created.add(workers.apply(t));
    }
    Tally[] tallies = new Tally[threads];
    long[] ends = new long[threads];
    long[] cpu = new long[threads];
    long[] allocated = new long[threads];
    long[] start = new long[1];
    long[] gcAtStart = new long[2];
    long[] processCpuAtStart = new long[1];
    long[] compileAtStart = new long[1];
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CyclicBarrier warmupStart = new CyclicBarrier(threads);
    // The barrier action runs once, when the last thread arrives: the measured phase starts then.
    CyclicBarrier measureStart = new CyclicBarrier(threads, () -> {
      System.arraycopy(gcTotals(), 0, gcAtStart, 0, 2);
      processCpuAtStart[0] = processCpuNanos();
      compileAtStart[0] = compileMillis();
      start[0] = System.nanoTime();
    });
    // Pre-size the latency arrays so that growing them does not pause the measured loop.
    int expected = (int) Math.min(phases.measureCapPerThread(), 4_000_000L);

    List<Thread> running = new ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      int index = t;
      Worker worker = created.get(t);
      Thread thread = new Thread(() -> {
        try {
          warmupStart.await();
          loop(worker, Tally.discarding(), phases.warmup(), phases.warmupCapPerThread());
          Tally tally = Tally.recording(expected);
          measureStart.await();
          long cpuStart = threadCpuNanos();
          long allocatedStart = threadAllocatedBytes();
          loop(worker, tally, phases.measure(), phases.measureCapPerThread());
          ends[index] = System.nanoTime();
          cpu[index] = cpuStart < 0 ? -1 : threadCpuNanos() - cpuStart;
          allocated[index] = allocatedStart < 0 ? -1 : threadAllocatedBytes() - allocatedStart;
          tallies[index] = tally;
        } catch (Throwable e) {
          if (!(e instanceof BrokenBarrierException)) {
            failure.compareAndSet(null, e);
          }
          // Wake the other threads if they wait at a barrier for this one.
          warmupStart.reset();
          measureStart.reset();
        }
      }, "bench-" + name + "-" + t);
      running.add(thread);
      thread.start();
    }
    for (Thread thread : running) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + thread.getName(), e);
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("benchmark run " + name + " failed: " + failure.get(), failure.get());
    }
    long[] gcAtEnd = gcTotals();
    long processCpuAtEnd = processCpuNanos();
    long compileAtEnd = compileMillis();
    long end = 0;
    for (long e : ends) {
      end = Math.max(end, e);
    }
    boolean hitTimeLimit = false;
    for (Tally t : tallies) {
      hitTimeLimit |= t.operations < phases.measureCapPerThread();
    }
    return new Measured(threads, end - start[0], Tally.merge(List.of(tallies)), gcAtEnd[0] - gcAtStart[0],
        gcAtEnd[1] - gcAtStart[1], hitTimeLimit, sumOrUnknown(cpu), sumOrUnknown(allocated),
        processCpuAtStart[0] < 0 || processCpuAtEnd < 0 ? -1 : processCpuAtEnd - processCpuAtStart[0],
        compileAtStart[0] < 0 || compileAtEnd < 0 ? -1 : compileAtEnd - compileAtStart[0]);
  }

  private static long sumOrUnknown(long[] perThread) {
    long sum = 0;
    for (long v : perThread) {
      if (v < 0) {
        return -1;
      }
      sum += v;
    }
    return sum;
  }

  /** The calling thread's CPU time so far; -1 if the JVM does not measure it. */
  private static long threadCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled()
        ? threads.getCurrentThreadCpuTime() : -1;
  }

  /** The JIT compilers' accumulated time so far, in milliseconds; -1 if the JVM does not measure it. */
  static long compileMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
  }

  /** The CPU time of the whole process so far (all its threads); -1 if the JVM does not measure it. */
  static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  /** The heap the calling thread allocated so far; -1 if the JVM does not measure it (not HotSpot). */
  private static long threadAllocatedBytes() {
    return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean hotspot
        && hotspot.isThreadAllocatedMemorySupported() && hotspot.isThreadAllocatedMemoryEnabled()
        ? hotspot.getThreadAllocatedBytes(Thread.currentThread().getId()) : -1;
  }

  /** Collections so far and their accumulated time in milliseconds, over all collectors. */
  static long[] gcTotals() {
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    return new long[] {count, millis};
  }

  private static void loop(Worker worker, Tally tally, Duration duration, long cap) {
    long deadline = System.nanoTime() + duration.toNanos();
    long n = 0;
    while (n < cap && System.nanoTime() - deadline < 0) {
      worker.operate(tally);
      n++;
    }
    tally.operations = n;
  }
}
