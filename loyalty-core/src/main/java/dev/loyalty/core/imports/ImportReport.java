package dev.loyalty.core.imports;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of importing a file of activities: counts of every outcome, the lines that failed (up
 * to the number the import keeps), and whether reading stopped before the end. It holds no
 * receipts, so its size does not grow with the file; a host that wants every line's receipt takes
 * them from {@link ActivityImport#onResult}. Immutable.
 *
 * @param progress       the final counts; never null
 * @param failures       the malformed and refused lines, in line order, at most as many as the import
 *                       keeps; never null
 * @param failuresNotKept failures counted but not kept, beyond that number
 * @param interruption   when reading the input failed before its end: why; every line up to
 *                       {@code progress().lastLine()} was handled and none after it; never null
 */
public record ImportReport(ImportProgress progress, List<ImportResult> failures, long failuresNotKept,
    Optional<String> interruption) {
  public ImportReport {
    requireNonNull(progress, "progress");
    failures = List.copyOf(requireNonNull(failures, "failures"));
    requireNonNull(interruption, "interruption");
    if (failuresNotKept < 0) {
      throw new IllegalArgumentException("failures not kept must not be negative, got " + failuresNotKept);
    }
  }

  /** Activity lines handled (blank and comment lines are not counted). */
  public long lines() {
    return progress.lines();
  }

  /** Lines with the given outcome. */
  public long count(ImportResult.Outcome outcome) {
    return switch (outcome) {
      case RECORDED -> progress.recorded();
      case ALREADY_RECORDED -> progress.alreadyRecorded();
      case MALFORMED -> progress.malformed();
      case REFUSED -> progress.refused();
    };
  }

  /** Whether the whole input was read. */
  public boolean isComplete() {
    return interruption.isEmpty();
  }

  /**
   * "120 lines: 117 recorded, 1 already recorded, 1 malformed, 1 refused", followed by where and
   * why reading stopped, if it did.
   */
  public String summary() {
    return lines() + " lines: " + count(ImportResult.Outcome.RECORDED) + " recorded, "
        + count(ImportResult.Outcome.ALREADY_RECORDED) + " already recorded, "
        + count(ImportResult.Outcome.MALFORMED) + " malformed, " + count(ImportResult.Outcome.REFUSED) + " refused"
        + interruption.map(why -> "; reading stopped after line " + progress.lastLine() + ": " + why).orElse("");
  }
}
