package dev.loyalty.core.rules;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ParticipantId;

/**
 * Recognition without points ("3-month streak"), shown on the receipt.
 *
 * @param participant never null
 * @param badge       the badge's code; never null or blank
 * @param rule        never null
 * @param reason      never null or blank
 */
public record Badge(ParticipantId participant, String badge, RuleRef rule, String reason) {
  public Badge {
    requireNonNull(participant, "participant");
    requireNonNull(badge, "badge");
    requireNonNull(rule, "rule");
    requireNonNull(reason, "reason");
    if (badge.isBlank()) {
      throw new IllegalArgumentException("badge of rule " + rule + " has a blank code");
    }
  }
}
