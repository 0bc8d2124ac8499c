package dev.loyalty.core.insights;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.rules.RuleRef;
import java.time.Instant;

/**
 * A badge or milestone a participant earned: what a rule's {@code BadgeAward} became once its
 * activity was recorded. Kept in a {@link dev.loyalty.core.spi.BadgeStore}, delivered as a {@code
 * BadgeAwarded} event.
 *
 * @param id          {@code badge:<activity>:<kind>:<participant>:<badge>}: one per activity,
 *                    participant and badge code; never null or blank
 * @param participant never null
 * @param badge       the badge's code ("consistency-streak", "personal-best-month"); never null or blank
 * @param rule        the rule that awarded it; never null
 * @param reason      the rule's sentence; never null
 * @param activity    the activity it was earned with; never null
 * @param earnedAt    the activity's time; never null
 */
public record EarnedBadge(String id, ParticipantId participant, String badge, RuleRef rule, String reason,
    ActivityId activity, Instant earnedAt) {
  public EarnedBadge {
    requireNonNull(id, "id");
    requireNonNull(participant, "participant");
    requireNonNull(badge, "badge");
    requireNonNull(rule, "rule");
    requireNonNull(reason, "reason");
    requireNonNull(activity, "activity");
    requireNonNull(earnedAt, "earnedAt");
    if (id.isBlank() || badge.isBlank()) {
      throw new IllegalArgumentException("an earned badge needs an id and a badge code, got '" + id + "' and '"
          + badge + "'");
    }
  }

  /** The id of the badge {@code badge} earned by {@code participant} with {@code activity}. */
  public static String idOf(ActivityId activity, ParticipantId participant, String badge) {
    return "badge:" + activity.value() + ":" + participant.kind() + ":" + participant.value() + ":" + badge;
  }
}
