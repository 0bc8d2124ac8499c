package dev.loyalty.core;

import static dev.loyalty.core.testing.ChannelFixture.reviewer;
import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static dev.loyalty.core.testing.ChannelFixture.sale;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.performance.Contribution;
import dev.loyalty.core.performance.PointsContribution;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.spi.ActivityJournal;
import dev.loyalty.core.spi.EventOutbox;
import dev.loyalty.core.spi.StoredEvent;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.ForwardingPerformanceStore;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.spi.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Review, events, crash recovery and period close: the engine's steps around the ledger. */
class EngineLifecycleTest {
  private static final PartnerId DEALER = DEALERS.get(0);
  private static final MemberId REP = rep(DEALER, 1);
  private static final Instant T0 = LocalDateTime.parse("2026-07-02T10:00").atZone(ZONE).toInstant();

  private static Sale invoice(String id, long quantity) {
    return sale(id, DEALER, Optional.of(REP), T0, "CAB-25", "cables", quantity, "1000");
  }

  // ---------------------------------------------------------------------------------------------
  // Review

  private static ChannelFixture flaggedAbove(long quantity, RiskFlag.Severity severity) {
    return new ChannelFixture(T0, facts -> {
      RuleOutcome outcome = new SampleRules().evaluate(facts);
      boolean large = facts.activity() instanceof Sale s && s.lines().get(0).quantity() > quantity;
      List<RiskFlag> flags = large ? List.of(new RiskFlag(severity, "large", RuleRef.of("large-invoice", "1"),
          "More than " + quantity + " units.")) : List.of();
      return new RuleOutcome(outcome.awards(), outcome.qualifications(), outcome.badges(), flags, outcome.decisions());
    }, 300);
  }

  @Test
  void aHeldActivityShowsPendingPointsUntilApprovedThenPostsThem() {
    ChannelFixture f = flaggedAbove(50, RiskFlag.Severity.REVIEW);
    Receipt held = f.engine.record(invoice("INV-1", 100));

    assertThat(held.status()).isEqualTo(Receipt.Status.IN_REVIEW);
    assertThat(held.transaction()).isEmpty();
    assertThat(held.totalPoints()).isZero();
    // base 1000 split 70/30, and the campaign's 50% (350 + 150) cut to the 300 its budget holds, all
    // pending and not spendable: one hold per paying account and wallet (the rep's bonus was cut to 0)
    assertThat(held.holds()).hasSize(3).allSatisfy(h -> assertThat(h.state()).isEqualTo(ReviewHold.State.HELD));
    assertThat(f.engine.balance(DEALER)).satisfies(b -> {
      assertThat(b.posted()).isZero();
      assertThat(b.pendingCredits()).isEqualTo(700 + 300);
      assertThat(b.available()).isZero();
    });
    assertThat(f.engine.balance(REP).pendingCredits()).isEqualTo(300);
    assertThat(f.ledger.balance(f.program.accounts().budget(CampaignId.of("monsoon"))).available()).isZero();
    assertThat(f.engine.figures(DEALER).windowOrders()).isZero();
    assertThat(f.events).anySatisfy(e -> assertThat(e).isInstanceOf(LoyaltyEvent.ClaimNeedsReview.class));
    assertThat(held.explanation()).anySatisfy(l -> assertThat(l).contains("held for review"));

    Receipt approved = f.engine.approve(ActivityId.of("INV-1"), reviewer("auditor-1"), "checked");

    assertThat(approved.status()).isEqualTo(Receipt.Status.RECORDED);
    assertThat(approved.holds()).hasSize(3).allSatisfy(h -> {
      assertThat(h.state()).isEqualTo(ReviewHold.State.POSTED);
      assertThat(h.resolvedBy()).isPresent();
    });
    assertThat(approved.totalPoints()).isEqualTo(1000 + 300);
    assertThat(f.engine.balance(DEALER).posted() + f.engine.balance(REP).posted()).isEqualTo(1300);
    assertThat(f.engine.balance(DEALER).pendingCredits()).isZero();
    assertThat(f.engine.figures(DEALER).windowOrders()).isEqualTo(1);
    assertThat(f.events).filteredOn(e -> e instanceof LoyaltyEvent.AwardPosted).extracting(LoyaltyEvent::id)
        .containsExactly("award:INV-1:partner:dealer-a", "award:INV-1:member:dealer-a-rep-1");
    assertThat(f.engine.record(invoice("INV-1", 100))).isEqualTo(approved);
    assertThatThrownBy(() -> f.engine.approve(ActivityId.of("INV-1"), reviewer("auditor-1"), "checked"))
        .isInstanceOf(UnknownActivityException.class);
    assertThat(f.ledger.trialBalance().isBalanced()).isTrue();
  }

  @Test
  void aRejectedActivityReleasesItsHoldsAndPostsNothing() {
    ChannelFixture f = flaggedAbove(50, RiskFlag.Severity.REVIEW);
    f.engine.record(invoice("INV-1", 100));
    Receipt rejected = f.engine.reject(ActivityId.of("INV-1"), reviewer("auditor-1"), "checked");
    assertThat(rejected.status()).isEqualTo(Receipt.Status.REJECTED);
    assertThat(rejected.holds()).allSatisfy(h -> assertThat(h.state()).isEqualTo(ReviewHold.State.RELEASED));
    assertThat(f.engine.balance(DEALER)).isEqualTo(new dev.loyalty.ledger.Balance(
        f.program.accounts().wallet(DEALER), 0, 0, 0));
    assertThat(f.ledger.balance(f.program.accounts().budget(CampaignId.of("monsoon"))).available()).isEqualTo(300);
    assertThat(f.engine.figures(DEALER).windowOrders()).isZero();
  }

  @Test
  void aBlockedActivityPostsNothingAndDoesNotCount() {
    ChannelFixture f = flaggedAbove(50, RiskFlag.Severity.BLOCK);
    Receipt blocked = f.engine.record(invoice("INV-1", 100));
    assertThat(blocked.status()).isEqualTo(Receipt.Status.BLOCKED);
    assertThat(blocked.explanation()).anySatisfy(l -> assertThat(l).contains("Risk block").contains("More than 50"));
    assertThat(f.engine.balance(DEALER).posted()).isZero();
    assertThat(f.engine.figures(DEALER).windowOrders()).isZero();
    // a small one still earns
    assertThat(f.engine.record(invoice("INV-2", 10)).status()).isEqualTo(Receipt.Status.RECORDED);
  }

  // ---------------------------------------------------------------------------------------------
  // Events

  @Test
  void aFailingListenerGetsTheSameEventsAgainAndTheOthersAreNotHeldUp() {
    TestClock clock = new TestClock(T0);
    EventOutbox outbox = EventOutbox.inMemory();
    List<String> healthy = new ArrayList<>();
    List<String> flaky = new ArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
    LoyaltyEngine engine = LoyaltyEngine.builder(ChannelFixture.program(300), new SampleRules())
        .ledger(Ledger.inMemory(clock)).directory(new ChannelFixture(T0).directory).outbox(outbox)
        .listener("crm", e -> healthy.add(e.id()))
        .listener("sms", e -> {
          if (down.get()) {
            throw new IllegalStateException("sms gateway down");
          }
          flaky.add(e.id());
        }).build();

    engine.record(invoice("INV-1", 10));
    assertThat(healthy).isNotEmpty();
    assertThat(flaky).isEmpty();
    assertThat(engine.deliverEvents()).isZero(); // still down
    assertThat(flaky).isEmpty();
    down.set(false);
    assertThat(engine.deliverEvents()).isEqualTo(healthy.size());
    assertThat(flaky).containsExactlyElementsOf(healthy);
    assertThat(outbox.position("sms")).isEqualTo(outbox.position("crm"));
    List<String> ids = outbox.after(0, 100).stream().map(StoredEvent::event).map(LoyaltyEvent::id).toList();
    assertThat(ids).doesNotHaveDuplicates().contains("award:INV-1:partner:dealer-a", "award:INV-1:member:dealer-a-rep-1");
  }

  // ---------------------------------------------------------------------------------------------
  // Crash recovery

  /**
   * A performance store that fails once, like a process dying between the ledger and the figures,
   * and fails for the partners in {@code down} for as long as they are there, like a store that is down.
   */
  private static final class CrashingPerformanceStore extends ForwardingPerformanceStore {
    private final AtomicInteger crashes;
    private final java.util.Set<PartnerId> down = java.util.concurrent.ConcurrentHashMap.newKeySet();

    CrashingPerformanceStore(int crashes) {
      this.crashes = new AtomicInteger(crashes);
    }

    @Override
    public boolean apply(ParticipantId participant, Currency currency, Contribution contribution) {
      if (down.contains(participant)) {
        throw new IllegalStateException("figures of " + participant + " cannot be saved: store down");
      }
      boolean applied = super.apply(participant, currency, contribution);
      // fails after the partner's figures were written and before the member's
      if (participant instanceof PartnerId && crashes.getAndDecrement() > 0) {
        throw new IllegalStateException("process killed");
      }
      return applied;
    }

    @Override
    public boolean applyPoints(ParticipantId participant, Currency currency, PointsContribution contribution) {
      if (down.contains(participant)) {
        throw new IllegalStateException("points of " + participant + " cannot be saved: store down");
      }
      return super.applyPoints(participant, currency, contribution);
    }
  }

  private record Crashed(LoyaltyEngine engine, Ledger ledger, ActivityJournal journal) {
  }

  private static Crashed crashedAfterTheLedgerWrite() {
    TestClock clock = new TestClock(T0);
    Ledger ledger = Ledger.inMemory(clock);
    ActivityJournal journal = ActivityJournal.inMemory();
    LoyaltyEngine engine = LoyaltyEngine.builder(ChannelFixture.program(300), new SampleRules()).ledger(ledger)
        .directory(new ChannelFixture(T0).directory).journal(journal).performance(new CrashingPerformanceStore(1))
        .build();
    assertThatThrownBy(() -> engine.record(invoice("INV-1", 10))).hasMessageContaining("process killed");
    assertThat(journal.incomplete()).singleElement().satisfies(e -> assertThat(e.activity().id().value())
        .isEqualTo("INV-1"));
    assertThat(ledger.balance(ChannelFixture.program(300).accounts().wallet(DEALER)).posted()).isEqualTo(105);
    return new Crashed(engine, ledger, journal);
  }

  @Test
  void recordingAgainAfterACrashFinishesTheActivityExactlyOnce() {
    Crashed c = crashedAfterTheLedgerWrite();
    var wallet = ChannelFixture.program(300).accounts().wallet(DEALER);
    int transactions = c.ledger.history(wallet, Optional.empty(), 100).transactions().size();

    Receipt receipt = c.engine.record(invoice("INV-1", 10));

    assertThat(receipt.totalPoints()).isEqualTo(150);
    assertThat(c.engine.balance(DEALER).posted()).isEqualTo(105);
    assertThat(c.engine.balance(REP).posted()).isEqualTo(45);
    assertThat(c.engine.figures(DEALER).windowOrders()).isEqualTo(1);
    assertThat(c.engine.figures(REP).windowOrders()).isEqualTo(1);
    assertThat(c.journal.incomplete()).isEmpty();
    assertThat(c.ledger.history(wallet, Optional.empty(), 100).transactions()).hasSize(transactions);
    assertThat(c.engine.record(invoice("INV-1", 10))).isEqualTo(receipt);
  }

  @Test
  void recoverFinishesInterruptedActivitiesExactlyOnce() {
    Crashed c = crashedAfterTheLedgerWrite();

    RecoveryReport first = c.engine.recover();
    assertThat(first.finished()).containsExactly(ActivityId.of("INV-1"));
    assertThat(first.isComplete()).isTrue();
    assertThat(c.engine.recover().finished()).isEmpty();

    assertThat(c.engine.balance(DEALER).posted()).isEqualTo(105);
    assertThat(c.engine.figures(DEALER).windowOrders()).isEqualTo(1);
    assertThat(c.engine.figures(REP).windowOrders()).isEqualTo(1);
    assertThat(c.engine.receipt(ActivityId.of("INV-1")).orElseThrow().transaction()).isPresent();
  }

  @Test
  void recoveryFinishesWhatItCanReportsTheRestAndNeverThrows() {
    TestClock clock = new TestClock(T0);
    Ledger ledger = Ledger.inMemory(clock);
    CrashingPerformanceStore performance = new CrashingPerformanceStore(0);
    // BIG-1's plan is filed, then the process dies before its transfer is written
    dev.loyalty.core.testing.CrashingJournal journal = dev.loyalty.core.testing.CrashingJournal
        .crashingOnceAfterSaving(e -> e.activity().id().value().equals("BIG-1"));
    dev.loyalty.core.rules.RuleEngine rules = facts -> facts.activity().id().value().startsWith("BIG")
        ? new RuleOutcome(List.of(dev.loyalty.core.rules.Award.of(facts.partner().id(), 1_000_000_000_000_000_000L,
            RuleRef.of("huge", "1"), "A rule gone wrong.")), List.of(), List.of(), List.of(), List.of())
        : new SampleRules().evaluate(facts);
    LoyaltyEngine engine = LoyaltyEngine.builder(ChannelFixture.program(300).withReviewAbovePoints(Long.MAX_VALUE),
        rules).ledger(ledger).directory(new ChannelFixture(T0).directory).journal(journal).performance(performance)
        .build();
    assertThatThrownBy(() -> engine.record(sale("BIG-1", DEALER, Optional.empty(), T0, "CAB-25", "cables", 1, "10")))
        .hasMessageContaining("process killed after saving BIG-1");
    // meanwhile the issuance account fills up, so BIG-1 can no longer be issued
    var sink = dev.loyalty.ledger.AccountId.of("acme:system:elsewhere");
    ledger.openAccount(sink, dev.loyalty.ledger.AccountType.SYSTEM);
    ledger.transfer(dev.loyalty.ledger.TransferRequest.of(dev.loyalty.ledger.IdempotencyKey.of("fill"), "fill",
        dev.loyalty.ledger.Entry.debit(ChannelFixture.program(300).accounts().issuance(), 9_000_000_000_000_000_000L),
        dev.loyalty.ledger.Entry.credit(sink, 9_000_000_000_000_000_000L)));
    // INV-C's figures cannot be saved while the store is down for dealer-c
    PartnerId dealerC = DEALERS.get(2);
    performance.down.add(dealerC);
    assertThatThrownBy(() -> engine.record(sale("INV-C", dealerC, Optional.empty(), T0, "CAB-25", "cables", 1, "100")))
        .hasMessageContaining("store down");
    var before = ledger.trialBalance();

    RecoveryReport report = engine.recover();

    assertThat(report.finished()).isEmpty();
    assertThat(report.refused()).containsOnlyKeys(ActivityId.of("BIG-1"));
    assertThat(report.refused().get(ActivityId.of("BIG-1"))).contains("overflows");
    assertThat(report.unfinished()).containsOnlyKeys(ActivityId.of("INV-C"));
    assertThat(report.unfinished().get(ActivityId.of("INV-C"))).contains("store down");
    assertThat(report.isComplete()).isFalse();
    assertThat(engine.receipt(ActivityId.of("BIG-1")).orElseThrow().status()).isEqualTo(Receipt.Status.REFUSED);
    // nothing posted (the refused activity's wallet may have been opened, empty)
    assertThat(ledger.trialBalance().postedByType()).isEqualTo(before.postedByType());
    assertThat(ledger.balance(ChannelFixture.program(300).accounts().wallet(DEALER)).posted()).isZero();
    assertThatThrownBy(() -> engine.record(sale("BIG-1", DEALER, Optional.empty(), T0, "CAB-25", "cables", 1, "10")))
        .isInstanceOf(ActivityRefusedException.class).hasMessageContaining("BIG-1").hasMessageContaining("overflows");

    performance.down.clear();
    RecoveryReport later = engine.recover();
    assertThat(later.finished()).containsExactly(ActivityId.of("INV-C"));
    assertThat(later.isComplete()).isTrue();
    assertThat(engine.figures(dealerC).windowOrders()).isEqualTo(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Period close

  @Test
  void periodCloseExpiresLotsAndWarnsOfPointsExpiringSoon() {
    ChannelFixture f = new ChannelFixture(T0);
    f.engine.record(invoice("INV-1", 10));
    // 12 months after July 2026: the lots expire when July 2027 ends
    Instant beforeExpiry = LocalDateTime.parse("2027-07-15T00:00").atZone(ZONE).toInstant();
    f.clock.set(beforeExpiry);

    PeriodCloseReport warning = f.engine.closePeriod(beforeExpiry);

    assertThat(warning.expiredPoints()).isZero();
    assertThat(warning.expiringSoon()).extracting(LoyaltyEvent.PointsExpiringSoon::participant)
        .containsExactlyInAnyOrder(DEALER, REP);
    assertThat(f.events).filteredOn(e -> e instanceof LoyaltyEvent.PointsExpiringSoon).hasSize(2);

    Instant after = LocalDateTime.parse("2027-08-01T00:00").atZone(ZONE).toInstant();
    f.clock.set(after);
    PeriodCloseReport expiry = f.engine.closePeriod(after);

    assertThat(expiry.expiredPoints()).isEqualTo(150);
    assertThat(f.engine.balance(DEALER).posted()).isZero();
    assertThat(f.ledger.balance(f.program.accounts().breakage()).posted()).isEqualTo(150);
    // closing the same period again replays the same expiry run, and says so
    PeriodCloseReport replay = f.engine.closePeriod(after);
    assertThat(replay.replay()).isTrue();
    assertThat(replay.expiredPoints()).isZero();
    assertThat(f.ledger.balance(f.program.accounts().breakage()).posted()).isEqualTo(150);
    f.clock.advance(Duration.ofDays(1));
    assertThat(f.engine.statement(DEALER, T0, f.clock.instant()).lines()).hasSize(2);
  }
}
