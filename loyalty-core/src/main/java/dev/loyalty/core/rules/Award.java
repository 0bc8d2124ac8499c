package dev.loyalty.core.rules;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.ParticipantId;
import java.util.Optional;

/**
 * Points a rule gives a participant for an activity.
 *
 * @param beneficiary who receives them; never null
 * @param points      positive
 * @param rule        the rule that decided it; never null
 * @param reason      one sentence a partner can read ("1 point per 100 INR on 45,000 INR"); never
 *                    null or blank
 * @param campaign    the campaign whose budget pays for it; without one the program's issuance
 *                    account pays; never null
 */
public record Award(ParticipantId beneficiary, long points, RuleRef rule, String reason,
    Optional<CampaignId> campaign) {
  public Award {
    requireNonNull(beneficiary, "beneficiary");
    requireNonNull(rule, "rule");
    requireNonNull(reason, "reason");
    requireNonNull(campaign, "campaign");
    if (points <= 0) {
      throw new IllegalArgumentException("award of rule " + rule + " to " + beneficiary
          + " must be positive, got " + points);
    }
    if (reason.isBlank()) {
      throw new IllegalArgumentException("award of rule " + rule + " has a blank reason");
    }
  }

  /** An award paid by the program's issuance account. */
  public static Award of(ParticipantId beneficiary, long points, RuleRef rule, String reason) {
    return new Award(beneficiary, points, rule, reason, Optional.empty());
  }

  /** An award paid by {@code campaign}'s budget. */
  public static Award fromCampaign(ParticipantId beneficiary, long points, RuleRef rule, String reason,
      CampaignId campaign) {
    return new Award(beneficiary, points, rule, reason, Optional.of(campaign));
  }

  /** A copy with {@code newPoints}. */
  public Award withPoints(long newPoints) {
    return new Award(beneficiary, newPoints, rule, reason, campaign);
  }
}
