package dev.loyalty.core.insights;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rules.RuleRef;
import java.time.Instant;
import java.util.Optional;

/**
 * A badge or milestone a participant earned: what a rule's {@code BadgeAward} became once its
 * activity was recorded, or a milestone the engine itself awards (the first redemption paid).
 * Kept in a {@link dev.loyalty.core.spi.BadgeStore}, delivered as a {@code BadgeAwarded} event.
 *
 * @param id          {@code badge:<activity>:<kind>:<participant>:<badge>} ({@link #idOf}): one per
 *                    activity, participant and badge code; {@code
 *                    badge:redemption:<redemption>:<kind>:<participant>:<badge>} for a redemption's;
 *                    never null or blank
 * @param participant never null
 * @param badge       the badge's code ("consistency-streak", "personal-best-month"); never null or blank
 * @param rule        the rule that awarded it ({@link #ENGINE_VERSION} for the engine's own); never null
 * @param reason      the rule's sentence; never null
 * @param activity    the activity it was earned with; empty for a redemption's; never null
 * @param redemption  the redemption it was earned with; empty for an activity's; never null
 * @param earnedAt    the activity's time, or when the redemption was paid; never null
 */
public record EarnedBadge(String id, ParticipantId participant, String badge, RuleRef rule, String reason,
    Optional<ActivityId> activity, Optional<RedemptionId> redemption, Instant earnedAt) {

  /** The version the engine's own milestones (not a rule's) are credited to: {@code first-redemption@engine}. */
  public static final String ENGINE_VERSION = "engine";

  public EarnedBadge {
    requireNonNull(id, "id");
    requireNonNull(participant, "participant");
    requireNonNull(badge, "badge");
    requireNonNull(rule, "rule");
    requireNonNull(reason, "reason");
    requireNonNull(activity, "activity");
    requireNonNull(redemption, "redemption");
    requireNonNull(earnedAt, "earnedAt");
    if (activity.isPresent() == redemption.isPresent()) {
      throw new IllegalArgumentException("badge " + id + " is earned with an activity or a redemption, exactly one");
    }
    if (id.isBlank() || badge.isBlank()) {
      throw new IllegalArgumentException("an earned badge needs an id and a badge code, got '" + id + "' and '"
          + badge + "'");
    }
  }

  /** The id of the badge {@code badge} earned by {@code participant} with {@code activity}. */
  public static String idOf(ActivityId activity, ParticipantId participant, String badge) {
    return "badge:" + activity.value() + ":" + participant.kind() + ":" + participant.value() + ":" + badge;
  }

  /** The id of the badge {@code badge} earned by {@code participant} with {@code redemption}. */
  public static String idOf(RedemptionId redemption, ParticipantId participant, String badge) {
    return "badge:redemption:" + redemption.value() + ":" + participant.kind() + ":" + participant.value() + ":"
        + badge;
  }
}
