package dev.loyalty.core.access;

import static dev.loyalty.core.access.AccessFixture.ANA;
import static dev.loyalty.core.access.AccessFixture.BOB;
import static dev.loyalty.core.access.AccessFixture.CARO;
import static dev.loyalty.core.access.AccessFixture.EVE;
import static dev.loyalty.core.access.AccessFixture.NORTH_DEALER;
import static dev.loyalty.core.access.AccessFixture.T0;
import static dev.loyalty.core.access.AccessFixture.adjustment;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Maker-checker when everyone may do what they do: the request's life and its audit entries. */
class ApprovalsTest {
  private final AccessFixture f = new AccessFixture();

  @Test
  void oneCheckerApprovesASmallRequest() {
    ApprovalRequest submitted = f.approvals.submit(ANA, adjustment("ADJ-1", 2_500)
        .withDetails(Map.of("participant", "partner:dealer-a", "direction", "credit")));
    f.clock.advance(Duration.ofMinutes(5));
    ApprovalRequest approved = f.approvals.approve(submitted.id(), BOB, "photos of the damage attached");

    assertThat(submitted.status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(submitted.requiredApprovals()).isEqualTo(1);
    assertThat(submitted.submittedAt()).isEqualTo(T0);
    assertThat(submitted.version()).isEqualTo(1);
    assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(approved.approvals()).containsExactly(new Check(BOB.id(), T0.plus(Duration.ofMinutes(5)),
        "photos of the damage attached"));
    assertThat(approved.details()).containsEntry("direction", "credit");
    assertThat(approved.version()).isEqualTo(2);
    assertThat(f.approvals.find(submitted.id())).contains(approved);

    List<AuditEntry> entries = f.entries();
    assertThat(entries).hasSize(2);
    Target target = Target.of("adjustment", "ADJ-1", NORTH_DEALER);
    Map<String, String> pending = Map.of("request", "ADJ-1", "rule", "adjustment", "maker", "ana", "status", "PENDING",
        "required", "1", "points", "2500");
    Map<String, String> done = Map.of("request", "ADJ-1", "rule", "adjustment", "maker", "ana", "status", "APPROVED",
        "required", "1", "points", "2500", "approved-by.1", "bob");
    assertThat(entries.get(0).record()).isEqualTo(AuditRecord.allowed(ANA.id(), "adjustment.submit", target,
        "goodwill for a damaged shipment", Map.of(), pending));
    assertThat(entries.get(0).at()).isEqualTo(T0);
    assertThat(entries.get(1).record()).isEqualTo(AuditRecord.allowed(BOB.id(), "adjustment.approve", target,
        "photos of the damage attached", pending, done));
    assertThat(entries.get(1).at()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    f.chainIntact();
  }

  @Test
  void aboveTheThresholdTwoDistinctCheckersMustApprove() {
    ApprovalRequest submitted = f.approvals.submit(ANA, adjustment("ADJ-2", 12_000));
    ApprovalRequest once = f.approvals.approve(submitted.id(), BOB, "checked the invoice");
    ApprovalRequest twice = f.approvals.approve(submitted.id(), CARO, "agreed");

    assertThat(submitted.requiredApprovals()).isEqualTo(2);
    assertThat(once.status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(twice.status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(twice.approvals()).extracting(Check::checker).containsExactly(BOB.id(), CARO.id());
    assertThat(f.entries()).extracting(e -> e.record().after().get("status"))
        .containsExactly("PENDING", "PENDING", "APPROVED");
    assertThat(f.entries().get(2).record().after()).containsEntry("approved-by.1", "bob")
        .containsEntry("approved-by.2", "caro").containsEntry("required", "2");
    f.chainIntact();
  }

  @Test
  void exactlyAtTheThresholdOneCheckerIsEnough() {
    f.approvals.submit(ANA, adjustment("ADJ-3", 10_000));
    assertThat(f.approvals.approve(ApprovalId.of("ADJ-3"), BOB, "ok").status()).isEqualTo(ApprovalStatus.APPROVED);
  }

  @Test
  void oneRejectionDecidesEvenAfterAnApproval() {
    f.approvals.submit(ANA, adjustment("ADJ-4", 15_000));
    f.approvals.approve(ApprovalId.of("ADJ-4"), BOB, "looks fine");
    ApprovalRequest rejected = f.approvals.reject(ApprovalId.of("ADJ-4"), CARO, "the shipment was insured");

    assertThat(rejected.status()).isEqualTo(ApprovalStatus.REJECTED);
    assertThat(rejected.rejection()).contains(new Check(CARO.id(), T0, "the shipment was insured"));
    assertThat(f.entries().get(2).record().action()).isEqualTo("adjustment.reject");
    assertThat(f.entries().get(2).record().after()).containsEntry("status", "REJECTED")
        .containsEntry("rejected-by", "caro");
  }

  @Test
  void aReviewHasNoMakerPermissionAndIsDecidedByAReviewer() {
    Actor recorder = Actor.of(ActorId.of("dms-import"));
    ApprovalSubmission review = ApprovalSubmission.of(ApprovalId.of("review:INV-9"), ApprovalRule.REVIEW,
        Target.of("activity", "INV-9", NORTH_DEALER), "amount above the review threshold").withPoints(40_000);

    f.approvals.submit(recorder, review);
    ApprovalRequest decided = f.approvals.reject(review.id(), EVE, "duplicate of INV-8");

    assertThat(decided.status()).isEqualTo(ApprovalStatus.REJECTED);
    assertThat(f.entries()).extracting(e -> e.record().action()).containsExactly("review.submit", "review.reject");
  }

  @Test
  void requestsAreListedByStatusOldestFirst() {
    for (int i = 1; i <= 5; i++) {
      f.approvals.submit(ANA, adjustment("ADJ-" + i, 100 * i));
    }
    f.approvals.approve(ApprovalId.of("ADJ-2"), BOB, "ok");
    f.approvals.reject(ApprovalId.of("ADJ-4"), BOB, "no");

    ApprovalPage first = f.approvals.list(ApprovalStatus.PENDING, Optional.empty(), 2);
    ApprovalPage second = f.approvals.list(ApprovalStatus.PENDING, first.next(), 2);

    assertThat(first.requests()).extracting(r -> r.id().value()).containsExactly("ADJ-1", "ADJ-3");
    assertThat(first.next()).contains(ApprovalId.of("ADJ-3"));
    assertThat(second.requests()).extracting(r -> r.id().value()).containsExactly("ADJ-5");
    assertThat(second.next()).isEmpty();
    assertThat(f.approvals.list(ApprovalStatus.APPROVED, Optional.empty(), 10).requests())
        .extracting(r -> r.id().value()).containsExactly("ADJ-2");
    assertThat(f.approvals.list(ApprovalStatus.REJECTED, Optional.empty(), 10).requests())
        .extracting(r -> r.id().value()).containsExactly("ADJ-4");
  }

  @Test
  void theAuditLogAnswersWhatHappenedToATargetAndWhatAnActorDid() {
    f.approvals.submit(ANA, adjustment("ADJ-1", 12_000));
    f.approvals.submit(ANA, adjustment("ADJ-2", 500));
    f.approvals.approve(ApprovalId.of("ADJ-1"), BOB, "ok");
    f.approvals.approve(ApprovalId.of("ADJ-2"), BOB, "ok");
    f.approvals.approve(ApprovalId.of("ADJ-1"), CARO, "ok");

    assertThat(f.audit.byTarget("adjustment", "ADJ-1", 0, 10).entries()).extracting(e -> e.record().actor().value())
        .containsExactly("ana", "bob", "caro");
    assertThat(f.audit.byActor(BOB.id(), 0, 10).entries()).extracting(e -> e.record().target().id())
        .containsExactly("ADJ-1", "ADJ-2");
  }
}
