package dev.loyalty.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress bar on standard error, redrawn at most five times a second, for a person watching a
 * long run in a terminal. Quiet (draws nothing) when the tool's output is not a terminal, so files
 * and pipes get only the report.
 */
final class Progress {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final boolean on;
  private final long total;
  private final long started = System.nanoTime();
  private long lastDraw;
  private boolean drawn;

  /**
   * @param total how much work there is (bytes of the input); the bar shows the share done
   * @param wanted false to keep it quiet even in a terminal ({@code --no-progress})
   */
  Progress(PrintWriter err, long total, boolean wanted) {
    this(err, total, wanted, System.console() != null);
  }

  /** @param terminal whether the tool's output is a terminal (what the other constructor asks the JVM) */
  Progress(PrintWriter err, long total, boolean wanted, boolean terminal) {
    this.err = err;
    this.total = Math.max(1, total);
    this.on = wanted && terminal;
  }

  /** Whether it draws: asked for, and attached to a terminal. */
  boolean isOn() {
    return on;
  }

  /** {@code done} of the total, after {@code lines} lines. */
  void update(long done, long lines) {
    if (!on) {
      return;
    }
    long now = System.nanoTime();
    if (drawn && now - lastDraw < 200_000_000L) {
      return;
    }
    lastDraw = now;
    drawn = true;
    double share = Math.min(1, (double) done / total);
    int filled = (int) Math.round(share * WIDTH);
    double seconds = Math.max(1e-9, (now - started) / 1e9);
    err.printf(Locale.ROOT, "\r[%s%s] %3.0f%% %,d lines, %,.0f lines/s ", "#".repeat(filled),
        ".".repeat(WIDTH - filled), share * 100, lines, lines / seconds);
    err.flush();
  }

  /** Ends the bar's line. */
  void done() {
    if (on && drawn) {
      err.println();
    }
  }
}
