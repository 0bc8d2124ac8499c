package dev.loyalty.rules.facts;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.rules.RiskFlag;

/**
 * A rule's suspicion about the activity; becomes a {@code RiskFlag} of the outcome. {@code BLOCK}
 * refuses the activity, {@code REVIEW} holds its awards for a reviewer, {@code NOTE} only records
 * it.
 *
 * @param severity never null
 * @param code     a stable code ("large-invoice"); never null or blank
 * @param reason   one sentence; never null or blank
 */
public record RiskAlert(RiskFlag.Severity severity, String code, String reason) {
  public RiskAlert {
    requireNonNull(severity, "severity");
    requireNonNull(code, "code");
    requireNonNull(reason, "reason");
    if (code.isBlank() || reason.isBlank()) {
      throw new IllegalArgumentException("a risk alert needs a code and a reason, got '" + code + "' and '" + reason
          + "'");
    }
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
