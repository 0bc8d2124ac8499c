package dev.loyalty.rules.facts;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.Tier;

/**
 * The activity partner's current tier, if it has one.
 *
 * @param participant the partner; never null
 * @param tier        never null
 * @param rank        the tier's position in the program, 0 for the lowest; not negative
 */
public record PartnerTier(PartnerId participant, Tier tier, int rank) implements CurrentTier {
  public PartnerTier {
    requireNonNull(participant, "participant");
    requireNonNull(tier, "tier");
    if (rank < 0) {
      throw new IllegalArgumentException("rank of tier " + tier.id() + " must not be negative, got " + rank);
    }
  }
}
