package dev.loyalty.rules.facts;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.rules.RiskFlag;

/**
 * A rule's suspicion about the activity; becomes a {@code RiskFlag} of the outcome. {@code BLOCK}
 * refuses the activity, {@code REVIEW} holds its awards for a reviewer, {@code NOTE} only records
 * it. A {@linkplain #signal signal} is a note with a score: one piece of evidence that a scoring
 * rule adds up with the others and compares with the program's thresholds (the ready-made {@code
 * claim-risk} rules do).
 *
 * @param severity never null
 * @param code     a stable code ("large-invoice"); never null or blank
 * @param reason   one sentence; never null or blank
 * @param score    what it adds to the activity's risk score; 0 for an alert that is not a signal;
 *                 never negative
 */
public record RiskAlert(RiskFlag.Severity severity, String code, String reason, int score) {
  public RiskAlert {
    requireNonNull(severity, "severity");
    requireNonNull(code, "code");
    requireNonNull(reason, "reason");
    if (code.isBlank() || reason.isBlank()) {
      throw new IllegalArgumentException("a risk alert needs a code and a reason, got '" + code + "' and '" + reason
          + "'");
    }
    if (score < 0) {
      throw new IllegalArgumentException("risk alert " + code + ": the score must not be negative, got " + score);
    }
  }

  /** An alert that is not a signal (score 0). */
  public RiskAlert(RiskFlag.Severity severity, String code, String reason) {
    this(severity, code, reason, 0);
  }

  /**
   * A risk signal: a note that adds {@code score} to the activity's risk score.
   *
   * @param score positive; a long, as the program's parameters are read, at most {@link
   *              Integer#MAX_VALUE}
   */
  public static RiskAlert signal(String code, long score, String reason) {
    if (score <= 0 || score > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("risk signal " + code + ": the score must be 1 to " + Integer.MAX_VALUE
          + ", got " + score);
    }
    return new RiskAlert(RiskFlag.Severity.NOTE, code, reason, (int) score);
  }

  /** An alert that only records the suspicion. */
  public static RiskAlert note(String code, String reason) {
    return new RiskAlert(RiskFlag.Severity.NOTE, code, reason);
  }

  /** An alert that holds the activity's awards for a reviewer. */
  public static RiskAlert review(String code, String reason) {
    return new RiskAlert(RiskFlag.Severity.REVIEW, code, reason);
  }

  /** An alert that refuses the activity. */
  public static RiskAlert block(String code, String reason) {
    return new RiskAlert(RiskFlag.Severity.BLOCK, code, reason);
  }
}
