package dev.loyalty.rules.facts;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.TierId;

/**
 * A rule found that a participant qualifies for a tier (beyond the program's tier criteria); becomes
 * a {@code TierQualification} of the outcome. The engine moves the participant up to the highest
 * tier qualified for, never down.
 *
 * @param participant never null
 * @param tier        a tier of the program; never null
 * @param reason      one sentence; never null or blank
 */
public record Qualification(ParticipantId participant, TierId tier, String reason) {
  public Qualification {
    requireNonNull(participant, "participant");
    requireNonNull(tier, "tier");
    requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("a qualification for tier " + tier + " needs a reason");
    }
  }

  /** A qualification for the tier with id {@code tier}. */
  public static Qualification of(ParticipantId participant, String tier, String reason) {
    return new Qualification(participant, TierId.of(tier), reason);
  }
}
