package dev.loyalty.core.imports;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.InputProblem;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.model.ActivityId;
import java.util.List;
import java.util.Optional;

/**
 * What became of one line of an import.
 *
 * @param lineNumber 1-based line (for a JSON array: the line the element starts on)
 * @param activity   the activity's id, when the line could be read; never null
 * @param outcome    never null
 * @param receipt    present for {@link Outcome#RECORDED} and {@link Outcome#ALREADY_RECORDED}; never null
 * @param problems   why the line was refused: JSON problems by path, or the engine's refusal at
 *                   path {@code $}; empty otherwise; never null
 */
public record ImportResult(int lineNumber, Optional<ActivityId> activity, Outcome outcome, Optional<Receipt> receipt,
    List<InputProblem> problems) {
  public ImportResult {
    requireNonNull(activity, "activity");
    requireNonNull(outcome, "outcome");
    requireNonNull(receipt, "receipt");
    problems = List.copyOf(requireNonNull(problems, "problems"));
  }

  /** What became of a line. */
  public enum Outcome {
    /** The activity was recorded now. */
    RECORDED,
    /** The activity had been recorded before (the same content); its stored receipt is returned. */
    ALREADY_RECORDED,
    /** The line is not a valid activity; nothing changed. */
    MALFORMED,
    /** The engine refused the activity (unknown partner, a return larger than the sale, ...); nothing changed. */
    REFUSED
  }

  /** Whether the line's activity is in the engine (now or from before). */
  public boolean isApplied() {
    return outcome == Outcome.RECORDED || outcome == Outcome.ALREADY_RECORDED;
  }
}
