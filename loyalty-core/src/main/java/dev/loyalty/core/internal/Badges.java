package dev.loyalty.core.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.insights.EarnedBadge;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.rules.Badge;
import dev.loyalty.core.spi.BadgeStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's one way into the {@link BadgeStore}: the badges of a recorded activity's receipt are
 * filed under ids derived from the activity, so finishing the activity again after a crash files
 * nothing twice, and each becomes a {@link LoyaltyEvent.BadgeAwarded} event under the same id.
 * Thread-safe as the store is.
 */
public final class Badges {
  private final BadgeStore store;

  /** Badges kept in {@code store}. */
  public Badges(BadgeStore store) {
    this.store = requireNonNull(store, "store");
  }

  /**
   * Files the badges of {@code receipt}, the receipt of {@code activity} that counts (recorded),
   * and returns their events, also for badges filed before (the outbox skips those it has).
   */
  public List<LoyaltyEvent> award(Activity activity, Receipt receipt) {
    List<LoyaltyEvent> events = new ArrayList<>(receipt.badges().size());
    for (Badge b : receipt.badges()) {
      String id = EarnedBadge.idOf(activity.id(), b.participant(), b.badge());
      store.award(new EarnedBadge(id, b.participant(), b.badge(), b.rule(), b.reason(), activity.id(),
          activity.occurredAt()));
      events.add(new LoyaltyEvent.BadgeAwarded(id, receipt.recordedAt(), activity.id(), b.participant(), b.badge(),
          b.rule(), b.reason()));
    }
    return events;
  }

  /** What the participant earned, in the order it was filed. */
  public List<EarnedBadge> of(ParticipantId participant) {
    return store.of(participant);
  }
}
