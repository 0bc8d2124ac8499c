package dev.loyalty.core;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RuleRef;
import java.time.Instant;
import java.util.Optional;

/**
 * An award as it was written: what the rule asked for and what the budget allowed.
 *
 * @param beneficiary never null
 * @param requested   what the rule awarded, positive
 * @param points      what was posted: {@code requested}, or less (down to 0) when the campaign's
 *                    budget ran short
 * @param rule        never null
 * @param reason      the rule's sentence; never null
 * @param campaign    whose budget paid; never null
 * @param expiresAt   when the points expire; never null
 * @param budgetNote  present when the budget reduced or refused the award; never null
 */
public record PostedAward(ParticipantId beneficiary, long requested, long points, RuleRef rule, String reason,
    Optional<CampaignId> campaign, Optional<Instant> expiresAt, Optional<String> budgetNote) {
  public PostedAward {
    requireNonNull(beneficiary, "beneficiary");
    requireNonNull(rule, "rule");
    requireNonNull(reason, "reason");
    requireNonNull(campaign, "campaign");
    requireNonNull(expiresAt, "expiresAt");
    requireNonNull(budgetNote, "budgetNote");
    if (requested <= 0 || points < 0 || points > requested) {
      throw new IllegalArgumentException("posted points must be from 0 to the requested " + requested + ", got "
          + points);
    }
  }

  /** The award as the rule gave it, before any budget cut: what a new plan starts from. */
  public Award requestedAward() {
    return new Award(beneficiary, requested, rule, reason, campaign);
  }
}
