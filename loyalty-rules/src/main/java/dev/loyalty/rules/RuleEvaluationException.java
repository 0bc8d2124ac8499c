package dev.loyalty.rules;

import dev.loyalty.core.LoyaltyException;

/**
 * The rules could not evaluate an activity: a rule's consequence threw, rules kept re-activating
 * each other past the engine's limit, a rule changed an award without telling Drools, or no rule
 * set was in force at the activity's time. The engine then refuses the activity and nothing
 * changes. The message names the activity, the rule set version and the rule.
 */
public final class RuleEvaluationException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public RuleEvaluationException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public RuleEvaluationException(String message, Throwable cause) {
    super(message, cause);
  }
}
