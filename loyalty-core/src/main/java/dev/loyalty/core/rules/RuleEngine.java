package dev.loyalty.core.rules;

import dev.loyalty.core.InputProblem;
import dev.loyalty.core.program.Program;
import java.util.List;

/**
 * Decides what an activity earns. The engine calls it once per activity (not for returns, which
 * take back what the sale earned) with everything known about the activity, and turns the outcome
 * into one ledger transaction.
 *
 * <p>Implementations must be thread-safe: the engine evaluates activities of different partners in
 * parallel. They must be deterministic for the same facts and must not read the system clock (use
 * the activity's time): an activity whose awards could not be written is evaluated again.
 */
@FunctionalInterface
public interface RuleEngine {

  /**
   * Evaluates one activity.
   *
   * @param facts never null
   * @return never null
   * @throws RuntimeException if the rules fail; the activity is then refused and nothing changes
   */
  RuleOutcome evaluate(RuleFacts facts);

  /**
   * What is wrong with {@code program} for these rules: parameters the rules read that are
   * malformed, and parameters no rule reads (usually a misspelling, which would silently switch a
   * rule off), each at its JSON path ({@code $.parameters['earn.pionts']}) with a suggestion where
   * one is close. {@code LoyaltyEngine.builder(...).build()} calls it and refuses a program with
   * problems. The default finds none, for rule engines that read no program parameters.
   *
   * @param program never null
   * @return never null; empty when the program fits the rules
   */
  default List<InputProblem> problems(Program program) {
    return List.of();
  }
}
