package dev.loyalty.core.rules;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.TierId;

/**
 * A rule found that a participant qualifies for a tier (beyond what the program's tier criteria
 * say, for example a tier granted for a special achievement). The engine moves the participant up
 * to the highest tier qualified for, never down.
 *
 * @param participant never null
 * @param tier        a tier of the program; never null
 * @param rule        never null
 * @param reason      never null or blank
 */
public record TierQualification(ParticipantId participant, TierId tier, RuleRef rule, String reason) {
  public TierQualification {
    requireNonNull(participant, "participant");
    requireNonNull(tier, "tier");
    requireNonNull(rule, "rule");
    requireNonNull(reason, "reason");
  }
}
