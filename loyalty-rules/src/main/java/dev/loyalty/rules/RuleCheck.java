package dev.loyalty.rules;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What checking a rule set found ({@link DroolsRuleEngine#check(RuleSet)}): the problems that keep
 * it from being installed, and the warnings about rules that compile but that the author should
 * look at (an {@code eval} Drools runs slowly, a deprecated keyword). Each is at file:line:column, or
 * a decision table's row and cell.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param problems why the rule set would be refused; empty when it compiles; never null
 * @param warnings what compiles but deserves a look; never null
 */
public record RuleCheck(List<RuleProblem> problems, List<RuleProblem> warnings) {
  public RuleCheck {
    problems = List.copyOf(requireNonNull(problems, "problems"));
    warnings = List.copyOf(requireNonNull(warnings, "warnings"));
  }

  /** Whether the rule set compiles (it may still have warnings). */
  public boolean compiles() {
    return problems.isEmpty();
  }
}
