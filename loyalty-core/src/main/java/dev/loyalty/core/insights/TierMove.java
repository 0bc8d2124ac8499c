package dev.loyalty.core.insights;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.TierId;
import java.time.Instant;
import java.util.Optional;

/**
 * One move of a participant between tiers, as the engine made it: the tier history that tier
 * distributions and movements are read from. Kept in a {@link dev.loyalty.core.spi.TierHistory}.
 *
 * @param id          the move's id, the same as its {@code TierChanged} event's: {@code
 *                    tier:<kind>:<participant>:<activity>} for an upgrade, {@code
 *                    tier:<kind>:<participant>:review:<day>} for a review; never null or blank
 * @param participant never null
 * @param from        the tier it left; empty for none; never null
 * @param to          the tier it moved to; empty for none; never null
 * @param effectiveAt when the move counts from: the activity's time for an upgrade, the review's
 *                    for a review; never null
 * @param reason      the sentence the receipt or the review gave; never null
 */
public record TierMove(String id, ParticipantId participant, Optional<TierId> from, Optional<TierId> to,
    Instant effectiveAt, String reason) {
  public TierMove {
    requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("a tier move needs an id");
    }
    requireNonNull(participant, "participant");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(effectiveAt, "effectiveAt");
    requireNonNull(reason, "reason");
    if (from.equals(to)) {
      throw new IllegalArgumentException("tier move " + id + " of " + participant.kind() + " " + participant.value()
          + " goes from " + from.map(TierId::value).orElse("no tier") + " to the same tier");
    }
  }
}
