package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Names;
import java.time.Instant;

/**
 * One step of a redemption's tracking: the state it reached, when, and a sentence about it
 * ("shipped by Blue Dart, tracking BD123", "cancelled: the dealer changed its mind").
 *
 * @param status never null
 * @param at     by the engine's clock; never null
 * @param note   not blank, at most 2,000 characters; never null
 */
public record StatusChange(RedemptionStatus status, Instant at, String note) {
  /** The longest note kept. */
  public static final int MAX_NOTE = 2_000;

  public StatusChange {
    requireNonNull(status, "status");
    requireNonNull(at, "at");
    Names.requireText(note, "note", MAX_NOTE);
  }
}
