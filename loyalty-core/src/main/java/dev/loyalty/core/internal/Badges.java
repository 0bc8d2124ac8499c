package dev.loyalty.core.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.insights.EarnedBadge;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rules.Badge;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.spi.BadgeStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The engine's one way into the {@link BadgeStore}: the badges of a recorded activity's receipt are
 * filed under ids derived from the activity, and a first redemption's milestone under one derived
 * from the redemption, so finishing either again after a crash files nothing twice; each becomes a
 * {@link LoyaltyEvent.BadgeAwarded} event under the same id.
 * Thread-safe as the store is.
 */
public final class Badges {
  /** The milestone of a participant's first redemption paid from its wallet. */
  public static final String FIRST_REDEMPTION = "first-redemption";

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
      store.award(new EarnedBadge(id, b.participant(), b.badge(), b.rule(), b.reason(), Optional.of(activity.id()),
          Optional.empty(), activity.occurredAt()));
      events.add(new LoyaltyEvent.BadgeAwarded(id, receipt.recordedAt(), Optional.of(activity.id()), Optional.empty(),
          b.participant(), b.badge(), b.rule(), b.reason()));
    }
    return events;
  }

  /**
   * Files the {@link #FIRST_REDEMPTION} milestone of {@code wallet}'s owner for {@code redemption},
   * paid at {@code paidAt}, and returns its event (also when it was filed before: the outbox skips
   * it). The caller decides that it is the first.
   */
  public LoyaltyEvent firstRedemption(RedemptionId redemption, ParticipantId wallet, Instant paidAt) {
    String id = EarnedBadge.idOf(redemption, wallet, FIRST_REDEMPTION);
    RuleRef rule = RuleRef.of(FIRST_REDEMPTION, EarnedBadge.ENGINE_VERSION);
    String reason = "First redemption (" + redemption.value() + ").";
    store.award(new EarnedBadge(id, wallet, FIRST_REDEMPTION, rule, reason, Optional.empty(), Optional.of(redemption),
        paidAt));
    return new LoyaltyEvent.BadgeAwarded(id, paidAt, Optional.empty(), Optional.of(redemption), wallet,
        FIRST_REDEMPTION, rule, reason);
  }

  /** What the participant earned, in the order it was filed. */
  public List<EarnedBadge> of(ParticipantId participant) {
    return store.of(participant);
  }
}
