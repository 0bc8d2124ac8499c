package dev.loyalty.rules.facts;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ParticipantId;

/**
 * Recognition without points a rule inserts ("3-month streak"); becomes a {@code Badge} of the
 * outcome credited to the rule that inserted it.
 *
 * @param participant never null
 * @param badge       the badge's code; never null or blank
 * @param reason      one sentence; never null or blank
 */
public record BadgeAward(ParticipantId participant, String badge, String reason) {
  public BadgeAward {
    requireNonNull(participant, "participant");
    requireNonNull(badge, "badge");
    requireNonNull(reason, "reason");
    if (badge.isBlank() || reason.isBlank()) {
      throw new IllegalArgumentException("a badge needs a code and a reason, got '" + badge + "' and '" + reason + "'");
    }
  }
}
