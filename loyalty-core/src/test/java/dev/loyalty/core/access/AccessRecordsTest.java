package dev.loyalty.core.access;

import static dev.loyalty.core.access.AccessFixture.ADJUSTMENTS;
import static dev.loyalty.core.access.AccessFixture.NORTH_DEALER;
import static dev.loyalty.core.access.AccessFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The values of the access API refuse what they cannot mean, with the value in the message. */
class AccessRecordsTest {

  private static void refused(Runnable build, String... messageParts) {
    var thrown = assertThatThrownBy(build::run).isInstanceOf(IllegalArgumentException.class);
    for (String part : messageParts) {
      thrown.hasMessageContaining(part);
    }
  }

  @Test
  void ids() {
    assertThat(ActorId.of("ana@example.com").value()).isEqualTo("ana@example.com");
    refused(() -> ActorId.of(" ana"), "actor id", "leading or trailing spaces");
    refused(() -> ActorId.of(""), "actor id", "blank");
    refused(() -> ActorId.of("x".repeat(101)), "actor id", "100");
    refused(() -> ApprovalId.of("ADJ-1 "), "approval id");
    assertThatThrownBy(() -> ActorId.of(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void actorLimits() {
    Actor bob = Actor.of(ActorId.of("bob"), Roles.APPROVER);
    assertThat(bob.withLimit(Permission.APPROVE_ADJUSTMENT, 0).limit(Permission.APPROVE_ADJUSTMENT)).hasValue(0);
    assertThat(bob.limit(Permission.APPROVE_ADJUSTMENT)).isEmpty();
    refused(() -> bob.withLimit(Permission.APPROVE_ADJUSTMENT, -1), "bob", "APPROVE_ADJUSTMENT", "negative", "-1");
    refused(() -> bob.withLimit(Permission.DECIDE_CLAIM, 10), "bob", "limit for DECIDE_CLAIM", "does not hold it");
    refused(() -> Actor.of(ActorId.of("pm"), Roles.PROGRAM_MANAGER).withLimit(Permission.CHANGE_PROGRAM, 10),
        "pm", "CHANGE_PROGRAM takes no limit");
    assertThat(Actor.of(ActorId.of("x")).permissions()).isEmpty();
  }

  @Test
  void rolesByName() {
    Roles defaults = Roles.defaults();
    assertThat(defaults.all()).extracting(Role::name).containsExactly("claimant", "partner-admin", "reviewer",
        "adjuster", "approver", "program-manager", "fulfilment", "administrator");
    assertThat(defaults.find("administrator").orElseThrow().permissions()).isEqualTo(EnumSet.allOf(Permission.class));
    assertThat(defaults.named(List.of("reviewer", "approver", "reviewer")))
        .containsExactly(Roles.REVIEWER, Roles.APPROVER);
    refused(() -> defaults.named("reviewer", "domain-users", "wheel"), "unknown roles [domain-users, wheel]",
        "known are [claimant");

    Role auditor = Role.of("auditor");
    Roles ours = defaults.with(auditor).with(Role.of("reviewer", Permission.DECIDE_REVIEW));
    assertThat(ours.find("auditor")).contains(auditor);
    assertThat(ours.find("reviewer").orElseThrow().permissions()).containsExactly(Permission.DECIDE_REVIEW);
    assertThat(defaults.find("reviewer")).contains(Roles.REVIEWER);
    refused(() -> Roles.of(Roles.CLAIMANT, Role.of("claimant")), "role claimant is defined twice");
    refused(() -> Role.of("Reviewer"), "role 'Reviewer'");
  }

  @Test
  void scopes() {
    assertThat(Scope.ALL.isAll()).isTrue();
    assertThat(Scope.ALL).hasToString("all");
    assertThat(Scope.regions("south", "north").withPartnerTypes(Set.of(PartnerType.DEALER)))
        .hasToString("regions [north, south] and partner types [dealer]");
    assertThat(Scope.partners(PartnerId.of("p-2"), PartnerId.of("p-1"))).hasToString("partners [p-1, p-2]");
    refused(() -> Scope.regions("North"), "region in a scope 'North'");
    refused(() -> Scope.countries("in"), "country in a scope", "'in'");
    assertThatThrownBy(() -> Scope.regions(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void targets() {
    assertThat(Target.of("claim", "C-1", NORTH_DEALER)).hasToString("claim:C-1");
    refused(() -> Target.of("Claim", "C-1"), "target kind");
    refused(() -> Target.of("claim", " C-1"), "target id");
    refused(() -> new PartnerTraits(PartnerId.of("p"), PartnerType.DEALER, "north", "India"), "country of partner p",
        "'India'");
  }

  @Test
  void rules() {
    assertThat(ADJUSTMENTS.checkersFor(OptionalLong.of(10_000))).isEqualTo(1);
    assertThat(ADJUSTMENTS.checkersFor(OptionalLong.of(10_001))).isEqualTo(2);
    assertThat(ADJUSTMENTS.checkersFor(OptionalLong.empty())).isEqualTo(1);
    assertThat(ApprovalRule.ADJUSTMENT.checkersFor(OptionalLong.of(Long.MAX_VALUE))).isEqualTo(1);
    assertThat(ApprovalRule.REVIEW.maker()).isEmpty();
    refused(() -> ApprovalRule.ADJUSTMENT.withSecondCheckerAbove(-1), "adjustment", "negative", "-1");
    refused(() -> ApprovalRule.of("Big Adjustment", Permission.REQUEST_ADJUSTMENT, Permission.APPROVE_ADJUSTMENT),
        "approval rule");
  }

  @Test
  void submissions() {
    ApprovalSubmission s = AccessFixture.adjustment("ADJ-1", 100);
    refused(() -> s.withPoints(0), "ADJ-1", "points must be positive, got 0");
    refused(() -> s.withDetails(Map.of("note", "x".repeat(2_001))), "details of approval request ADJ-1[note]", "2000");
    refused(() -> s.withDetails(Map.of(" ", "x")), "a key of details");
    refused(() -> ApprovalSubmission.of(s.id(), s.rule(), s.target(), " "), "reason of approval request ADJ-1",
        "blank");
  }

  @Test
  void aRequestCannotHoldAStateMakerCheckerForbids() {
    ApprovalRequest single = ApprovalRequest.submitted(AccessFixture.adjustment("ADJ-1", 100), ActorId.of("ana"), T0);
    ApprovalRequest dual = ApprovalRequest.submitted(AccessFixture.adjustment("ADJ-2", 50_000), ActorId.of("ana"), T0);
    Check byAna = new Check(ActorId.of("ana"), T0, "mine");
    Check byBob = new Check(ActorId.of("bob"), T0, "ok");
    Check byCaro = new Check(ActorId.of("caro"), T0, "ok");

    refused(() -> single.withApproval(byAna), "ADJ-1", "maker ana cannot check it");
    refused(() -> single.withRejection(byAna), "ADJ-1", "maker ana cannot check it");
    refused(() -> dual.withApproval(byBob).withApproval(byBob), "ADJ-2", "checker bob checked twice");
    refused(() -> dual.withApproval(byBob).withRejection(byBob), "ADJ-2", "checker bob checked twice");
    refused(() -> new ApprovalRequest(single.id(), single.rule(), single.maker(), single.target(), single.points(),
        single.reason(), single.details(), T0, List.of(byBob, byCaro), Optional.empty(), 3), "needs 1 approvals, has 2");
    refused(() -> new ApprovalRequest(single.id(), single.rule(), single.maker(), single.target(), single.points(),
        single.reason(), single.details(), T0, List.of(byBob), Optional.of(byCaro), 3), "approved and cannot be rejected");
    refused(() -> new ApprovalRequest(single.id(), single.rule(), single.maker(), single.target(), single.points(),
        single.reason(), single.details(), T0, List.of(byBob), Optional.empty(), 1), "must be version 2, got 1");
    assertThatThrownBy(() -> single.withApproval(byBob).withApproval(byCaro)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ADJ-1 is APPROVED");
    assertThat(dual.withApproval(byBob).withRejection(byCaro).status()).isEqualTo(ApprovalStatus.REJECTED);
  }

  @Test
  void auditRecords() {
    Target target = Target.of("claim", "C-1", NORTH_DEALER);
    ActorId ana = ActorId.of("ana");
    refused(() -> new AuditRecord(ana, "claim.approve", target, AuditOutcome.ALLOWED, Optional.of("X"), "r", Map.of(),
        Map.of()), "code exactly when it is REFUSED");
    refused(() -> new AuditRecord(ana, "claim.approve", target, AuditOutcome.REFUSED, Optional.empty(), "r", Map.of(),
        Map.of()), "code exactly when it is REFUSED");
    refused(() -> AuditRecord.refused(ana, "claim.approve", target, "no way", "r", Map.of()), "audit code 'no way'");
    refused(() -> new AuditRecord(ana, "claim.approve", target, AuditOutcome.REFUSED, Optional.of("X"), "r",
        Map.of("status", "PENDING"), Map.of("status", "APPROVED")), "changed nothing");
    refused(() -> AuditRecord.allowed(ana, "Claim Approve", target, "r", Map.of(), Map.of()), "action 'Claim Approve'");
    refused(() -> AuditRecord.allowed(ana, "claim.approve", target, "", Map.of(), Map.of()), "reason of claim.approve");
    assertThat(AuditRecord.allowed(ana, "claim.approve", target, "r", Map.of(), Map.of("a", "")).after())
        .containsEntry("a", "");
  }
}
