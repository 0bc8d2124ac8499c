package dev.loyalty.examples.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What every benchmark of this package prints the same way: the environment, the command that
 * reproduces a run, latencies and durations, the GC share of a run; and the full collections
 * that keep one run's garbage out of the next.
 */
final class BenchReport {

  private BenchReport() {}

  /** The command that reproduces a run of {@code command} with {@code args}, as a user would type it. */
  static String commandLine(String command, String[] args) {
    String mavenOpts = System.getenv("MAVEN_OPTS");
    String prefix = mavenOpts == null || mavenOpts.isBlank() ? "" : "MAVEN_OPTS=\"" + mavenOpts.trim() + "\" ";
    String suffix = args.length == 0 ? "" : " -Dexec.args=\"" + String.join(" ", args) + "\"";
    return prefix + command + suffix;
  }

  /** Full collections until the used heap settles; returns it. Keeps one run's garbage out of the next. */
  static long settleHeap() {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      long now = rt.totalMemory() - rt.freeMemory();
      if (i >= 2 && Math.abs(used - now) < (1 << 20)) {
        return now;
      }
      used = now;
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  /** GC pause time in the measured phase as a percentage of its wall time. */
  static double gcShare(BenchRunner.Measured m) {
    return m.gcMillis() / (m.elapsedNanos() / 1e6) * 100;
  }

  static String jvm() {
    return System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.vendor")
        + ")";
  }

  static String collectors() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
        .collect(Collectors.joining(", "));
  }

  /** The OS and, on Linux, the CPU model. */
  static String osAndCpu() {
    return System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch") + cpuModel().map(m -> " / " + m).orElse("");
  }

  /** Processors and heap, the way every benchmark's header shows them. */
  static String machine() {
    Runtime rt = Runtime.getRuntime();
    return String.format(Locale.ROOT, "%d available processors, max heap %,d MiB", rt.availableProcessors(),
        rt.maxMemory() >> 20);
  }

  /**
   * The machine's busy CPU time (all processes, from /proc/stat on Linux) and this JVM's, at one
   * moment: two of them tell how much of the processors other processes used in between, which on
   * a shared machine is what a run's tail latencies have to be read against.
   */
  record CpuSample(long wallNanos, long machineBusyNanos, long processNanos) {

    /** Clock ticks per second of /proc/stat (USER_HZ, 100 on every common Linux). */
    private static final long TICKS_PER_SECOND = 100;

    static CpuSample now() {
      long machine = -1;
      try {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        // cpu user nice system idle iowait irq softirq steal ...: busy is all but idle and iowait.
        long ticks = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
            + Long.parseLong(f[7]) + (f.length > 8 ? Long.parseLong(f[8]) : 0);
        machine = ticks * (1_000_000_000L / TICKS_PER_SECOND);
      } catch (IOException | RuntimeException unavailable) {
        // Not Linux: the share of other processes is then unknown.
      }
      long process = ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
          ? os.getProcessCpuTime() : -1;
      return new CpuSample(System.nanoTime(), machine, process);
    }

    /** CPU time this JVM used since {@code earlier}, in nanoseconds; -1 where unknown. */
    long processNanosSince(CpuSample earlier) {
      return processNanos < 0 || earlier.processNanos < 0 ? -1 : processNanos - earlier.processNanos;
    }

    /** CPU time the machine's other processes used since {@code earlier}, in nanoseconds; -1 where unknown. */
    long othersNanosSince(CpuSample earlier) {
      if (machineBusyNanos < 0 || earlier.machineBusyNanos < 0 || processNanosSince(earlier) < 0) {
        return -1;
      }
      return Math.max(0, machineBusyNanos - earlier.machineBusyNanos - processNanosSince(earlier));
    }

    /** The share of all processors' time other processes used since {@code earlier}, 0 to 1; NaN where unknown. */
    double othersSince(CpuSample earlier) {
      if (machineBusyNanos < 0 || earlier.machineBusyNanos < 0 || processNanos < 0 || earlier.processNanos < 0) {
        return Double.NaN;
      }
      double capacity = (double) (wallNanos - earlier.wallNanos) * Runtime.getRuntime().availableProcessors();
      double others = (machineBusyNanos - earlier.machineBusyNanos) - (processNanos - earlier.processNanos);
      return Math.max(0, others / capacity);
    }
  }

  /** A share from {@link CpuSample#othersSince} as a percentage, or "?" where unknown. */
  static String percent(double share) {
    return Double.isNaN(share) ? "?" : String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  /** The CPU model from /proc/cpuinfo on Linux; empty elsewhere. */
  static Optional<String> cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return Optional.of(line.substring(line.indexOf(':') + 1).trim());
        }
      }
    } catch (IOException | RuntimeException unavailable) {
      // Not Linux, or not readable: the CPU model is only a nicety.
    }
    return Optional.empty();
  }

  /** Nanoseconds as microseconds, with fewer decimals as they grow. */
  static String us(long nanos) {
    double micros = LatencyRecorder.Summary.micros(nanos);
    return String.format(Locale.ROOT, micros < 10 ? "%.2f" : micros < 1000 ? "%.1f" : "%,.0f", micros);
  }

  /** A duration in seconds, without decimals when whole. */
  static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? Long.toString(d.getSeconds()) : String.format(Locale.ROOT, "%.1f",
        d.toMillis() / 1000.0);
  }

  /**
   * Reads a benchmark's arguments: {@code --quick} (true), {@code --full} (false, the default) or
   * {@code --help}. Empty when the run should not start: help was shown, or an argument is unknown
   * (said on standard output; not System.exit, which under exec:java would end Maven itself).
   */
  static Optional<Boolean> quickOrFull(String[] args, String command, String quickHelp, String fullHelp) {
    boolean quick = false;
    for (String arg : args) {
      switch (arg) {
        case "--quick" -> quick = true;
        case "--full" -> quick = false;
        case "--help", "-h" -> {
          System.out.println("usage: " + command + " [-Dexec.args=\"--quick\"]");
          System.out.println("  --quick  " + quickHelp);
          System.out.println("  --full   " + fullHelp);
          return Optional.empty();
        }
        default -> {
          System.out.println("unknown argument " + arg + "; try --help");
          return Optional.empty();
        }
      }
    }
    return Optional.of(quick);
  }
}
