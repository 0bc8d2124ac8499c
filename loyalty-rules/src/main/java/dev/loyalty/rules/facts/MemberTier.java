package dev.loyalty.rules.facts;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.program.Tier;

/**
 * The activity member's current tier, if the activity names a member and the member has one.
 *
 * @param participant the member; never null
 * @param tier        never null
 * @param rank        the tier's position in the program, 0 for the lowest; not negative
 */
public record MemberTier(MemberId participant, Tier tier, int rank) implements CurrentTier {
  public MemberTier {
    requireNonNull(participant, "participant");
    requireNonNull(tier, "tier");
    if (rank < 0) {
      throw new IllegalArgumentException("rank of tier " + tier.id() + " must not be negative, got " + rank);
    }
  }
}
