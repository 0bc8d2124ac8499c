package dev.loyalty.core.rules;

import static java.util.Objects.requireNonNull;

/**
 * A rule's suspicion about an activity. {@link Severity#BLOCK} refuses the activity (nothing is
 * awarded and the receipt says why); {@link Severity#REVIEW} holds its awards until a reviewer
 * approves or rejects them; {@link Severity#NOTE} only records the flag.
 *
 * <p>A flag with a {@link #score()} is a <em>risk signal</em>: one piece of evidence, weighed by
 * the program. Signals are notes by themselves; a scoring rule adds up their scores and raises a
 * review or block flag when the sum reaches the program's thresholds (see docs/CLAIMS.md).
 *
 * @param severity never null
 * @param code     a stable code ("invoice-velocity"); never null or blank
 * @param rule     never null
 * @param reason   never null or blank
 * @param score    what the signal adds to the activity's risk score; 0 for a flag that is not a
 *                 signal; never negative
 */
public record RiskFlag(Severity severity, String code, RuleRef rule, String reason, int score) {
  public RiskFlag {
    requireNonNull(severity, "severity");
    requireNonNull(code, "code");
    requireNonNull(rule, "rule");
    requireNonNull(reason, "reason");
    if (score < 0) {
      throw new IllegalArgumentException("risk flag " + code + ": score must not be negative, got " + score);
    }
  }

  /** A flag that is not a signal (score 0). */
  public RiskFlag(Severity severity, String code, RuleRef rule, String reason) {
    this(severity, code, rule, reason, 0);
  }

  /** What a flag does to the activity, in increasing strength. */
  public enum Severity {
    /** Recorded on the receipt; nothing else. */
    NOTE,
    /** The awards wait for a reviewer. */
    REVIEW,
    /** The activity is refused. */
    BLOCK
  }
}
