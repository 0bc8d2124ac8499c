package dev.loyalty.core.imports;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;

/**
 * How far an import has come, handed to a progress listener as it goes (for a progress bar or a
 * log line) and once more at the end.
 *
 * @param lines           activity lines handled so far (blank and comment lines are not counted)
 * @param lastLine        the file's line number reached (blank and comment lines included)
 * @param recorded        lines recorded now
 * @param alreadyRecorded lines recorded before (the same content)
 * @param malformed       lines that are not a valid activity
 * @param refused         lines the engine refused
 * @param elapsed         since the import started; never null
 */
public record ImportProgress(long lines, long lastLine, long recorded, long alreadyRecorded, long malformed,
    long refused, Duration elapsed) {
  public ImportProgress {
    requireNonNull(elapsed, "elapsed");
    if (lines < 0 || lastLine < 0 || recorded < 0 || alreadyRecorded < 0 || malformed < 0 || refused < 0) {
      throw new IllegalArgumentException("import counts must not be negative");
    }
  }

  /** Lines handled per second so far, rounded down; 0 before a millisecond has passed. */
  public long linesPerSecond() {
    long millis = elapsed.toMillis();
    return millis == 0 ? 0 : Math.multiplyExact(lines, 1000L) / millis;
  }

  /** "12,000 lines (to line 12,004): 11,990 recorded, 0 already recorded, 6 malformed, 4 refused; 8,102 lines/s". */
  public String summary() {
    return String.format(Locale.ROOT, "%,d lines (to line %,d): %,d recorded, %,d already recorded, %,d malformed, "
        + "%,d refused; %,d lines/s", lines, lastLine, recorded, alreadyRecorded, malformed, refused, linesPerSecond());
  }
}
