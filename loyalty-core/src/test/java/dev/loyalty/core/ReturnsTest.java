package dev.loyalty.core;

import static dev.loyalty.core.testing.ChannelFixture.reviewer;
import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static dev.loyalty.core.testing.ChannelFixture.sale;
import static dev.loyalty.core.testing.ChannelFixture.saleReturn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionType;
import dev.loyalty.ledger.TransferRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Returns take back, in proportion, from the lots the invoice itself created: partial reversals of
 * the invoice's own ledger transactions, so the points a partner keeps keep their true expiry dates.
 */
class ReturnsTest {
  private static final PartnerId DEALER = DEALERS.get(0);
  private static final MemberId REP = rep(DEALER, 1);

  private static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant();
  }

  private final ChannelFixture f = new ChannelFixture(at("2026-07-01T09:00"));

  private Receipt record(dev.loyalty.core.activity.Activity activity) {
    f.clock.set(activity.occurredAt());
    return f.engine.record(activity);
  }

  private List<Instant> expiriesOfDealerLots() {
    return f.ledger.lots(f.program.accounts().wallet(DEALER), false).stream()
        .map(l -> l.expiresAt().orElseThrow()).toList();
  }

  /** A fixture whose rules send every invoice to review, with INV-1 (dealer and rep, 2 July) waiting there. */
  private static ChannelFixture invoiceInReview() {
    ChannelFixture reviewed = new ChannelFixture(at("2026-07-01T09:00"), facts -> {
      RuleOutcome outcome = new SampleRules().evaluate(facts);
      return new RuleOutcome(outcome.awards(), outcome.qualifications(), outcome.badges(), List.of(new RiskFlag(
          RiskFlag.Severity.REVIEW, "large", RuleRef.of("large-invoice", "1"), "Large invoice.")), outcome.decisions());
    }, 300);
    reviewed.clock.set(at("2026-07-02T10:00"));
    reviewed.engine.record(sale("INV-1", DEALER, Optional.of(REP), at("2026-07-02T10:00"), "CAB-25", "cables", 10,
        "1000"));
    return reviewed;
  }

  @Test
  void aReturnTakesBackFromTheInvoicesOwnLotsSoTheOthersKeepTheirDates() {
    record(sale("INV-JUL", DEALER, Optional.empty(), at("2026-07-02T10:00"), "CAB-25", "cables", 10, "1000"));
    record(sale("INV-AUG", DEALER, Optional.empty(), at("2026-08-03T10:00"), "CAB-25", "cables", 10, "1000"));
    Instant endOfJuly2027 = at("2027-08-01T00:00");
    Instant endOfAugust2027 = at("2027-09-01T00:00");
    assertThat(expiriesOfDealerLots()).containsExactly(endOfJuly2027, endOfAugust2027);

    // the August invoice comes back whole: its own lot goes, July's stays as it was
    Receipt back = record(saleReturn("RET-AUG", DEALER, at("2026-08-10T10:00"), "INV-AUG", "CAB-25", 10));

    assertThat(back.totalPoints()).isEqualTo(-150);
    assertThat(expiriesOfDealerLots()).containsExactly(endOfJuly2027);
    assertThat(f.ledger.lots(f.program.accounts().wallet(DEALER), false)).singleElement()
        .satisfies(lot -> assertThat(lot.remaining()).isEqualTo(150));
    Transaction reversal = f.ledger.findTransaction(back.transaction().orElseThrow()).orElseThrow();
    assertThat(reversal.type()).isEqualTo(TransactionType.REVERSAL);
    assertThat(reversal.reverses()).isEqualTo(f.engine.receipt(ActivityId.of("INV-AUG")).orElseThrow().transaction());
  }

  @Test
  void partialReturnsArePartialReversalsThatAddUpToTheInvoice() {
    Receipt invoice = record(sale("INV-1", DEALER, Optional.of(REP), at("2026-07-02T10:00"), "CAB-25", "cables", 10,
        "1000"));
    record(saleReturn("RET-1", DEALER, at("2026-07-05T10:00"), "INV-1", "CAB-25", 3));
    record(saleReturn("RET-2", DEALER, at("2026-07-06T10:00"), "INV-1", "CAB-25", 3));
    record(saleReturn("RET-3", DEALER, at("2026-07-07T10:00"), "INV-1", "CAB-25", 4));

    List<Transaction> reversals = f.ledger.reversalsOf(invoice.transaction().orElseThrow());
    assertThat(reversals).hasSize(3);
    assertThat(f.ledger.reversible(invoice.transaction().orElseThrow())).isEmpty();
    assertThat(f.engine.balance(DEALER).posted()).isZero();
    assertThat(f.engine.balance(REP).posted()).isZero();
    assertThat(f.ledger.balance(f.program.accounts().budget(CampaignId.of("monsoon"))).posted()).isEqualTo(300);
  }

  @Test
  void pointsAlreadySpentAreTakenFromTheInvoicesLotsFirstAndTheRestBookedToClawback() {
    record(sale("INV-1", DEALER, Optional.empty(), at("2026-07-02T10:00"), "CAB-25", "cables", 10, "1000"));
    record(sale("INV-2", DEALER, Optional.empty(), at("2026-08-03T10:00"), "CAB-25", "cables", 10, "1000"));
    // the dealer redeems 200 points: the soonest-expiring lot (INV-1's 150) first, then 50 of INV-2's 150
    AccountId wallet = f.program.accounts().wallet(DEALER);
    AccountId shop = AccountId.of("acme:system:redemptions");
    f.ledger.openAccount(shop, AccountType.SYSTEM);
    f.ledger.transfer(TransferRequest.of(IdempotencyKey.of("redeem-1"), "redeem", Entry.debit(wallet, 200),
        Entry.credit(shop, 200)));

    Receipt back = record(saleReturn("RET-2", DEALER, at("2026-08-10T10:00"), "INV-2", "CAB-25", 10));

    // INV-2's lot had 100 left: taken; the 50 spent are the program's loss
    assertThat(back.totalPoints()).isEqualTo(-150);
    assertThat(back.shortfalls()).containsExactly(java.util.Map.entry(DEALER, 50L));
    assertThat(f.engine.balance(DEALER).posted()).isZero();
    assertThat(f.ledger.balance(f.program.accounts().clawback()).posted()).isEqualTo(-50);
    assertThat(f.events).filteredOn(e -> e instanceof LoyaltyEvent.AwardTakenBack).singleElement()
        .isInstanceOfSatisfying(LoyaltyEvent.AwardTakenBack.class, e -> {
          assertThat(e.points()).isEqualTo(100);
          assertThat(e.shortfall()).isEqualTo(50);
        });
  }

  @Test
  void aReturnOfAnInvoiceApprovedInReviewReversesItsHoldPosts() {
    ChannelFixture reviewed = invoiceInReview();
    Receipt approved = reviewed.engine.approve(ActivityId.of("INV-1"), reviewer("auditor"), "checked");
    assertThat(approved.holds()).hasSize(4);

    reviewed.clock.set(at("2026-07-05T10:00"));
    Receipt back = reviewed.engine.record(saleReturn("RET-1", DEALER, at("2026-07-05T10:00"), "INV-1", "CAB-25", 4));

    // 40% of each award, rounded down: 28 + 14 from the dealer, 12 + 6 from the rep
    assertThat(back.pointsByParticipant()).containsEntry(DEALER, -42L).containsEntry(REP, -18L);
    for (ReviewHold hold : approved.holds()) {
      assertThat(reviewed.ledger.reversalsOf(hold.resolvedBy().orElseThrow())).hasSize(1);
    }
    assertThat(reviewed.engine.balance(DEALER).posted()).isEqualTo(105 - 42);
    assertThat(reviewed.engine.balance(REP).posted()).isEqualTo(45 - 18);
    assertThat(reviewed.ledger.trialBalance().isBalanced()).isTrue();
    // replayed: the same receipt, nothing written again
    var trial = reviewed.ledger.trialBalance();
    assertThat(reviewed.engine.record(saleReturn("RET-1", DEALER, at("2026-07-05T10:00"), "INV-1", "CAB-25", 4)))
        .isEqualTo(back);
    assertThat(reviewed.ledger.trialBalance()).isEqualTo(trial);
  }

  @Test
  void aReturnDatedBeforeItsInvoicesApprovalIsTakenBackAsOfTheApproval() {
    ChannelFixture reviewed = invoiceInReview();
    // the goods came back on the 4th, the review approved the invoice on the 6th, the return was keyed in on the 8th
    reviewed.clock.set(at("2026-07-06T10:00"));
    Receipt approved = reviewed.engine.approve(ActivityId.of("INV-1"), reviewer("auditor"), "checked");
    Instant approvedAt = reviewed.ledger.findTransaction(approved.holds().get(0).resolvedBy().orElseThrow())
        .orElseThrow().effectiveAt();
    reviewed.clock.set(at("2026-07-08T10:00"));

    Receipt back = reviewed.engine.record(saleReturn("RET-1", DEALER, at("2026-07-04T10:00"), "INV-1", "CAB-25", 4));

    assertThat(back.pointsByParticipant()).containsEntry(DEALER, -42L).containsEntry(REP, -18L);
    assertThat(back.transaction()).isPresent();
    for (ReviewHold hold : approved.holds()) {
      // the points did not exist before the approval, so they cannot be taken back before it either
      assertThat(reviewed.ledger.reversalsOf(hold.resolvedBy().orElseThrow())).singleElement()
          .extracting(Transaction::effectiveAt).isEqualTo(approvedAt);
    }
    assertThat(reviewed.engine.balance(DEALER).posted()).isEqualTo(105 - 42);
    assertThat(reviewed.ledger.trialBalance().isBalanced()).isTrue();
  }

  @Test
  void theLotsLeftAfterAPartialReturnAreTheInvoicesOwnRest() {
    record(sale("INV-JUL", DEALER, Optional.empty(), at("2026-07-02T10:00"), "CAB-25", "cables", 10, "1000"));
    record(sale("INV-AUG", DEALER, Optional.empty(), at("2026-08-03T10:00"), "CAB-25", "cables", 20, "1000"));

    record(saleReturn("RET-AUG", DEALER, at("2026-08-10T10:00"), "INV-AUG", "CAB-25", 5));

    // 25% of August's 300 came back from August's lot; July's 150 untouched
    assertThat(f.ledger.lots(f.program.accounts().wallet(DEALER), false)).extracting(Lot::remaining)
        .containsExactly(150L, 225L);
  }
}
