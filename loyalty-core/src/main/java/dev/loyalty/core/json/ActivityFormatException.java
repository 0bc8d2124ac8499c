package dev.loyalty.core.json;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.LoyaltyException;
import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Activity JSON that could not be read: malformed JSON, or an activity with missing, unknown or
 * invalid fields. Carries every problem found in the activity, not only the first, so that a
 * partner fixing a feed sees all of them at once. The message lists them as {@code path: message}.
 */
public final class ActivityFormatException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  private final List<Problem> problems;

  /**
   * A refusal listing {@code problems}.
   *
   * @param problems one or more; never null
   */
  public ActivityFormatException(List<Problem> problems) {
    this("invalid activity", problems);
  }

  /** For this package: {@code subject} names the activity (its id, its line) in the message. */
  ActivityFormatException(String subject, List<Problem> problems) {
    super(message(subject, problems));
    this.problems = List.copyOf(problems);
  }

  private static String message(String subject, List<Problem> problems) {
    requireNonNull(subject, "subject");
    requireNonNull(problems, "problems");
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an ActivityFormatException needs at least one problem");
    }
    return subject + ": " + problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
  }

  /** What was wrong, in the order found; never null or empty. */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * One thing wrong with activity JSON.
   *
   * @param path    where, JSONPath-style: {@code $} is the activity itself, {@code $.lines[2].quantity}
   *                a field of its third line, {@code $.attributes['site name']} a name that is not
   *                a plain identifier; never null or blank
   * @param message what is wrong, naming the offending value where there is one; never null or blank
   */
  public record Problem(String path, String message) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Problem {
      requireNonNull(path, "path");
      requireNonNull(message, "message");
      if (path.isBlank() || message.isBlank()) {
        throw new IllegalArgumentException("a problem needs a path and a message, got '" + path + "' and '"
            + message + "'");
      }
    }

    /** {@code path: message}, as in the exception's message. */
    @Override
    public String toString() {
      return path + ": " + message;
    }
  }
}
