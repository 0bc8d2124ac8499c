package dev.loyalty.core.claims;

import static dev.loyalty.core.testing.ClaimsFixture.ANA;
import static dev.loyalty.core.testing.ClaimsFixture.DEALER;
import static dev.loyalty.core.testing.ClaimsFixture.claim;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.access.Actor;
import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.access.AuditEntry;
import dev.loyalty.core.access.AuditOutcome;
import dev.loyalty.core.access.Roles;
import dev.loyalty.core.testing.ClaimTestRules;
import dev.loyalty.core.testing.ClaimsFixture;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Checkers deciding one claim at the same moment, on real threads: exactly one decision wins, the
 * others are refused, the points are posted (or released) once, and the audit log has one entry
 * per call. Also across two engines sharing the stores, as two application instances would.
 */
class ClaimsConcurrencyTest {
  private static final LocalDate DAY = LocalDate.of(2026, 7, 1);
  private static final int CHECKERS = 4;

  private static List<Actor> checkers() {
    List<Actor> checkers = new ArrayList<>();
    for (int i = 0; i < CHECKERS; i++) {
      checkers.add(Actor.of(ActorId.of("checker-" + i), Roles.REVIEWER));
    }
    return checkers;
  }

  /** Runs {@code calls} at once; how many returned and how many threw a {@link ClaimStateException}. */
  private static int[] race(List<Callable<Claim>> calls) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Claim>> results = new ArrayList<>();
    for (Callable<Claim> call : calls) {
      results.add(pool.submit(() -> {
        start.await();
        return call.call();
      }));
    }
    start.countDown();
    int[] outcome = new int[2];
    for (Future<Claim> r : results) {
      try {
        r.get(30, TimeUnit.SECONDS);
        outcome[0]++;
      } catch (ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(ClaimStateException.class);
        outcome[1]++;
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("a decision hung", e);
      }
    }
    pool.shutdownNow();
    return outcome;
  }

  /** The fixture each test starts from (an engine in PostgreSQL in {@code ClaimsConcurrencyOnPostgresTest}). */
  ClaimsFixture fixture() {
    return new ClaimsFixture();
  }

  @RepeatedTest(5)
  void checkersApprovingAndRejectingOneClaimAtOnce_exactlyOneWins() throws Exception {
    ClaimsFixture f = fixture();
    Claim held = f.engine.submitClaim(ANA, claim("C-1", "INV-7", DAY, 60));
    List<Callable<Claim>> calls = new ArrayList<>();
    List<Actor> checkers = checkers();
    for (int i = 0; i < CHECKERS; i++) {
      Actor checker = checkers.get(i);
      calls.add(i % 2 == 0 ? () -> f.engine.approveClaim(held.id(), checker, "ok")
          : () -> f.engine.rejectClaim(held.id(), checker, "no"));
    }

    int[] outcome = race(calls);

    assertThat(outcome[0]).isEqualTo(1);
    assertThat(outcome[1]).isEqualTo(CHECKERS - 1);
    Claim decided = f.engine.claim(held.id()).orElseThrow();
    long posted = f.engine.balance(DEALER).posted();
    assertThat(posted).isEqualTo(decided.status() == ClaimStatus.PAID ? 900 : 0);
    assertThat(f.engine.balance(DEALER).pendingCredits()).isZero();
    assertThat(f.ledger.trialBalance().isBalanced()).isTrue();
    List<AuditEntry> decisions = f.auditEntries().subList(1, f.auditEntries().size());
    assertThat(decisions).hasSize(CHECKERS);
    assertThat(decisions).filteredOn(e -> e.record().outcome() == AuditOutcome.ALLOWED).hasSize(1);
    assertThat(f.engine.audit().verify().intact()).isTrue();
  }

  @Test
  void twoEnginesOnTheSameStores_oneApprovalWins() throws Exception {
    ClaimsFixture f = fixture();
    LoyaltyEngine other = f.builder(new ClaimTestRules()).build();
    Claim held = f.engine.submitClaim(ANA, claim("C-1", "INV-7", DAY, 60));
    List<Actor> checkers = checkers();
    List<Callable<Claim>> calls = new ArrayList<>();
    for (int i = 0; i < CHECKERS; i++) {
      LoyaltyEngine engine = i % 2 == 0 ? f.engine : other;
      Actor checker = checkers.get(i);
      calls.add(() -> engine.approveClaim(held.id(), checker, "ok"));
    }

    int[] outcome = race(calls);

    assertThat(outcome[0]).isEqualTo(1);
    assertThat(f.engine.claim(held.id()).orElseThrow().status()).isEqualTo(ClaimStatus.PAID);
    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(900);
    assertThat(f.engine.audit().verify().intact()).isTrue();
  }

  @RepeatedTest(3)
  void duplicateClaimsFromManyThreads_oneOfEachInvoiceIsPaid() throws Exception {
    ClaimsFixture f = fixture();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Claim>> submitted = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ClaimSubmission s = claim("C-" + i, "INV-" + (i % 20), DAY, 1 + i % 3);
      submitted.add(pool.submit(() -> f.engine.submitClaim(ANA, s)));
    }
    long paidPoints = 0;
    int blocked = 0;
    for (Future<Claim> c : submitted) {
      Claim claim = c.get(30, TimeUnit.SECONDS);
      if (claim.status() == ClaimStatus.PAID) {
        paidPoints += claim.points();
      } else {
        assertThat(claim.status()).isEqualTo(ClaimStatus.BLOCKED);
        blocked++;
      }
    }
    pool.shutdownNow();
    // one claim of each of the 20 invoices is paid; the other of each pair is a duplicate
    assertThat(blocked).isEqualTo(20);
    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(paidPoints);
    assertThat(f.auditEntries()).hasSize(40);
  }
}
