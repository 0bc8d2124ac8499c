package dev.loyalty.core.claims;

import static dev.loyalty.core.testing.ClaimsFixture.ADA;
import static dev.loyalty.core.testing.ClaimsFixture.ALI;
import static dev.loyalty.core.testing.ClaimsFixture.AMY;
import static dev.loyalty.core.testing.ClaimsFixture.ANA;
import static dev.loyalty.core.testing.ClaimsFixture.DEALER;
import static dev.loyalty.core.testing.ClaimsFixture.REP;
import static dev.loyalty.core.testing.ClaimsFixture.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.access.ApprovalId;
import dev.loyalty.core.access.ApprovalStatus;
import dev.loyalty.core.access.Approvals;
import dev.loyalty.core.access.AuditOutcome;
import dev.loyalty.core.access.Authorizer;
import dev.loyalty.core.adjustments.Adjustment;
import dev.loyalty.core.adjustments.AdjustmentRequest;
import dev.loyalty.core.adjustments.InsufficientPointsException;
import dev.loyalty.core.testing.ClaimTestRules;
import dev.loyalty.core.testing.ClaimsFixture;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransferRequest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Manual adjustments: asked for, approved by one or two others, posted with the approvals in the ledger. */
class AdjustmentsTest {
  final ClaimsFixture f = fixture();

  /** The fixture each test starts from (an engine in PostgreSQL in {@code AdjustmentsOnPostgresTest}). */
  ClaimsFixture fixture() {
    return new ClaimsFixture();
  }

  @Test
  void aCreditApprovedByAnotherIsPostedWithItsApprovalsInTheTransaction() {
    Adjustment asked = f.engine.requestAdjustment(ADA, AdjustmentRequest.credit("ADJ-1", REP, 500,
        "points of invoice 4411 the DMS never sent"));
    assertThat(asked.status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(f.engine.balance(REP).posted()).isZero();

    Adjustment approved = f.engine.approveAdjustment(ApprovalId.of("ADJ-1"), AMY, "checked the invoice");

    assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(approved.posted()).isTrue();
    assertThat(f.engine.balance(REP).posted()).isEqualTo(500);
    Transaction tx = f.ledger.findTransaction(approved.transaction().orElseThrow()).orElseThrow();
    assertThat(tx.metadata()).containsEntry("adjustment", "ADJ-1").containsEntry("maker", "ada")
        .containsEntry("approved-by.1", "amy").containsEntry("direction", "credit")
        .containsEntry("participant", "member:" + REP.value())
        .containsEntry("reason", "points of invoice 4411 the DMS never sent");
    assertThat(tx.reason()).isEqualTo("adjustment");
    // booked against the program's adjustments account, and the credit is a lot with the program's expiry
    assertThat(f.ledger.balance(f.program.accounts().adjustments()).posted()).isEqualTo(-500);
    assertThat(f.ledger.lots(f.program.accounts().wallet(REP), false)).extracting(Lot::expiresAt)
        .allSatisfy(e -> assertThat(e).isPresent());
    assertThat(f.auditEntries()).extracting(e -> e.record().action(), e -> e.record().outcome())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("adjustment.submit", AuditOutcome.ALLOWED),
            org.assertj.core.groups.Tuple.tuple("adjustment.approve", AuditOutcome.ALLOWED));
  }

  @Test
  void aDebitTakesPointsBack() {
    f.engine.submitClaim(ANA, claim("C-1", "INV-7", LocalDate.of(2026, 7, 1), 10));
    long before = f.engine.balance(DEALER).posted();
    f.engine.requestAdjustment(ADA, AdjustmentRequest.debit("ADJ-1", DEALER, 40, "double-counted units"));

    f.engine.approveAdjustment(ApprovalId.of("ADJ-1"), AMY, "agreed with the dealer");

    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(before - 40);
    assertThat(f.ledger.balance(f.program.accounts().adjustments()).posted()).isEqualTo(40);
  }

  @Test
  void aDebitTheWalletNoLongerCoversIsRefusedAtTheApprovalThatWouldPostIt() {
    f.engine.submitClaim(ANA, claim("C-1", "INV-7", LocalDate.of(2026, 7, 1), 10)); // 150 points
    f.engine.requestAdjustment(ADA, AdjustmentRequest.debit("ADJ-1", DEALER, 150, "correction"));
    f.engine.requestAdjustment(ADA, AdjustmentRequest.debit("ADJ-2", DEALER, 100, "another correction"));
    f.engine.approveAdjustment(ApprovalId.of("ADJ-1"), AMY, "ok");

    assertThatThrownBy(() -> f.engine.approveAdjustment(ApprovalId.of("ADJ-2"), AMY, "ok"))
        .isInstanceOf(InsufficientPointsException.class).hasMessageContaining("0 available");
    assertThat(f.engine.adjustment(ApprovalId.of("ADJ-2")).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(f.engine.balance(DEALER).posted()).isZero();
  }

  @Test
  void aboveTheProgramsThresholdTwoDistinctApproversAreNeeded() {
    ClaimsFixture two = new ClaimsFixture(ClaimsFixture.T0, ClaimsFixture.defaultProgram().withTrust(
        ClaimsFixture.defaultProgram().trust().withAdjustmentSecondApproverAbove(10_000)), new ClaimTestRules());
    two.engine.requestAdjustment(ADA, AdjustmentRequest.credit("SMALL", DEALER, 10_000, "goodwill"));
    two.engine.requestAdjustment(ADA, AdjustmentRequest.credit("BIG", DEALER, 15_000, "goodwill"));

    assertThat(two.engine.approveAdjustment(ApprovalId.of("SMALL"), AMY, "ok").posted()).isTrue();
    Adjustment first = two.engine.approveAdjustment(ApprovalId.of("BIG"), AMY, "ok");
    assertThat(first.status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(first.posted()).isFalse();
    assertThat(two.engine.balance(DEALER).posted()).isEqualTo(10_000);

    Adjustment second = two.engine.approveAdjustment(ApprovalId.of("BIG"), ALI, "ok too");

    assertThat(second.posted()).isTrue();
    assertThat(two.engine.balance(DEALER).posted()).isEqualTo(25_000);
    assertThat(two.ledger.findTransaction(second.transaction().orElseThrow()).orElseThrow().metadata())
        .containsEntry("approved-by.1", "amy").containsEntry("approved-by.2", "ali");
  }

  @Test
  void aRejectedAdjustmentPostsNothing() {
    f.engine.requestAdjustment(ADA, AdjustmentRequest.credit("ADJ-1", DEALER, 500, "goodwill"));

    Adjustment rejected = f.engine.rejectAdjustment(ApprovalId.of("ADJ-1"), AMY, "no reason for goodwill");

    assertThat(rejected.status()).isEqualTo(ApprovalStatus.REJECTED);
    assertThat(f.engine.balance(DEALER).posted()).isZero();
    assertThat(f.ledger.trialBalance().isBalanced()).isTrue();
  }

  @Test
  void anApprovedAdjustmentACrashLeftUnpostedIsPostedByRecoveryOnce() {
    f.engine.requestAdjustment(ADA, AdjustmentRequest.credit("ADJ-1", DEALER, 500, "goodwill"));
    // Another process approved it through the shared approval store and stopped before posting.
    Approvals.using(f.approvals, f.engine.audit(),
        Authorizer.standard(), f.clock).approve(ApprovalId.of("ADJ-1"), AMY, "ok");
    assertThat(f.engine.balance(DEALER).posted()).isZero();
    Adjustment stopped = f.engine.adjustment(ApprovalId.of("ADJ-1")).orElseThrow();
    assertThat(stopped.status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(stopped.posted()).isFalse();
    assertThat(stopped.refusal()).isEmpty();

    assertThat(f.engine.recover().adjustments()).containsExactly(ApprovalId.of("ADJ-1"));
    assertThat(f.engine.recover().adjustments()).containsExactly(ApprovalId.of("ADJ-1")); // replayed, not again

    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(500);
    assertThat(f.engine.adjustment(ApprovalId.of("ADJ-1")).orElseThrow().posted()).isTrue();
  }

  @Test
  void anAdjustmentAsItStandsSaysWhatTheLedgerDidWhoeverPostedIt() {
    f.engine.submitClaim(ANA, claim("C-1", "INV-7", LocalDate.of(2026, 7, 1), 10)); // 150 points
    f.engine.requestAdjustment(ADA, AdjustmentRequest.credit("ADJ-1", DEALER, 500, "goodwill"));
    assertThat(f.engine.adjustment(ApprovalId.of("ADJ-1")).orElseThrow().posted()).isFalse();
    Adjustment approved = f.engine.approveAdjustment(ApprovalId.of("ADJ-1"), AMY, "ok");

    assertThat(f.engine.adjustment(ApprovalId.of("ADJ-1"))).contains(approved);
    assertThat(approved.transaction()).isPresent();

    // A debit approved on another instance, whose posting the ledger refused (the points were spent
    // between the check and the posting): this instance reads the same refusal.
    f.engine.requestAdjustment(ADA, AdjustmentRequest.debit("ADJ-2", DEALER, 650, "correction"));
    f.ledger.transfer(TransferRequest.of(IdempotencyKey.of("spent-elsewhere"),
        "redeem", Entry.debit(f.program.accounts().wallet(DEALER), 100),
        Entry.credit(f.program.accounts().adjustments(), 100)));
    Approvals.using(f.approvals, f.engine.audit(), Authorizer.standard(),
        f.clock).approve(ApprovalId.of("ADJ-2"), AMY, "ok");
    long before = f.engine.balance(DEALER).posted();
    f.engine.recover();
    Adjustment refused = f.engine.adjustment(ApprovalId.of("ADJ-2")).orElseThrow();
    assertThat(refused.status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(refused.posted()).isFalse();
    assertThat(refused.refusal()).hasValueSatisfying(r -> assertThat(r).contains("550"));
    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(before);
  }

  @Test
  void aCreditExpiresAsIfEarnedTheDayItWasPosted() {
    f.engine.requestAdjustment(ADA, AdjustmentRequest.credit("ADJ-1", DEALER, 500, "goodwill"));
    f.engine.approveAdjustment(ApprovalId.of("ADJ-1"), AMY, "ok");
    // after-months 12: valid through the end of the 12th month after July 2026
    assertThat(f.ledger.lots(f.program.accounts().wallet(DEALER), false)).singleElement()
        .satisfies(lot -> assertThat(lot.expiresAt()).contains(LocalDateTime.parse("2027-08-01T00:00")
            .atZone(f.program.zone()).toInstant()));
  }
}
