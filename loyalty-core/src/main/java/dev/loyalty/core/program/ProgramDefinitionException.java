package dev.loyalty.core.program;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.LoyaltyException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A program definition was refused. It carries every problem found, not just the first, each at
 * the JSON path of the value it is about ({@code $.tiers[1].criteria.minSales.INR}), so that whoever
 * wrote the definition can fix it in one go. The message is a header line followed by one
 * {@code path: message} line per problem.
 *
 * <p>Immutable and safe to share between threads. {@link #problems()} is never null or empty.
 */
public final class ProgramDefinitionException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  // ArrayList rather than List.copyOf's result so the field's declared type is serializable.
  private final ArrayList<Problem> problems;

  /**
   * A refusal of the definition read from {@code source} ("programs/acme.json"; empty when it was
   * given as text) because of {@code problems}.
   *
   * @param source   where the definition came from, for the message; never null, may be empty
   * @param problems at least one; never null
   */
  public ProgramDefinitionException(String source, List<Problem> problems) {
    super(message(requireNonNull(source, "source"), requireNonNull(problems, "problems")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a refused program definition needs at least one problem");
    }
    this.problems = new ArrayList<>(List.copyOf(problems));
  }

  /** Every problem found, in the order the definition was read; never null or empty; unmodifiable. */
  public List<Problem> problems() {
    return List.copyOf(problems);
  }

  private static String message(String source, List<Problem> problems) {
    StringBuilder message = new StringBuilder("invalid program definition");
    if (!source.isEmpty()) {
      message.append(" in ").append(source);
    }
    message.append(" (").append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
    for (Problem problem : problems) {
      message.append('\n').append(problem);
    }
    return message.toString();
  }

  /**
   * One thing wrong with a definition.
   *
   * @param path    where, in JSONPath notation: {@code $} for the whole document,
   *                {@code $.campaigns[0].endsOn}, {@code $.parameters['bonus-percent']}; never null
   *                or blank
   * @param message what is wrong, for a person; never null or blank
   */
  public record Problem(String path, String message) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Problem {
      requireNonNull(path, "path");
      requireNonNull(message, "message");
      if (path.isBlank() || message.isBlank()) {
        throw new IllegalArgumentException("a problem needs a path and a message, got '" + path + "': '"
            + message + "'");
      }
    }

    /** {@code path: message}, as the exception's message lists it. */
    @Override
    public String toString() {
      return path + ": " + message;
    }
  }
}
