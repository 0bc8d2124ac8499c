package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.InputProblem;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.json.internal.ProblemReport;
import java.util.ArrayList;
import java.util.List;

/**
 * A catalog's JSON was refused. It carries every problem found, each at the JSON path of the value
 * it is about ({@code $.items[3].points}), so that the catalog's author can fix them in one go. The
 * message is a header line followed by one {@code path: message} line per problem.
 *
 * <p>Immutable and safe to share between threads. {@link #problems()} is never null or empty.
 */
public final class CatalogDefinitionException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  // ArrayList rather than List.copyOf's result so the field's declared type is serializable.
  private final ArrayList<InputProblem> problems;

  /**
   * A refusal of the catalog read from {@code source} ("catalogs/2026-07.json"; empty when it was
   * given as text) because of {@code problems}.
   *
   * @param source   where the catalog came from, for the message; never null, may be empty
   * @param problems at least one; never null
   */
  public CatalogDefinitionException(String source, List<InputProblem> problems) {
    super(ProblemReport.message("invalid catalog", requireNonNull(source, "source"),
        requireNonNull(problems, "problems")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a refused catalog needs at least one problem");
    }
    this.problems = new ArrayList<>(List.copyOf(problems));
  }

  /** Every problem found, in the order the catalog was read; never null or empty; unmodifiable. */
  public List<InputProblem> problems() {
    return List.copyOf(problems);
  }
}
