package dev.loyalty.core.rules;

import static java.util.Objects.requireNonNull;

/**
 * One rule's part in an evaluation: it fired (and why), or it was considered and did not (and
 * what was missing), so a partner can ask "why didn't I get points".
 *
 * @param rule        never null
 * @param fired       whether it acted on the activity
 * @param explanation one sentence; never null or blank
 */
public record RuleDecision(RuleRef rule, boolean fired, String explanation) {
  public RuleDecision {
    requireNonNull(rule, "rule");
    requireNonNull(explanation, "explanation");
    if (explanation.isBlank()) {
      throw new IllegalArgumentException("decision of rule " + rule + " has a blank explanation");
    }
  }

  /** The rule fired. */
  public static RuleDecision fired(RuleRef rule, String explanation) {
    return new RuleDecision(rule, true, explanation);
  }

  /** The rule was considered and did not fire. */
  public static RuleDecision notFired(RuleRef rule, String explanation) {
    return new RuleDecision(rule, false, explanation);
  }
}
