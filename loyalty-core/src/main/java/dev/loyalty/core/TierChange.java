package dev.loyalty.core;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.TierId;
import java.util.Optional;

/**
 * A participant moved from one tier to another.
 *
 * @param participant never null
 * @param from        never null
 * @param to          never null
 * @param reason      one sentence; never null
 */
public record TierChange(ParticipantId participant, Optional<TierId> from, Optional<TierId> to, String reason) {
  public TierChange {
    requireNonNull(participant, "participant");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(reason, "reason");
  }
}
