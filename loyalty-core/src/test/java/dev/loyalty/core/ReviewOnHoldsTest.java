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
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.CrashingJournal;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.HoldStatus;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.TransferRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Review on ledger holds: an activity held for review shows its points as pending credits and
 * reserves its campaign's budget; approval posts the holds, rejection releases them; every step
 * survives a crash and a repeat.
 */
class ReviewOnHoldsTest {
  private static final PartnerId DEALER = DEALERS.get(0);
  private static final MemberId REP = rep(DEALER, 1);
  private static final Instant T0 = LocalDateTime.parse("2026-07-02T10:00").atZone(ZONE).toInstant();
  private static final ActivityId INV = ActivityId.of("INV-1");

  /** The sample rules, with invoices of more than 50 units held for review. */
  private static final RuleEngine LARGE_IN_REVIEW = facts -> {
    RuleOutcome outcome = new SampleRules().evaluate(facts);
    boolean large = facts.activity() instanceof Sale s && s.lines().get(0).quantity() > 50;
    List<RiskFlag> flags = large ? List.of(new RiskFlag(RiskFlag.Severity.REVIEW, "large",
        RuleRef.of("large-invoice", "1"), "More than 50 units.")) : List.of();
    return new RuleOutcome(outcome.awards(), outcome.qualifications(), outcome.badges(), flags, outcome.decisions());
  };

  private static Sale invoice(String id, PartnerId dealer, long quantity) {
    return sale(id, dealer, dealer.equals(DEALER) ? Optional.of(REP) : Optional.empty(), T0, "CAB-25", "cables",
        quantity, "1000");
  }

  private static long budgetAvailable(ChannelFixture f) {
    return f.ledger.balance(f.program.accounts().budget(CampaignId.of("monsoon"))).available();
  }

  @Test
  void aHeldActivityReservesItsBudgetSoOthersAreCutAndARejectionGivesItBack() {
    ChannelFixture f = new ChannelFixture(T0, LARGE_IN_REVIEW, 300);
    f.engine.record(invoice("INV-1", DEALER, 100));   // 500 campaign points asked, 300 held
    assertThat(budgetAvailable(f)).isZero();

    Receipt other = f.engine.record(invoice("INV-2", DEALERS.get(1), 10));
    assertThat(other.awards()).anySatisfy(a -> assertThat(a.budgetNote()).hasValueSatisfying(n ->
        assertThat(n).contains("exhausted")));

    f.engine.reject(INV, reviewer("auditor"), "checked");
    assertThat(budgetAvailable(f)).isEqualTo(300);
    assertThat(f.ledger.openHolds(f.program.accounts().wallet(DEALER))).isEmpty();
  }

  @Test
  void aCrashAfterTheHoldsWereOpenedIsFinishedWithTheSameHoldsByRecordingAgain() {
    CrashingJournal journal = CrashingJournal.crashingOnce(e -> !e.receipt().holds().isEmpty() && !e.complete());
    ChannelFixture f = ChannelFixture.withJournal(T0, ChannelFixture.program(300), LARGE_IN_REVIEW, journal);

    assertThatThrownBy(() -> f.engine.record(invoice("INV-1", DEALER, 100))).hasMessageContaining("process killed");
    var held = f.engine.balance(DEALER);
    assertThat(held.pendingCredits()).isEqualTo(1000);
    int holds = f.ledger.openHolds(f.program.accounts().wallet(DEALER)).size();

    Receipt receipt = f.engine.record(invoice("INV-1", DEALER, 100));

    assertThat(receipt.status()).isEqualTo(Receipt.Status.IN_REVIEW);
    assertThat(receipt.holds()).hasSize(3);
    // the holds were replayed under their keys, not opened twice
    assertThat(f.engine.balance(DEALER)).isEqualTo(held);
    assertThat(f.ledger.openHolds(f.program.accounts().wallet(DEALER))).hasSize(holds);
    assertThat(f.events).filteredOn(e -> e instanceof LoyaltyEvent.ClaimNeedsReview).hasSize(1);
  }

  @Test
  void aCrashInTheMiddleOfAnApprovalIsFinishedExactlyOnceByRecovery() {
    CrashingJournal journal = CrashingJournal.crashingOnce(e -> e.receipt().status() == Receipt.Status.RECORDED
        && e.receipt().holds().stream().anyMatch(h -> h.state() == ReviewHold.State.POSTED));
    ChannelFixture f = ChannelFixture.withJournal(T0, ChannelFixture.program(300), LARGE_IN_REVIEW, journal);
    f.engine.record(invoice("INV-1", DEALER, 100));

    assertThatThrownBy(() -> f.engine.approve(INV, reviewer("auditor"), "checked"))
        .hasMessageContaining("process killed");
    // the posts landed; the journal does not know yet
    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(1000);

    RecoveryReport report = f.engine.recover();

    assertThat(report.finished()).containsExactly(INV);
    Receipt approved = f.engine.receipt(INV).orElseThrow();
    assertThat(approved.status()).isEqualTo(Receipt.Status.RECORDED);
    assertThat(approved.holds()).allSatisfy(h -> assertThat(h.state()).isEqualTo(ReviewHold.State.POSTED));
    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(1000);
    assertThat(f.engine.balance(REP).posted()).isEqualTo(300);
    assertThat(f.engine.figures(DEALER).windowOrders()).isEqualTo(1);
    assertThat(f.events).filteredOn(e -> e instanceof LoyaltyEvent.AwardPosted).hasSize(2);
    assertThat(f.engine.recover().finished()).isEmpty();
    assertThat(f.ledger.trialBalance().isBalanced()).isTrue();
  }

  @Test
  void aCrashInTheMiddleOfARejectionIsFinishedByRejectingAgain() {
    CrashingJournal journal = CrashingJournal.crashingOnce(e -> e.receipt().status() == Receipt.Status.REJECTED
        && e.receipt().holds().stream().anyMatch(h -> h.state() == ReviewHold.State.RELEASED));
    ChannelFixture f = ChannelFixture.withJournal(T0, ChannelFixture.program(300), LARGE_IN_REVIEW, journal);
    f.engine.record(invoice("INV-1", DEALER, 100));

    assertThatThrownBy(() -> f.engine.reject(INV, reviewer("auditor"), "checked"))
        .hasMessageContaining("process killed");
    // the entry is half-way: a second reject finishes it, and then it is no longer in review
    assertThatThrownBy(() -> f.engine.reject(INV, reviewer("auditor"), "checked"))
        .isInstanceOf(UnknownActivityException.class)
        .hasMessageContaining("REJECTED");

    assertThat(f.engine.receipt(INV).orElseThrow().status()).isEqualTo(Receipt.Status.REJECTED);
    assertThat(f.engine.balance(DEALER).pendingCredits()).isZero();
    assertThat(budgetAvailable(f)).isEqualTo(300);
  }

  @Test
  void whenAnotherPartnerTakesTheBudgetBetweenPlanAndHoldTheOpenedHoldsAreReleasedAndThePlanIsRedone() {
    // Between filing the plan and opening its holds, someone spends 250 of the 300 budget points.
    AccountId elsewhere = AccountId.of("acme:system:elsewhere");
    ChannelFixture[] fixture = new ChannelFixture[1];
    CrashingJournal journal = CrashingJournal.interruptedOnce(e -> e.activity().id().equals(INV) && !e.complete()
        && e.receipt().holds().isEmpty(), e -> {
          fixture[0].ledger.openAccount(elsewhere, AccountType.SYSTEM);
          fixture[0].ledger.transfer(TransferRequest.of(IdempotencyKey.of("spend"), "elsewhere",
              Entry.debit(fixture[0].program.accounts().budget(CampaignId.of("monsoon")), 250),
              Entry.credit(elsewhere, 250)));
        });
    ChannelFixture f = ChannelFixture.withJournal(T0, ChannelFixture.program(300), LARGE_IN_REVIEW, journal);
    fixture[0] = f;

    Receipt held = f.engine.record(invoice("INV-1", DEALER, 100));

    assertThat(held.status()).isEqualTo(Receipt.Status.IN_REVIEW);
    assertThat(held.awards()).filteredOn(a -> a.campaign().isPresent()).extracting(PostedAward::points)
        .containsExactly(50L, 0L);
    assertThat(budgetAvailable(f)).isZero();
    assertThat(f.engine.balance(DEALER).pendingCredits()).isEqualTo(700 + 50);
    // the first attempt's holds were all released: only the second attempt's are open
    assertThat(f.ledger.openHolds(f.program.accounts().wallet(DEALER))).hasSize(2);
    assertThat(f.ledger.trialBalance().isBalanced()).isTrue();
  }

  @Test
  void twoReviewersApprovingAtOnceApproveOnce() throws Exception {
    ChannelFixture f = new ChannelFixture(T0, LARGE_IN_REVIEW, 300);
    f.engine.record(invoice("INV-1", DEALER, 100));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Receipt>> decisions = new ArrayList<>();
    for (String name : List.of("auditor-1", "auditor-2")) {
      decisions.add(pool.submit(() -> {
        start.await();
        return f.engine.approve(INV, reviewer(name), "checked");
      }));
    }
    start.countDown();
    int approved = 0;
    int refused = 0;
    for (Future<Receipt> d : decisions) {
      try {
        d.get(10, TimeUnit.SECONDS);
        approved++;
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(UnknownActivityException.class);
        refused++;
      }
    }
    pool.shutdown();
    assertThat(approved).isEqualTo(1);
    assertThat(refused).isEqualTo(1);
    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(1000);
  }

  @Test
  void aHugeAwardGoesToReview_andAHeldAwardKeepsItsRoomInTheLedgerUntilApproved() {
    RuleEngine huge = facts -> new RuleOutcome(List.of(Award.of(facts.partner().id(), 1_000_000_000_000_000_000L,
        RuleRef.of("huge", "1"), "A rule gone wrong.")), List.of(), List.of(), facts.activity() instanceof Sale s
        && s.lines().get(0).quantity() > 50 ? List.of(new RiskFlag(RiskFlag.Severity.REVIEW, "large",
        RuleRef.of("large-invoice", "1"), "Large.")) : List.of(), List.of());
    // by default an activity's awards above a billion points go to review
    ChannelFixture ceiling = new ChannelFixture(T0, huge, 300);
    Receipt reviewed = ceiling.engine.record(invoice("INV-0", DEALERS.get(1), 1));
    assertThat(reviewed.status()).isEqualTo(Receipt.Status.IN_REVIEW);
    assertThat(reviewed.riskFlags()).singleElement().satisfies(flag -> {
      assertThat(flag.code()).isEqualTo("points-ceiling");
      assertThat(flag.reason()).contains("1,000,000,000,000,000,000 points").contains("1,000,000,000 points");
    });

    // Without the ceiling: 8 posted and one held. The ledger counts a hold in an account's lifetime
    // flows when it opens, so the 9th sale is what no longer fits, and the held one still posts.
    Program noCeiling = ChannelFixture.program(300).withReviewAbovePoints(Long.MAX_VALUE);
    ChannelFixture f = new ChannelFixture(T0, noCeiling, huge);
    PartnerId dealer = DEALERS.get(1);
    for (int i = 1; i <= 8; i++) {
      f.engine.record(invoice("S-" + i, dealer, 1));
    }
    f.engine.record(invoice("BIG", dealer, 100));
    assertThatThrownBy(() -> f.engine.record(invoice("S-9", dealer, 1)))
        .isInstanceOf(ActivityRefusedException.class).hasMessageContaining("would overflow a long");
    assertThat(f.engine.receipt(ActivityId.of("S-9"))).hasValueSatisfying(r -> {
      assertThat(r.status()).isEqualTo(Receipt.Status.REFUSED);
      assertThat(r.transaction()).isEmpty();
    });

    Receipt approved = f.engine.approve(ActivityId.of("BIG"), reviewer("auditor"), "checked");

    assertThat(approved.status()).isEqualTo(Receipt.Status.RECORDED);
    assertThat(approved.holds()).singleElement().satisfies(h -> assertThat(h.state())
        .isEqualTo(ReviewHold.State.POSTED));
    assertThat(approved.totalPoints()).isEqualTo(1_000_000_000_000_000_000L);
    assertThat(f.engine.balance(dealer).posted()).isEqualTo(9_000_000_000_000_000_000L);
    assertThat(f.engine.balance(dealer).pendingCredits()).isZero();
    assertThat(f.ledger.findHold(approved.holds().get(0).hold()).orElseThrow().status()).isEqualTo(HoldStatus.POSTED);
  }
}
