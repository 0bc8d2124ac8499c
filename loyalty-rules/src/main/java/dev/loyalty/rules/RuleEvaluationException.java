package dev.loyalty.rules;

import dev.loyalty.core.LoyaltyException;

/**
 * The rules could not evaluate an activity: a rule's consequence or condition threw, rules kept
 * re-activating each other past the engine's limit, a rule changed an award without telling Drools,
 * the evaluation ran past its time limit ({@link RuleTimeoutException}), or no rule set was in force
 * at the activity's time. The engine then refuses the activity and nothing changes. The message names
 * the activity, the rule set version, and the rule with its file and line where they are known.
 *
 * <p>Immutable and safe to share between threads.
 */
public class RuleEvaluationException extends LoyaltyException {
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
