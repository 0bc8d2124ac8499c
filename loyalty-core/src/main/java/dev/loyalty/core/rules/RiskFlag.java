package dev.loyalty.core.rules;

import static java.util.Objects.requireNonNull;

/**
 * A rule's suspicion about an activity. {@link Severity#BLOCK} refuses the activity (nothing is
 * awarded and the receipt says why); {@link Severity#REVIEW} holds its awards until a reviewer
 * approves or rejects them; {@link Severity#NOTE} only records the flag.
 *
 * @param severity never null
 * @param code     a stable code ("invoice-velocity"); never null or blank
 * @param rule     never null
 * @param reason   never null or blank
 */
public record RiskFlag(Severity severity, String code, RuleRef rule, String reason) {
  public RiskFlag {
    requireNonNull(severity, "severity");
    requireNonNull(code, "code");
    requireNonNull(rule, "rule");
    requireNonNull(reason, "reason");
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
