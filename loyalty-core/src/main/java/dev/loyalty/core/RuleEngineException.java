package dev.loyalty.core;

/**
 * The rule engine failed on an activity with an exception that is not a {@link LoyaltyException}
 * (a bug in a rule, a {@code NullPointerException} in a plain-Java {@code RuleEngine}); the
 * original is the cause. A {@code LoyaltyException} a rule engine throws (such as loyalty-rules'
 * {@code RuleEvaluationException}) reaches the caller unchanged instead. Either way nothing changed.
 */
public class RuleEngineException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  /** A refusal with {@code message} caused by {@code cause}. */
  public RuleEngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
