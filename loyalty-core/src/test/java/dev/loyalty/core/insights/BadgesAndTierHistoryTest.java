package dev.loyalty.core.insights;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.SILVER;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static dev.loyalty.core.testing.ChannelFixture.sale;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.rules.Badge;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.spi.ActivityJournal;
import dev.loyalty.core.spi.BadgeStore;
import dev.loyalty.core.spi.TierHistory;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.spi.TestClock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Badges a rule awards are on the receipt, filed once per participant, delivered once as events,
 * and only when the activity counts; every tier move is in the history once, also when the process
 * dies between the move and the standing.
 */
class BadgesAndTierHistoryTest {
  private static final Instant T0 = LocalDateTime.parse("2026-07-02T10:00").atZone(ZONE).toInstant();
  private static final PartnerId DEALER = DEALERS.get(0);

  /** The sample rules plus a "big-order" badge for an invoice of 100 units or more; 7 units go to review. */
  private static final RuleEngine RULES = facts -> {
    RuleOutcome o = new SampleRules().evaluate(facts);
    List<Badge> badges = new ArrayList<>(o.badges());
    List<RiskFlag> flags = new ArrayList<>(o.riskFlags());
    if (facts.activity() instanceof Sale s && s.lines().get(0).quantity() >= 100) {
      badges.add(new Badge(facts.partner().id(), "big-order", RuleRef.of("big-order", "1"), "An order of 100 units."));
      facts.member().ifPresent(m -> badges.add(new Badge(m.id(), "big-order", RuleRef.of("big-order", "1"),
          "You sold 100 units at once.")));
    }
    if (facts.activity() instanceof Sale s && s.lines().get(0).quantity() % 7 == 0) {
      flags.add(new RiskFlag(RiskFlag.Severity.REVIEW, "sevens", RuleRef.of("sevens", "1"), "A multiple of 7."));
    }
    return new RuleOutcome(o.awards(), o.qualifications(), badges, flags, o.decisions());
  };

  private record Engine(LoyaltyEngine engine, List<LoyaltyEvent> events, ActivityJournal journal) {
  }

  private static Engine engine(BadgeStore badges, TierHistory tiers) {
    List<LoyaltyEvent> events = new ArrayList<>();
    ActivityJournal journal = ActivityJournal.inMemory();
    LoyaltyEngine engine = LoyaltyEngine.builder(ChannelFixture.program(300), RULES)
        .ledger(Ledger.inMemory(new TestClock(T0.plusSeconds(60)))).directory(new ChannelFixture(T0).directory)
        .journal(journal).badges(badges).tierHistory(tiers).listener("test", events::add).build();
    return new Engine(engine, events, journal);
  }

  private static Sale bigOrder(String id, long units) {
    return sale(id, DEALER, Optional.of(rep(DEALER, 1)), T0, "CAB-25", "cables", units, "100");
  }

  private static List<String> badgeEvents(List<LoyaltyEvent> events) {
    return events.stream().filter(LoyaltyEvent.BadgeAwarded.class::isInstance).map(LoyaltyEvent::id).toList();
  }

  @Test
  void aBadgeIsOnTheReceiptFiledPerParticipantAndDeliveredOnce() {
    Engine e = engine(BadgeStore.inMemory(), TierHistory.inMemory());
    Receipt receipt = e.engine().record(bigOrder("INV-1", 120));
    assertThat(receipt.badges()).extracting(Badge::badge).containsExactly("big-order", "big-order");
    assertThat(receipt.explanation()).contains("Badge big-order for dealer-a: An order of 100 units.");
    assertThat(e.engine().insights().badges(DEALER)).singleElement().satisfies(b -> {
      assertThat(b.id()).isEqualTo("badge:INV-1:partner:dealer-a:big-order");
      assertThat(b.rule()).isEqualTo(RuleRef.of("big-order", "1"));
      assertThat(b.activity()).contains(ActivityId.of("INV-1"));
      assertThat(b.redemption()).isEmpty();
      assertThat(b.earnedAt()).isEqualTo(T0);
    });
    assertThat(e.engine().insights().badges(rep(DEALER, 1))).extracting(EarnedBadge::reason)
        .containsExactly("You sold 100 units at once.");
    assertThat(badgeEvents(e.events())).containsExactly("badge:INV-1:partner:dealer-a:big-order",
        "badge:INV-1:member:dealer-a-rep-1:big-order");
    LoyaltyEvent.BadgeAwarded event = (LoyaltyEvent.BadgeAwarded) e.events().stream()
        .filter(LoyaltyEvent.BadgeAwarded.class::isInstance).findFirst().orElseThrow();
    assertThat(event.participant()).isEqualTo(DEALER);
    assertThat(event.badge()).isEqualTo("big-order");

    e.engine().record(bigOrder("INV-1", 120));   // the same activity again
    e.engine().record(bigOrder("INV-2", 150));   // another one earns it again
    assertThat(e.engine().insights().badges(DEALER)).extracting(EarnedBadge::activity)
        .containsExactly(Optional.of(ActivityId.of("INV-1")), Optional.of(ActivityId.of("INV-2")));
    assertThat(badgeEvents(e.events())).hasSize(4).doesNotHaveDuplicates();
  }

  @Test
  void aBadgeOfAnActivityInReviewCountsOnlyWhenApproved() {
    Engine e = engine(BadgeStore.inMemory(), TierHistory.inMemory());
    assertThat(e.engine().record(bigOrder("INV-1", 140)).status()).isEqualTo(Receipt.Status.IN_REVIEW);
    assertThat(e.engine().record(bigOrder("INV-2", 105)).status()).isEqualTo(Receipt.Status.IN_REVIEW);
    assertThat(e.engine().insights().badges(DEALER)).isEmpty();
    assertThat(badgeEvents(e.events())).isEmpty();
    e.engine().approve(ActivityId.of("INV-1"), ChannelFixture.reviewer("auditor"), "checked");
    e.engine().reject(ActivityId.of("INV-2"), ChannelFixture.reviewer("auditor"), "not supported");
    assertThat(e.engine().insights().badges(DEALER)).extracting(EarnedBadge::activity)
        .containsExactly(Optional.of(ActivityId.of("INV-1")));
    assertThat(badgeEvents(e.events())).hasSize(2);
  }

  /** A badge store whose first award is filed and then the process dies. */
  private static final class DyingBadgeStore implements BadgeStore {
    final BadgeStore delegate = BadgeStore.inMemory();
    final AtomicInteger deaths = new AtomicInteger(1);

    @Override
    public boolean award(EarnedBadge badge) {
      boolean filed = delegate.award(badge);
      if (deaths.getAndDecrement() > 0) {
        throw new IllegalStateException("process killed after filing " + badge.id());
      }
      return filed;
    }

    @Override
    public List<EarnedBadge> of(ParticipantId participant) {
      return delegate.of(participant);
    }
  }

  @Test
  void aProcessThatDiesAfterFilingABadgeFilesItOnce() {
    DyingBadgeStore store = new DyingBadgeStore();
    Engine e = engine(store, TierHistory.inMemory());
    assertThatThrownBy(() -> e.engine().record(bigOrder("INV-1", 120))).hasMessageContaining("process killed");
    assertThat(e.journal().incomplete()).hasSize(1);
    assertThat(e.engine().recover().finished()).hasSize(1);
    assertThat(store.of(DEALER)).hasSize(1);
    assertThat(store.of(rep(DEALER, 1))).hasSize(1);
    assertThat(badgeEvents(e.events())).hasSize(2).doesNotHaveDuplicates();
    assertThat(e.engine().receipt(ActivityId.of("INV-1")).orElseThrow().status()).isEqualTo(Receipt.Status.RECORDED);
  }

  /** A tier history whose first append is kept and then the process dies, before the standing is saved. */
  private static final class DyingTierHistory implements TierHistory {
    final TierHistory delegate = TierHistory.inMemory();
    final AtomicInteger deaths = new AtomicInteger(1);

    @Override
    public boolean append(TierMove move) {
      boolean appended = delegate.append(move);
      if (deaths.getAndDecrement() > 0) {
        throw new IllegalStateException("process killed after " + move.id());
      }
      return appended;
    }

    @Override
    public List<TierMove> of(ParticipantId participant) {
      return delegate.of(participant);
    }

    @Override
    public List<TierMove> moves() {
      return delegate.moves();
    }
  }

  @Test
  void aProcessThatDiesBetweenTheMoveAndTheStandingMovesOnce() {
    DyingTierHistory history = new DyingTierHistory();
    Engine e = engine(BadgeStore.inMemory(), history);
    assertThatThrownBy(() -> e.engine().record(bigOrder("INV-1", 10))).hasMessageContaining("process killed");
    assertThat(e.engine().progress(DEALER).current()).isEmpty();   // the standing was not saved
    e.engine().record(bigOrder("INV-1", 10));                     // the host records it again
    assertThat(history.of(DEALER)).singleElement().satisfies(m -> {
      assertThat(m.id()).isEqualTo("tier:partner:dealer-a:INV-1");
      assertThat(m.to()).contains(SILVER);
      assertThat(m.effectiveAt()).isEqualTo(T0);
    });
    assertThat(history.of(rep(DEALER, 1))).hasSize(1);
    assertThat(e.engine().insights().tierAt(DEALER, T0.atZone(ZONE).toLocalDate())).contains(SILVER);
    assertThat(e.engine().insights().tierAt(DEALER, T0.atZone(ZONE).toLocalDate().minusDays(1))).isEmpty();
    assertThat(e.events().stream().filter(LoyaltyEvent.TierChanged.class::isInstance)).hasSize(2);
  }
}
