package dev.loyalty.core.claims;

import static dev.loyalty.core.testing.ClaimsFixture.ANA;
import static dev.loyalty.core.testing.ClaimsFixture.CARO;
import static dev.loyalty.core.testing.ClaimsFixture.DEALER;
import static dev.loyalty.core.testing.ClaimsFixture.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.spi.ActivityJournal;
import dev.loyalty.core.spi.ClaimStore;
import dev.loyalty.core.testing.ClaimsFixture;
import dev.loyalty.core.testing.CrashingClaimStore;
import dev.loyalty.core.testing.CrashingJournal;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * A process that stops in the middle of a claim's step: the claim is stored before its activity is
 * written, and every step after is idempotent, so submitting again or {@code recover()} finishes it
 * exactly once.
 */
class ClaimsRecoveryTest {
  private static final LocalDate DAY = LocalDate.of(2026, 7, 1);

  @Test
  void aClaimStoppedBeforeItsActivityWasWrittenIsJudgedByRecovery() {
    CrashingJournal journal = CrashingJournal.crashingOnce(e -> e.activity().id().value().equals("claim:C-1"));
    ClaimsFixture f = ClaimsFixture.with(ClaimStore.inMemory(), journal);

    assertThatThrownBy(() -> f.engine.submitClaim(ANA, claim("C-1", "INV-7", DAY, 10)))
        .hasMessageContaining("process killed");
    assertThat(f.engine.claim(ClaimId.of("C-1")).orElseThrow().status()).isEqualTo(ClaimStatus.SUBMITTED);
    assertThat(f.engine.balance(DEALER).posted()).isZero();

    assertThat(f.engine.recover().claims()).containsExactly(ClaimId.of("C-1"));

    assertThat(f.engine.claim(ClaimId.of("C-1")).orElseThrow().status()).isEqualTo(ClaimStatus.PAID);
    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(150);
    assertThat(f.engine.recover().claims()).isEmpty();
    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(150);
  }

  @Test
  void aClaimStoppedAfterItsActivityPostedIsFinishedBySubmittingItAgain() {
    ClaimsFixture f = ClaimsFixture.with(CrashingClaimStore.crashingOnce(c -> c.status() == ClaimStatus.APPROVED),
        ActivityJournal.inMemory());
    ClaimSubmission submission = claim("C-1", "INV-7", DAY, 10);

    assertThatThrownBy(() -> f.engine.submitClaim(ANA, submission)).hasMessageContaining("process killed");
    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(150); // the activity was posted
    assertThat(f.engine.claim(ClaimId.of("C-1")).orElseThrow().status()).isEqualTo(ClaimStatus.SUBMITTED);

    Claim finished = f.engine.submitClaim(ANA, submission);

    assertThat(finished.status()).isEqualTo(ClaimStatus.PAID);
    assertThat(finished.points()).isEqualTo(150);
    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(150);
  }

  @Test
  void anApprovalStoppedBeforeThePaymentIsPaidByRecoveryOnce() {
    ClaimsFixture f = ClaimsFixture.with(CrashingClaimStore.crashingOnce(c -> c.status() == ClaimStatus.PAID),
        ActivityJournal.inMemory());
    Claim held = f.engine.submitClaim(ANA, claim("C-1", "INV-7", DAY, 60));

    assertThatThrownBy(() -> f.engine.approveClaim(held.id(), CARO, "ok")).hasMessageContaining("process killed");
    assertThat(f.engine.claim(held.id()).orElseThrow().status()).isEqualTo(ClaimStatus.APPROVED);

    assertThat(f.engine.recover().claims()).containsExactly(held.id());

    assertThat(f.engine.claim(held.id()).orElseThrow().status()).isEqualTo(ClaimStatus.PAID);
    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(900);
    assertThat(f.engine.balance(DEALER).pendingCredits()).isZero();
    // the audit log says the approval happened, and that it was not finished then
    assertThat(f.auditEntries()).last().satisfies(e -> {
      assertThat(e.record().action()).isEqualTo("claim.approve");
      assertThat(e.record().reason()).contains("not finished");
    });
  }

  @Test
  void aRejectionStoppedBeforeTheHoldWasReleasedIsReleasedByRecovery() {
    CrashingJournal journal = CrashingJournal.crashingOnce(e -> e.receipt().status() == Receipt.Status.REJECTED);
    ClaimsFixture f = ClaimsFixture.with(ClaimStore.inMemory(), journal);
    Claim held = f.engine.submitClaim(ANA, claim("C-1", "INV-7", DAY, 60));

    assertThatThrownBy(() -> f.engine.rejectClaim(held.id(), CARO, "no")).hasMessageContaining("process killed");
    assertThat(f.engine.claim(held.id()).orElseThrow().status()).isEqualTo(ClaimStatus.REJECTED);
    assertThat(f.engine.balance(DEALER).pendingCredits()).isEqualTo(900);

    assertThat(f.engine.recover().claims()).containsExactly(held.id());

    assertThat(f.engine.balance(DEALER).pendingCredits()).isZero();
    assertThat(f.engine.recover().claims()).isEmpty();
  }

  @Test
  void anExpiryStoppedBeforeTheHoldWasReleasedIsReleasedByRecovery() {
    CrashingJournal journal = CrashingJournal.crashingOnce(e -> e.receipt().status() == Receipt.Status.REJECTED);
    ClaimsFixture f = ClaimsFixture.with(ClaimStore.inMemory(), journal);
    Claim held = f.engine.submitClaim(ANA, claim("C-1", "INV-7", DAY, 60));
    f.clock.advance(Duration.ofDays(31));

    assertThatThrownBy(f.engine::expireClaims).hasMessageContaining("process killed");
    assertThat(f.engine.claim(held.id()).orElseThrow().status()).isEqualTo(ClaimStatus.EXPIRED);

    f.engine.recover();

    assertThat(f.engine.balance(DEALER).pendingCredits()).isZero();
    assertThat(f.engine.expireClaims()).isEmpty();
  }
}
