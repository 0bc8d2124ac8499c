package dev.loyalty.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine's load averages, from {@code /proc/loadavg} (what {@code uptime} shows): the
 * benchmarks share 2 cores with whatever else runs, and print these next to every figure.
 */
final class LoadAverage {

  private LoadAverage() {}

  /** The 1-minute load average; NaN where {@code /proc/loadavg} cannot be read. */
  static double oneMinute() {
    List<String> fields = fields();
    return fields.isEmpty() ? Double.NaN : Double.parseDouble(fields.get(0));
  }

  /** The 1-minute load average as the file says it; "n/a" where it cannot be read. */
  static String oneMinuteText() {
    List<String> fields = fields();
    return fields.isEmpty() ? "n/a" : fields.get(0);
  }

  /** The 1, 5 and 15 minute load averages, "1.52, 1.77, 1.79"; "n/a" where they cannot be read. */
  static String all() {
    List<String> fields = fields();
    return fields.size() < 3 ? "n/a" : String.join(", ", fields.subList(0, 3));
  }

  private static List<String> fields() {
    try {
      return List.of(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+"));
    } catch (IOException | RuntimeException unavailable) {
      return List.of();
    }
  }
}
