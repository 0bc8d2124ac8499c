package dev.loyalty.core.json;

import dev.loyalty.core.InputProblem;
import static java.util.Objects.requireNonNull;

import dev.loyalty.core.activity.Activity;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of reading one activity out of several (a JSON Lines file or a JSON array): the
 * activity, or everything wrong with it. Exactly one of {@link #activity()} and
 * {@link #problems()} is non-empty, so one bad line never hides the good ones around it.
 *
 * @param lineNumber where the activity starts in the input, counting from 1 (blank and comment
 *                   lines count too, so it matches what an editor shows)
 * @param activity   the activity, if it was valid; never null
 * @param problems   what was wrong with it, if it was not; paths are relative to the activity
 *                   ({@code $.lines[0].sku}) in JSON Lines and carry the element index in an
 *                   array ({@code $[3].lines[0].sku}); never null
 */
public record ParsedLine(int lineNumber, Optional<Activity> activity, List<InputProblem> problems) {
  public ParsedLine {
    if (lineNumber < 1) {
      throw new IllegalArgumentException("line numbers start at 1, got " + lineNumber);
    }
    requireNonNull(activity, "activity");
    problems = List.copyOf(requireNonNull(problems, "problems"));
    if (activity.isPresent() == !problems.isEmpty()) {
      throw new IllegalArgumentException("line " + lineNumber
          + " must have either an activity or problems, not both or neither");
    }
  }

  /** A line that held a valid activity. */
  public static ParsedLine valid(int lineNumber, Activity activity) {
    return new ParsedLine(lineNumber, Optional.of(requireNonNull(activity, "activity")), List.of());
  }

  /** A line that held no valid activity. */
  public static ParsedLine invalid(int lineNumber, List<InputProblem> problems) {
    return new ParsedLine(lineNumber, Optional.empty(), problems);
  }

  /** Whether the line held a valid activity. */
  public boolean isValid() {
    return activity.isPresent();
  }

  /**
   * The activity, or an {@link ActivityFormatException} naming this line and its problems; for
   * hosts that stop at the first bad line.
   */
  public Activity orElseThrow() {
    return activity.orElseThrow(() -> new ActivityFormatException("invalid activity on line " + lineNumber,
        problems));
  }
}
