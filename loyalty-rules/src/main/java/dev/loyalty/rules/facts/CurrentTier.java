package dev.loyalty.rules.facts;

import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.program.Tier;
import java.math.BigDecimal;

/**
 * A participant's tier before the activity. {@link PartnerTier} and {@link MemberTier} are its two
 * roles; a participant without a tier has no such fact. Immutable; nothing returned is null.
 */
public sealed interface CurrentTier permits PartnerTier, MemberTier {

  /** Whose tier it is; never null. */
  ParticipantId participant();

  /** The tier as the program defines it; never null. */
  Tier tier();

  /** The tier's position in the program, 0 for the lowest. */
  int rank();

  /** The tier's id ({@code id.value == "gold"}); never null. */
  default TierId id() {
    return tier().id();
  }

  /** The tier's display name; never null. */
  default String name() {
    return tier().name();
  }

  /** What tier-multiplier rules scale base awards by; never null. */
  default BigDecimal earnMultiplier() {
    return tier().earnMultiplier();
  }
}
