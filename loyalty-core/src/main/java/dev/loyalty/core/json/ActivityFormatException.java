package dev.loyalty.core.json;

import dev.loyalty.core.InputProblem;
import static java.util.Objects.requireNonNull;

import dev.loyalty.core.LoyaltyException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Activity JSON that could not be read: malformed JSON, or an activity with missing, unknown or
 * invalid fields. Carries every problem found in the activity, not only the first, so that a
 * partner fixing a feed sees all of them at once. The message lists them as {@code path: message}.
 */
public final class ActivityFormatException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  private final List<InputProblem> problems;

  /**
   * A refusal listing {@code problems}.
   *
   * @param problems one or more; never null
   */
  public ActivityFormatException(List<InputProblem> problems) {
    this("invalid activity", problems);
  }

  /** For this package: {@code subject} names the activity (its id, its line) in the message. */
  ActivityFormatException(String subject, List<InputProblem> problems) {
    super(message(subject, problems));
    this.problems = List.copyOf(problems);
  }

  private static String message(String subject, List<InputProblem> problems) {
    requireNonNull(subject, "subject");
    requireNonNull(problems, "problems");
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an ActivityFormatException needs at least one problem");
    }
    return subject + ": " + problems.stream().map(InputProblem::toString).collect(Collectors.joining("; "));
  }

  /** What was wrong, in the order found; never null or empty. */
  public List<InputProblem> problems() {
    return problems;
  }

}
