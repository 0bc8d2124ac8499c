package dev.loyalty.rules;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.LoyaltyException;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule set was refused as a whole: nothing of it is used, and the rule sets installed before stay
 * in force. It lists every problem found, each at file:line:column with its rule, so that the author
 * can fix them in one go. The message is a header line followed by one line per problem.
 *
 * <p>Immutable and safe to share between threads. {@link #problems()} is never null or empty.
 */
public final class RuleCompilationException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  private final String version;
  // ArrayList rather than List.copyOf's result so the field's declared type is serializable.
  private final ArrayList<RuleProblem> problems;

  /**
   * A refusal of rule set {@code version} because of {@code problems}.
   *
   * @param problems at least one; never null
   */
  public RuleCompilationException(String version, List<RuleProblem> problems) {
    super(message(requireNonNull(version, "version"), requireNonNull(problems, "problems")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a refused rule set needs at least one problem");
    }
    this.version = version;
    this.problems = new ArrayList<>(List.copyOf(problems));
  }

  /** The version of the refused rule set; never null. */
  public String version() {
    return version;
  }

  /** Every problem, by file (in the rule set's order), line and column; never null or empty. */
  public List<RuleProblem> problems() {
    return List.copyOf(problems);
  }

  private static String message(String version, List<RuleProblem> problems) {
    StringBuilder message = new StringBuilder("rule set ").append(version).append(" refused (")
        .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
    for (RuleProblem problem : problems) {
      message.append('\n').append(problem);
    }
    return message.toString();
  }
}
