package dev.loyalty.core.json.internal;

import dev.loyalty.core.InputProblem;
import java.util.List;

/** The message of a refused definition document: a header line, then one {@code path: message} line per problem. */
public final class ProblemReport {
  private ProblemReport() {
  }

  /**
   * {@code "invalid program definition in programs/acme.json (2 problems):"} and the problems.
   *
   * @param refused what was refused ("invalid program definition")
   * @param source  where it came from; empty when it was given as text
   */
  public static String message(String refused, String source, List<InputProblem> problems) {
    StringBuilder message = new StringBuilder(refused);
    if (!source.isEmpty()) {
      message.append(" in ").append(source);
    }
    message.append(" (").append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
    for (InputProblem problem : problems) {
      message.append('\n').append(problem);
    }
    return message.toString();
  }
}
