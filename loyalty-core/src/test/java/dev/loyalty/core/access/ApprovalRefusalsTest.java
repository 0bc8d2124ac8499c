package dev.loyalty.core.access;

import static dev.loyalty.core.access.AccessFixture.ADMIN;
import static dev.loyalty.core.access.AccessFixture.ANA;
import static dev.loyalty.core.access.AccessFixture.BOB;
import static dev.loyalty.core.access.AccessFixture.CARO;
import static dev.loyalty.core.access.AccessFixture.DAN;
import static dev.loyalty.core.access.AccessFixture.EVE;
import static dev.loyalty.core.access.AccessFixture.SOUTH_RETAILER;
import static dev.loyalty.core.access.AccessFixture.adjustment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.access.internal.RequestState;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every refusal of maker-checker: the typed exception and code, the message with the values, no
 * request changed, and exactly one REFUSED audit entry saying so, with the state it left alone.
 */
class ApprovalRefusalsTest {
  private final AccessFixture f = new AccessFixture();
  /** 2,500 points: one checker. */
  private static final ApprovalId SMALL = ApprovalId.of("ADJ-1");
  /** 30,000 points: two checkers, above bob's limit. */
  private static final ApprovalId LARGE = ApprovalId.of("ADJ-2");

  @BeforeEach
  void twoRequests() {
    f.approvals.submit(ANA, adjustment("ADJ-1", 2_500));
    f.approvals.submit(ANA, adjustment("ADJ-2", 30_000));
  }

  private record State(List<ApprovalRequest> requests, List<AuditEntry> entries) {
  }

  private State state() {
    return new State(f.requests(), f.entries());
  }

  /**
   * {@code call} throws {@code type} with {@code code} and {@code messageParts}; no request
   * changed; one REFUSED entry by {@code actor} for {@code action} on {@code target} was appended.
   */
  private void refused(ThrowingCallable call, Class<? extends AccessRefusedException> type, RefusalCode code,
      Actor actor, String action, String target, String... messageParts) {
    State before = state();
    var thrown = assertThatThrownBy(call).isInstanceOfSatisfying(type, e -> assertThat(e.code()).isEqualTo(code));
    for (String part : messageParts) {
      thrown.hasMessageContaining(part);
    }
    State after = state();
    assertThat(after.requests()).isEqualTo(before.requests());
    assertThat(after.entries()).hasSize(before.entries().size() + 1);
    assertThat(after.entries().subList(0, before.entries().size())).isEqualTo(before.entries());
    AuditRecord refusal = after.entries().get(after.entries().size() - 1).record();
    assertThat(refusal.outcome()).isEqualTo(AuditOutcome.REFUSED);
    assertThat(refusal.code()).contains(code.name());
    assertThat(refusal.actor()).isEqualTo(actor.id());
    assertThat(refusal.action()).isEqualTo(action);
    assertThat(refusal.target().toString()).isEqualTo(target);
    for (String part : messageParts) {
      assertThat(refusal.reason()).contains(part);
    }
    assertThat(refusal.after()).isEqualTo(refusal.before());
    f.requests().stream().filter(r -> r.target().toString().equals(target)).findFirst()
        .ifPresent(r -> assertThat(refusal.before()).isEqualTo(RequestState.of(r)));
    f.chainIntact();
  }

  @Test
  void theMakerApprovesItsOwnRequest() {
    refused(() -> f.approvals.approve(SMALL, ANA, "mine"), NotAuthorizedException.class,
        RefusalCode.MAKER_CANNOT_CHECK, ANA, "adjustment.approve", "adjustment:ADJ-1", "actor ana made approval request",
        "ADJ-1", "cannot approve or reject it");
  }

  @Test
  void theMakerRejectsItsOwnRequest() {
    refused(() -> f.approvals.reject(SMALL, ANA, "changed my mind"), NotAuthorizedException.class,
        RefusalCode.MAKER_CANNOT_CHECK, ANA, "adjustment.reject", "adjustment:ADJ-1", "actor ana made");
  }

  @Test
  void anAdministratorCannotCheckWhatItMade() {
    f.approvals.submit(ADMIN, adjustment("ADJ-3", 100));
    refused(() -> f.approvals.approve(ApprovalId.of("ADJ-3"), ADMIN, "mine"), NotAuthorizedException.class,
        RefusalCode.MAKER_CANNOT_CHECK, ADMIN, "adjustment.approve", "adjustment:ADJ-3", "actor admin made");
  }

  @Test
  void aCheckerWithoutThePermission() {
    refused(() -> f.approvals.approve(SMALL, EVE, "ok"), NotAuthorizedException.class, RefusalCode.NO_PERMISSION,
        EVE, "adjustment.approve", "adjustment:ADJ-1", "actor eve does not hold permission APPROVE_ADJUSTMENT");
    refused(() -> f.approvals.reject(SMALL, EVE, "no"), NotAuthorizedException.class, RefusalCode.NO_PERMISSION,
        EVE, "adjustment.reject", "adjustment:ADJ-1", "APPROVE_ADJUSTMENT");
  }

  @Test
  void aCheckerAboveItsLimit() {
    refused(() -> f.approvals.approve(LARGE, BOB, "ok"), NotAuthorizedException.class, RefusalCode.ABOVE_LIMIT,
        BOB, "adjustment.approve", "adjustment:ADJ-2", "up to 20000 points", "is for 30000 points");
    refused(() -> f.approvals.reject(LARGE, BOB, "no"), NotAuthorizedException.class, RefusalCode.ABOVE_LIMIT,
        BOB, "adjustment.reject", "adjustment:ADJ-2", "up to 20000 points");
  }

  @Test
  void aCheckerOutOfScope() {
    refused(() -> f.approvals.approve(SMALL, DAN, "ok"), NotAuthorizedException.class, RefusalCode.OUT_OF_SCOPE,
        DAN, "adjustment.approve", "adjustment:ADJ-1", "partner dealer-a", "region north",
        "outside the scope of actor dan", "regions [south]");
  }

  @Test
  void theSameCheckerTwice() {
    f.approvals.approve(LARGE, CARO, "first look");
    refused(() -> f.approvals.approve(LARGE, CARO, "again"), NotAuthorizedException.class,
        RefusalCode.ALREADY_CHECKED, CARO, "adjustment.approve", "adjustment:ADJ-2",
        "actor caro already approved approval request ADJ-2");
    refused(() -> f.approvals.reject(LARGE, CARO, "on second thoughts"), NotAuthorizedException.class,
        RefusalCode.ALREADY_CHECKED, CARO, "adjustment.reject", "adjustment:ADJ-2", "already approved");
  }

  @Test
  void afterTheRequestWasApproved() {
    f.approvals.approve(SMALL, BOB, "ok");
    refused(() -> f.approvals.approve(SMALL, CARO, "ok too"), ApprovalDecidedException.class,
        RefusalCode.ALREADY_DECIDED, CARO, "adjustment.approve", "adjustment:ADJ-1",
        "approval request ADJ-1 was already APPROVED");
    refused(() -> f.approvals.reject(SMALL, CARO, "no"), ApprovalDecidedException.class, RefusalCode.ALREADY_DECIDED,
        CARO, "adjustment.reject", "adjustment:ADJ-1", "already APPROVED");
    refused(() -> f.approvals.approve(SMALL, BOB, "ok"), ApprovalDecidedException.class, RefusalCode.ALREADY_DECIDED,
        BOB, "adjustment.approve", "adjustment:ADJ-1", "already APPROVED");
  }

  @Test
  void afterTheRequestWasRejected() {
    f.approvals.reject(LARGE, CARO, "no");
    refused(() -> f.approvals.approve(LARGE, ADMIN, "yes"), ApprovalDecidedException.class,
        RefusalCode.ALREADY_DECIDED, ADMIN, "adjustment.approve", "adjustment:ADJ-2", "already REJECTED");
    refused(() -> f.approvals.reject(LARGE, CARO, "no"), ApprovalDecidedException.class, RefusalCode.ALREADY_DECIDED,
        CARO, "adjustment.reject", "adjustment:ADJ-2", "already REJECTED");
  }

  @Test
  void anUnknownRequest() {
    refused(() -> f.approvals.approve(ApprovalId.of("ADJ-404"), BOB, "ok"), UnknownApprovalException.class,
        RefusalCode.UNKNOWN_REQUEST, BOB, "approval.approve", "approval:ADJ-404",
        "there is no approval request ADJ-404");
    refused(() -> f.approvals.reject(ApprovalId.of("ADJ-404"), BOB, "no"), UnknownApprovalException.class,
        RefusalCode.UNKNOWN_REQUEST, BOB, "approval.reject", "approval:ADJ-404", "ADJ-404");
  }

  @Test
  void aSecondSubmissionOfAnId() {
    refused(() -> f.approvals.submit(ANA, adjustment("ADJ-1", 2_500)), DuplicateApprovalException.class,
        RefusalCode.DUPLICATE_REQUEST, ANA, "adjustment.submit", "adjustment:ADJ-1",
        "approval request ADJ-1 exists already (made by ana)");
    refused(() -> f.approvals.submit(ADMIN, adjustment("ADJ-1", 9)), DuplicateApprovalException.class,
        RefusalCode.DUPLICATE_REQUEST, ADMIN, "adjustment.submit", "adjustment:ADJ-1", "made by ana");
  }

  @Test
  void aMakerWithoutThePermissionOutOfScopeOrAboveItsLimit() {
    refused(() -> f.approvals.submit(BOB, adjustment("ADJ-5", 100)), NotAuthorizedException.class,
        RefusalCode.NO_PERMISSION, BOB, "adjustment.submit", "adjustment:ADJ-5", "REQUEST_ADJUSTMENT");
    refused(() -> f.approvals.submit(ANA, adjustment("ADJ-6", 50_001)), NotAuthorizedException.class,
        RefusalCode.ABOVE_LIMIT, ANA, "adjustment.submit", "adjustment:ADJ-6", "up to 50000 points",
        "is for 50001 points");
    Actor northAdjuster = ANA.withScope(Scope.regions("north"));
    refused(() -> f.approvals.submit(northAdjuster, adjustment("ADJ-7", 100, SOUTH_RETAILER)),
        NotAuthorizedException.class, RefusalCode.OUT_OF_SCOPE, northAdjuster, "adjustment.submit",
        "adjustment:ADJ-7", "partner retailer-b", "regions [north]");
    assertThat(f.approvals.find(ApprovalId.of("ADJ-5"))).isEmpty();
    assertThat(f.audit.byTarget("adjustment", "ADJ-6", 0, 10).entries()).singleElement()
        .satisfies(e -> assertThat(e.record().before()).isEqualTo(Map.of()));
  }

  @Test
  void aBlankReasonIsAProgrammingErrorAndLeavesEvenTheLogAlone() {
    State before = state();
    assertThatThrownBy(() -> f.approvals.approve(SMALL, BOB, " ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reason of checker bob");
    assertThatThrownBy(() -> f.approvals.reject(SMALL, BOB, "")).isInstanceOf(IllegalArgumentException.class);
    assertThat(state()).isEqualTo(before);
  }
}
