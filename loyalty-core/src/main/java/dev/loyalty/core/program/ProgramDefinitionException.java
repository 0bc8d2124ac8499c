package dev.loyalty.core.program;

import dev.loyalty.core.InputProblem;
import static java.util.Objects.requireNonNull;

import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.json.internal.ProblemReport;
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
  private final ArrayList<InputProblem> problems;

  /**
   * A refusal of the definition read from {@code source} ("programs/acme.json"; empty when it was
   * given as text) because of {@code problems}.
   *
   * @param source   where the definition came from, for the message; never null, may be empty
   * @param problems at least one; never null
   */
  public ProgramDefinitionException(String source, List<InputProblem> problems) {
    super(ProblemReport.message("invalid program definition", requireNonNull(source, "source"),
        requireNonNull(problems, "problems")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a refused program definition needs at least one problem");
    }
    this.problems = new ArrayList<>(List.copyOf(problems));
  }

  /** Every problem found, in the order the definition was read; never null or empty; unmodifiable. */
  public List<InputProblem> problems() {
    return List.copyOf(problems);
  }
}
