package dev.loyalty.rules.facts;

import static java.util.Objects.requireNonNull;

/**
 * Why a rule did not award anything for this activity, for a partner who asks "why didn't I get
 * points": it becomes a decision of the outcome marked not applied, credited to rule {@code
 * ruleId}, with {@code reason} as its sentence ("Monthly sales are 420,000 INR; 80,000 INR more
 * earn the 500-point bonus."). A rule that only inserts {@code Missed} facts is not itself listed
 * as applied.
 *
 * <p>The ready-made rules insert one where an activity of the kind the rule is about comes close
 * (an invoice below the threshold, one category short of the mix bonus, a late report); a rule
 * that is simply not about the activity says nothing.
 *
 * @param ruleId the {@code @ruleId} of the rule that did not apply; never null or blank
 * @param reason one sentence a partner can read; never null or blank
 */
public record Missed(String ruleId, String reason) {
  public Missed {
    requireNonNull(ruleId, "ruleId");
    requireNonNull(reason, "reason");
    if (ruleId.isBlank() || reason.isBlank()) {
      throw new IllegalArgumentException("a missed rule needs a rule id and a reason, got '" + ruleId + "' and '"
          + reason + "'");
    }
  }

  /** Rule {@code ruleId} did not apply because {@code reason}. */
  public static Missed of(String ruleId, String reason) {
    return new Missed(ruleId, reason);
  }
}
