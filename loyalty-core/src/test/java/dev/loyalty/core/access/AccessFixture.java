package dev.loyalty.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.spi.ApprovalStore;
import dev.loyalty.core.spi.AuditStore;
import dev.loyalty.core.spi.AuditStoreContract;
import dev.loyalty.ledger.spi.TestClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small program's people and partners for the access tests: a maker, checkers with limits and
 * scopes, someone without the permission, and approvals and an audit log in memory on a test clock.
 */
final class AccessFixture {
  static final Instant T0 = Instant.parse("2026-07-01T09:00:00Z");

  static final PartnerTraits NORTH_DEALER = new PartnerTraits(PartnerId.of("dealer-a"), PartnerType.DEALER, "north",
      "IN");
  static final PartnerTraits SOUTH_RETAILER = new PartnerTraits(PartnerId.of("retailer-b"), PartnerType.RETAILER,
      "south", "IN");

  /** The maker: requests adjustments up to 50,000 points anywhere. */
  static final Actor ANA = Actor.of(ActorId.of("ana"), Roles.ADJUSTER)
      .withLimit(Permission.REQUEST_ADJUSTMENT, 50_000);
  /** A checker up to 20,000 points, anywhere. */
  static final Actor BOB = Actor.of(ActorId.of("bob"), Roles.APPROVER)
      .withLimit(Permission.APPROVE_ADJUSTMENT, 20_000);
  /** A checker without a limit, anywhere. */
  static final Actor CARO = Actor.of(ActorId.of("caro"), Roles.APPROVER);
  /** A checker without a limit, for the south region only. */
  static final Actor DAN = Actor.of(ActorId.of("dan"), Roles.APPROVER).withScope(Scope.regions("south"));
  /** A reviewer: decides claims and reviews, not adjustments. */
  static final Actor EVE = Actor.of(ActorId.of("eve"), Roles.REVIEWER);
  /** Holds every permission; both maker and checker, never of the same request. */
  static final Actor ADMIN = Actor.of(ActorId.of("admin"), Roles.ADMINISTRATOR);

  /** Adjustments above 10,000 points need two checkers. */
  static final ApprovalRule ADJUSTMENTS = ApprovalRule.ADJUSTMENT.withSecondCheckerAbove(10_000);

  final TestClock clock = new TestClock(T0);
  final AuditStore auditStore = AuditStore.inMemory();
  final AuditLog audit = AuditLog.using(auditStore, clock);
  final ApprovalStore store = ApprovalStore.inMemory();
  final Approvals approvals = Approvals.using(store, audit, Authorizer.standard(), clock);

  /** An adjustment of {@code points} for the north dealer. */
  static ApprovalSubmission adjustment(String id, long points) {
    return adjustment(id, points, NORTH_DEALER);
  }

  /** An adjustment of {@code points} for {@code partner}. */
  static ApprovalSubmission adjustment(String id, long points, PartnerTraits partner) {
    return ApprovalSubmission.of(ApprovalId.of(id), ADJUSTMENTS, Target.of("adjustment", id, partner),
        "goodwill for a damaged shipment").withPoints(points);
  }

  /** Every entry of the audit log. */
  List<AuditEntry> entries() {
    return AuditStoreContract.everyEntry(audit);
  }

  /** Every request in the store, by status, oldest first. */
  List<ApprovalRequest> requests() {
    List<ApprovalRequest> all = new ArrayList<>();
    for (ApprovalStatus status : ApprovalStatus.values()) {
      Optional<ApprovalId> after = Optional.empty();
      do {
        ApprovalPage page = approvals.list(status, after, AuditLog.MAX_PAGE);
        all.addAll(page.requests());
        after = page.next();
      } while (after.isPresent());
    }
    return all;
  }

  /** The audit log verifies. */
  void chainIntact() {
    AuditVerification v = audit.verify();
    assertThat(v.intact()).as(v.detail()).isTrue();
  }
}
