package dev.loyalty.core.claims;

import static dev.loyalty.core.testing.ClaimsFixture.ANA;
import static dev.loyalty.core.testing.ClaimsFixture.CARO;
import static dev.loyalty.core.testing.ClaimsFixture.DEALER;
import static dev.loyalty.core.testing.ClaimsFixture.claim;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.access.AuditEntry;
import dev.loyalty.core.access.AuditOutcome;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.testing.ClaimsFixture;
import dev.loyalty.ledger.Balance;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A claim's way through its states: paid at once, held and decided, asked about, resubmitted, expired. */
class ClaimsLifecycleTest {
  private static final LocalDate DAY = LocalDate.of(2026, 7, 1);

  final ClaimsFixture f = fixture();

  /** The fixture each test starts from (an engine in PostgreSQL in {@code ClaimsLifecycleOnPostgresTest}). */
  ClaimsFixture fixture() {
    return new ClaimsFixture();
  }

  @Test
  void aClaimTheRecordsConfirmIsValidatedAndPaidAtOnceThroughTheEngine() {
    ClaimSubmission submission = claim("C-1", "INV-7", DAY, 10, "SN-1", "SN-2");
    f.recordInvoiceOf(submission);

    Claim claim = f.engine.submitClaim(ANA, submission);

    assertThat(claim.status()).isEqualTo(ClaimStatus.PAID);
    assertThat(claim.history()).extracting(ClaimTransition::to).containsExactly(ClaimStatus.SUBMITTED,
        ClaimStatus.VALIDATED, ClaimStatus.APPROVED, ClaimStatus.PAID);
    assertThat(claim.records().matched()).isTrue();
    assertThat(claim.points()).isEqualTo(150); // 100 base points and the campaign's 50% bonus
    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(150);
    // The claim became a sale of the engine, dated on its invoice day, explained like any other.
    Receipt receipt = f.engine.receipt(claim.activity()).orElseThrow();
    assertThat(claim.activity().value()).isEqualTo("claim:C-1");
    assertThat(f.journal.find(claim.activity()).orElseThrow().activity()).isInstanceOf(Sale.class);
    assertThat(receipt.status()).isEqualTo(Receipt.Status.RECORDED);
    assertThat(receipt.explanation()).anyMatch(line -> line.startsWith("100 points to partner dealer-a"));
    assertThat(f.engine.figures(DEALER).monthSales().amount()).isEqualByComparingTo("10000");
    // Its serial numbers are registered as claimed, by whom.
    assertThat(f.invoices.claimsOf("SN1")).singleElement().satisfies(s -> {
      assertThat(s.claim()).isEqualTo(ClaimId.of("C-1"));
      assertThat(s.claimant()).isEqualTo(ANA.id());
    });
    assertThat(claim.explanation()).first().asString().contains("Claim C-1 by ana for partner dealer-a")
        .contains("paid, 150 points");
    // One audit entry for the one action.
    assertThat(f.auditEntries()).singleElement().satisfies(e -> {
      assertThat(e.record().action()).isEqualTo("claim.submit");
      assertThat(e.record().outcome()).isEqualTo(AuditOutcome.ALLOWED);
      assertThat(e.record().after()).containsEntry("status", "PAID").containsEntry("points", "150");
    });
  }

  @Test
  void aClaimTheRecordsDoNotKnowIsJudgedWithoutValidation() {
    Claim claim = f.engine.submitClaim(ANA, claim("C-1", "INV-7", DAY, 10));

    assertThat(claim.records().match()).isEqualTo(InvoiceMatch.NOT_FOUND);
    assertThat(claim.history()).extracting(ClaimTransition::to).containsExactly(ClaimStatus.SUBMITTED,
        ClaimStatus.APPROVED, ClaimStatus.PAID);
  }

  @Test
  void aClaimInReviewHoldsItsPointsAsAPendingCreditUntilApproved() {
    Claim held = f.engine.submitClaim(ANA, claim("C-1", "INV-7", DAY, 60));

    assertThat(held.status()).isEqualTo(ClaimStatus.IN_REVIEW);
    assertThat(held.riskFlags()).extracting(f -> f.code()).containsExactly("large-claim");
    assertThat(held.points()).isEqualTo(900);
    Balance balance = f.engine.balance(DEALER);
    assertThat(balance.posted()).isZero();
    assertThat(balance.pendingCredits()).isEqualTo(900);
    assertThat(balance.available()).isZero();
    assertThat(held.deadline()).isEqualTo(held.submittedAt().plus(Duration.ofDays(30)));
    assertThat(f.events).anyMatch(e -> e instanceof LoyaltyEvent.ClaimNeedsReview r
        && r.activity().equals(held.activity()));

    Claim paid = f.engine.approveClaim(held.id(), CARO, "invoice checked with the distributor");

    assertThat(paid.status()).isEqualTo(ClaimStatus.PAID);
    assertThat(paid.history()).extracting(ClaimTransition::to).endsWith(ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED,
        ClaimStatus.PAID);
    assertThat(paid.history().get(paid.history().size() - 2).actor()).isEqualTo(CARO.id());
    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(900);
    assertThat(f.engine.balance(DEALER).pendingCredits()).isZero();
    assertThat(f.auditEntries()).extracting(e -> e.record().action()).containsExactly("claim.submit", "claim.approve");
    AuditEntry approval = f.auditEntries().get(1);
    assertThat(approval.record().before()).containsEntry("status", "IN_REVIEW");
    assertThat(approval.record().after()).containsEntry("status", "PAID");
    assertThat(approval.record().reason()).isEqualTo("invoice checked with the distributor");
  }

  @Test
  void aRejectedClaimReleasesItsHold() {
    Claim held = f.engine.submitClaim(ANA, claim("C-1", "INV-7", DAY, 60));

    Claim rejected = f.engine.rejectClaim(held.id(), CARO, "no such sale at the customer");

    assertThat(rejected.status()).isEqualTo(ClaimStatus.REJECTED);
    assertThat(f.engine.balance(DEALER)).isEqualTo(new Balance(f.program.accounts().wallet(DEALER), 0, 0, 0));
    assertThat(f.engine.receipt(held.activity()).orElseThrow().status()).isEqualTo(Receipt.Status.REJECTED);
    // the campaign's reservation is back in its budget
    assertThat(f.ledger.balance(f.program.accounts().budget(f.program.campaigns().get(0).id())).available())
        .isEqualTo(300);
  }

  @Test
  void aDuplicateIsBlockedAndPostsNothing() {
    f.engine.submitClaim(ANA, claim("C-1", "INV-7", DAY, 10));
    long before = f.engine.balance(DEALER).posted();

    Claim blocked = f.engine.submitClaim(ANA, claim("C-2", "inv 7", DAY, 10));

    assertThat(blocked.status()).isEqualTo(ClaimStatus.BLOCKED);
    assertThat(blocked.lastReason()).contains("Claimed before: claim C-1 of partner dealer-a by ana (PAID)");
    assertThat(blocked.riskScore()).isEqualTo(100);
    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(before);
    assertThat(f.engine.balance(DEALER).pendingCredits()).isZero();
    assertThat(f.engine.receipt(blocked.activity()).orElseThrow().status()).isEqualTo(Receipt.Status.BLOCKED);
  }

  @Test
  void moreInformationThenAResubmissionJudgesTheNewRevisionAndReleasesTheOldHold() {
    Claim held = f.engine.submitClaim(ANA, claim("C-1", "INV-7", DAY, 60));
    Claim asked = f.engine.requestClaimInformation(held.id(), CARO, "attach the delivery note");
    assertThat(asked.status()).isEqualTo(ClaimStatus.MORE_INFO_REQUESTED);
    assertThat(f.engine.balance(DEALER).pendingCredits()).isEqualTo(900); // still held

    ClaimSubmission revised = claim("C-1", "INV-7", DAY, 40).withProof(Proof.of("DOC-C-1-DELIVERY"));
    f.recordInvoiceOf(revised);
    Claim resubmitted = f.engine.resubmitClaim(ANA, revised, "delivery note attached; 40 units, not 60");

    assertThat(resubmitted.revision()).isEqualTo(2);
    assertThat(resubmitted.activity().value()).isEqualTo("claim:C-1/2");
    assertThat(resubmitted.status()).isEqualTo(ClaimStatus.PAID);
    assertThat(resubmitted.submittedAt()).isEqualTo(held.submittedAt());
    assertThat(resubmitted.history()).extracting(ClaimTransition::to).containsSubsequence(ClaimStatus.IN_REVIEW,
        ClaimStatus.MORE_INFO_REQUESTED, ClaimStatus.SUBMITTED, ClaimStatus.VALIDATED, ClaimStatus.PAID);
    assertThat(f.engine.receipt(held.activity()).orElseThrow().status()).isEqualTo(Receipt.Status.REJECTED);
    assertThat(f.engine.balance(DEALER).pendingCredits()).isZero();
    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(resubmitted.points()).isEqualTo(600);
    assertThat(f.auditEntries()).extracting(e -> e.record().action())
        .containsExactly("claim.submit", "claim.request-info", "claim.resubmit");
  }

  @Test
  void aClaimStillWaitingAtItsDeadlineExpiresAtTheSweepAndReleasesItsHold() {
    Claim held = f.engine.submitClaim(ANA, claim("C-1", "INV-7", DAY, 60));
    f.clock.advance(Duration.ofDays(29));
    assertThat(f.engine.expireClaims()).isEmpty();

    f.clock.advance(Duration.ofDays(1));
    List<Claim> expired = f.engine.expireClaims();

    assertThat(expired).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(held.id());
      assertThat(c.status()).isEqualTo(ClaimStatus.EXPIRED);
      assertThat(c.lastReason()).contains("deadline");
    });
    assertThat(f.engine.balance(DEALER).pendingCredits()).isZero();
    assertThat(f.engine.expireClaims()).isEmpty(); // once
    assertThat(f.auditEntries()).extracting(e -> e.record().actor().value(), e -> e.record().action())
        .last().isEqualTo(org.assertj.core.groups.Tuple.tuple("system:claims", "claim.expire"));
  }

  @Test
  void submittingTheSameClaimAgainReturnsItAsItStands() {
    ClaimSubmission submission = claim("C-1", "INV-7", DAY, 10);
    Claim first = f.engine.submitClaim(ANA, submission);
    long posted = f.engine.balance(DEALER).posted();

    Claim again = f.engine.submitClaim(ANA, submission);

    assertThat(again).isEqualTo(first);
    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(posted);
    assertThat(f.auditEntries()).hasSize(2).last().satisfies(e -> {
      assertThat(e.record().outcome()).isEqualTo(AuditOutcome.ALLOWED);
      assertThat(e.record().before()).isEqualTo(e.record().after());
    });
  }

  @Test
  void aReturnOfAClaimedSaleTakesItsPointsBackLikeAnySales() {
    Claim paid = f.engine.submitClaim(ANA, claim("C-1", "INV-7", DAY, 10));

    Receipt returned = f.engine.record(dev.loyalty.core.testing.ChannelFixture.saleReturn("RET-1", DEALER,
        ClaimsFixture.T0, paid.activity().value(), "CAB-25", 10));

    assertThat(returned.status()).isEqualTo(Receipt.Status.RETURNED);
    assertThat(returned.totalPoints()).isEqualTo(-150);
    assertThat(f.engine.balance(DEALER).posted()).isZero();
  }
}
