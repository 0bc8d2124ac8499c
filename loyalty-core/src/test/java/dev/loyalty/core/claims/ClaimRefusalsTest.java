package dev.loyalty.core.claims;

import static dev.loyalty.core.testing.ChannelFixture.INR;
import static dev.loyalty.core.testing.ClaimsFixture.ADA;
import static dev.loyalty.core.testing.ClaimsFixture.ALI;
import static dev.loyalty.core.testing.ClaimsFixture.AMY;
import static dev.loyalty.core.testing.ClaimsFixture.ANA;
import static dev.loyalty.core.testing.ClaimsFixture.BEN;
import static dev.loyalty.core.testing.ClaimsFixture.BOB;
import static dev.loyalty.core.testing.ClaimsFixture.CARO;
import static dev.loyalty.core.testing.ClaimsFixture.DAN;
import static dev.loyalty.core.testing.ClaimsFixture.DEALER;
import static dev.loyalty.core.testing.ClaimsFixture.EVE;
import static dev.loyalty.core.testing.ClaimsFixture.OTHER_DEALER;
import static dev.loyalty.core.testing.ClaimsFixture.RAVI;
import static dev.loyalty.core.testing.ClaimsFixture.REP;
import static dev.loyalty.core.testing.ClaimsFixture.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.InvalidActivityException;
import dev.loyalty.core.NotEnrolledException;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.UnknownMemberException;
import dev.loyalty.core.UnknownPartnerException;
import dev.loyalty.core.access.AccessRefusedException;
import dev.loyalty.core.access.Actor;
import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.access.ApprovalDecidedException;
import dev.loyalty.core.access.ApprovalId;
import dev.loyalty.core.access.ApprovalStatus;
import dev.loyalty.core.access.AuditEntry;
import dev.loyalty.core.access.AuditOutcome;
import dev.loyalty.core.access.NotAuthorizedException;
import dev.loyalty.core.access.Permission;
import dev.loyalty.core.access.RefusalCode;
import dev.loyalty.core.access.Roles;
import dev.loyalty.core.access.Scope;
import dev.loyalty.core.access.UnknownApprovalException;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.adjustments.AdjustmentRequest;
import dev.loyalty.core.adjustments.InsufficientPointsException;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.EnrolmentStatus;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.ClaimsFixture;
import dev.loyalty.ledger.TrialBalance;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every refusal of a claim, review or adjustment action: a typed error naming what is wrong, one
 * audit entry recording the refusal under its code, and nothing else changed (the ledger, the
 * claims, the journal, the events, the serial register, the approvals).
 */
class ClaimRefusalsTest {
  private static final LocalDate DAY = LocalDate.of(2026, 7, 1);
  /** Holds both the claimant's and the checker's permissions; still never checks its own claim. */
  private static final Actor ANA_THE_REVIEWER = Actor.of(ANA.id(), Roles.CLAIMANT, Roles.REVIEWER);

  final ClaimsFixture f = fixture();

  /** The fixture each test starts from (an engine in PostgreSQL in {@code ClaimRefusalsOnPostgresTest}). */
  ClaimsFixture fixture() {
    return new ClaimsFixture();
  }
  private ClaimId held;
  private ClaimId paid;

  @BeforeEach
  void claimsInEveryState() {
    held = f.engine.submitClaim(ANA, claim("C-HELD", "INV-1", DAY, 100, "SN-1")).id(); // 1,300 points held
    paid = f.engine.submitClaim(ANA, claim("C-PAID", "INV-2", DAY, 10)).id();
    assertThat(f.engine.claim(held).orElseThrow().status()).isEqualTo(ClaimStatus.IN_REVIEW);
    assertThat(f.engine.claim(held).orElseThrow().points()).isEqualTo(1_300);
    f.engine.requestAdjustment(ADA, AdjustmentRequest.credit("ADJ-1", DEALER, 30_000, "lost invoice, agreed"));
  }

  /** Everything a refusal must leave as it was. */
  private record State(TrialBalance ledger, List<Optional<Claim>> claims, List<Optional<Receipt>> receipts, int events,
      List<SerialClaim> serials, List<ApprovalStatus> adjustments) {
  }

  private State state() {
    List<Optional<Claim>> claims = new ArrayList<>();
    for (String id : List.of("C-HELD", "C-PAID", "C-NEW", "C-9")) {
      claims.add(f.engine.claim(ClaimId.of(id)));
    }
    List<Optional<Receipt>> receipts = new ArrayList<>();
    for (String id : List.of("claim:C-HELD", "claim:C-PAID", "claim:C-NEW", "claim:C-HELD/2", "INV-9")) {
      receipts.add(f.engine.receipt(ActivityId.of(id)));
    }
    List<ApprovalStatus> adjustments = new ArrayList<>();
    for (String id : List.of("ADJ-1", "ADJ-2")) {
      f.engine.adjustment(ApprovalId.of(id)).ifPresent(a -> adjustments.add(a.status()));
    }
    return new State(f.ledger.trialBalance(), claims, receipts, f.events.size(), f.invoices.claimsOf("SN1"),
        adjustments);
  }

  private void refused(ThrowingCallable call, Class<? extends Throwable> type, String code, String... messageParts) {
    State before = state();
    int entries = f.auditEntries().size();
    var thrown = assertThatThrownBy(call).isInstanceOf(type);
    for (String part : messageParts) {
      thrown.hasMessageContaining(part);
    }
    assertThat(state()).isEqualTo(before);
    List<AuditEntry> log = f.auditEntries();
    assertThat(log).hasSize(entries + 1);
    AuditEntry refusal = log.get(log.size() - 1);
    assertThat(refusal.record().outcome()).isEqualTo(AuditOutcome.REFUSED);
    assertThat(refusal.record().code()).contains(code);
    assertThat(refusal.record().before()).isEqualTo(refusal.record().after());
    assertThat(f.engine.audit().verify().intact()).isTrue();
  }

  private void refusedAccess(ThrowingCallable call, RefusalCode code, String... messageParts) {
    refused(call, AccessRefusedException.class, code.name(), messageParts);
    assertThatThrownBy(call).isInstanceOfSatisfying(AccessRefusedException.class,
        e -> assertThat(e.code()).isEqualTo(code));
  }

  // --- deciding a claim

  @Test
  void approvalByTheClaimant() {
    refusedAccess(() -> f.engine.approveClaim(held, ANA_THE_REVIEWER, "looks fine"), RefusalCode.MAKER_CANNOT_CHECK,
        "ana", "claim:C-HELD");
  }

  @Test
  void approvalByTheMemberWhoSold() {
    ClaimId reps = f.engine.submitClaim(ANA, claim("C-REP", "INV-3", DAY, 100).withMember(REP)).id();
    refusedAccess(() -> f.engine.approveClaim(reps, RAVI, "my sale"), RefusalCode.MAKER_CANNOT_CHECK,
        REP.value());
  }

  @Test
  void approvalByAnActorWithoutThePermission() {
    refusedAccess(() -> f.engine.approveClaim(held, EVE, "ok"), RefusalCode.NO_PERMISSION, "eve", "DECIDE_CLAIM");
  }

  @Test
  void approvalAboveTheCheckersLimit() {
    refusedAccess(() -> f.engine.approveClaim(held, BOB, "ok"), RefusalCode.ABOVE_LIMIT, "bob", "up to 1000 points",
        "1300 points");
  }

  @Test
  void approvalOutOfTheCheckersScope() {
    refusedAccess(() -> f.engine.approveClaim(held, DAN, "ok"), RefusalCode.OUT_OF_SCOPE, "dan", "regions [south]",
        "dealer-a");
  }

  @Test
  void approvalTwice() {
    f.engine.approveClaim(held, CARO, "checked");
    refused(() -> f.engine.approveClaim(held, CARO, "checked again"), ClaimStateException.class, "CLAIM_STATE",
        "C-HELD", "PAID");
    refused(() -> f.engine.rejectClaim(held, ALI_THE_REVIEWER, "too late"), ClaimStateException.class, "CLAIM_STATE",
        "C-HELD", "PAID");
  }

  private static final Actor ALI_THE_REVIEWER = Actor.of(ActorId.of("ali-r"), Roles.REVIEWER);

  @Test
  void decidingAClaimThatWasNeverInReview() {
    refused(() -> f.engine.rejectClaim(paid, CARO, "no"), ClaimStateException.class, "CLAIM_STATE", "C-PAID", "PAID");
  }

  @Test
  void decidingAnUnknownClaim() {
    refused(() -> f.engine.approveClaim(ClaimId.of("C-9"), CARO, "ok"), UnknownClaimException.class, "UNKNOWN_CLAIM",
        "C-9");
  }

  @Test
  void askingAboutAClaimNotInReview() {
    refused(() -> f.engine.requestClaimInformation(paid, CARO, "why?"), ClaimStateException.class, "CLAIM_STATE",
        "C-PAID");
    f.engine.requestClaimInformation(held, CARO, "attach the delivery note");
    refused(() -> f.engine.requestClaimInformation(held, CARO, "and the invoice"), ClaimStateException.class,
        "CLAIM_STATE", "MORE_INFO_REQUESTED");
  }

  @Test
  void askingWithoutThePermission() {
    refusedAccess(() -> f.engine.requestClaimInformation(held, EVE, "why?"), RefusalCode.NO_PERMISSION, "eve");
  }

  // --- resubmitting

  @Test
  void resubmissionOfAClaimNoOneAskedAbout() {
    refused(() -> f.engine.resubmitClaim(ANA, claim("C-HELD", "INV-1", DAY, 50), "fewer"), ClaimStateException.class,
        "CLAIM_STATE", "C-HELD", "IN_REVIEW");
  }

  @Test
  void resubmissionBySomeoneElse() {
    f.engine.requestClaimInformation(held, CARO, "attach the delivery note");
    refusedAccess(() -> f.engine.resubmitClaim(BEN, claim("C-HELD", "INV-1", DAY, 50), "here"),
        RefusalCode.NOT_THE_MAKER, "ben", "ana did");
  }

  @Test
  void resubmissionForAnotherPartner() {
    f.engine.requestClaimInformation(held, CARO, "attach the delivery note");
    ClaimSubmission elsewhere = new ClaimSubmission(held, OTHER_DEALER, Optional.empty(), "INV-1", DAY, INR,
        List.of(InvoiceLine.of("CAB-25", "cables", 50, "1000")), Proof.document("DOC"));
    refused(() -> f.engine.resubmitClaim(ANA, elsewhere, "moved"), InvalidClaimException.class, "INVALID_CLAIM",
        "dealer-a", "dealer-b");
  }

  @Test
  void resubmissionAboveTheClaimantsLimit() {
    f.engine.requestClaimInformation(held, CARO, "attach the delivery note");
    refusedAccess(() -> f.engine.resubmitClaim(ANA, claim("C-HELD", "INV-1", DAY, 600), "more"),
        RefusalCode.ABOVE_LIMIT, "ana", "up to 5000 points");
  }

  // --- submitting

  @Test
  void submissionWithoutThePermission() {
    refusedAccess(() -> f.engine.submitClaim(CARO, claim("C-NEW", "INV-9", DAY, 1)), RefusalCode.NO_PERMISSION,
        "caro", "SUBMIT_CLAIM");
  }

  @Test
  void submissionAboveTheClaimantsLimit() {
    refusedAccess(() -> f.engine.submitClaim(ANA, claim("C-NEW", "INV-9", DAY, 600)), RefusalCode.ABOVE_LIMIT,
        "ana", "up to 5000 points", "claim:C-NEW");
  }

  @Test
  void submissionOutOfTheClaimantsScope() {
    Actor south = Actor.of(ActorId.of("sam"), Roles.CLAIMANT).withScope(Scope.regions("south"));
    refusedAccess(() -> f.engine.submitClaim(south, claim("C-NEW", "INV-9", DAY, 1)), RefusalCode.OUT_OF_SCOPE,
        "sam");
  }

  @Test
  void submissionForAnUnknownPartner() {
    ClaimSubmission unknown = new ClaimSubmission(ClaimId.of("C-NEW"), PartnerId.of("dealer-x"), Optional.empty(),
        "INV-9", DAY, INR, List.of(InvoiceLine.of("CAB-25", "cables", 1, "1000")), Proof.document("DOC"));
    refused(() -> f.engine.submitClaim(ANA, unknown), UnknownPartnerException.class, "UNKNOWN_PARTNER", "dealer-x",
        "not enrolled");
  }

  @Test
  void submissionForASuspendedPartner() {
    f.directory.put(f.directory.partner(DEALER).orElseThrow().withStatus(EnrolmentStatus.SUSPENDED));
    refused(() -> f.engine.submitClaim(ANA, claim("C-NEW", "INV-9", DAY, 1)), NotEnrolledException.class,
        "NOT_ENROLLED", "SUSPENDED");
  }

  @Test
  void submissionForAMemberOfAnotherPartner() {
    refused(() -> f.engine.submitClaim(ANA, claim("C-NEW", "INV-9", DAY, 1)
        .withMember(ChannelFixture.rep(OTHER_DEALER, 1))), UnknownMemberException.class, "UNKNOWN_MEMBER",
        "dealer-b-rep-1");
  }

  @Test
  void submissionInAnotherCurrency() {
    ClaimSubmission usd = new ClaimSubmission(ClaimId.of("C-NEW"), DEALER, Optional.empty(), "INV-9", DAY,
        Currency.getInstance("USD"), List.of(InvoiceLine.of("CAB-25", "cables", 1, "1000")), Proof.document("DOC"));
    refused(() -> f.engine.submitClaim(ANA, usd), InvalidClaimException.class, "INVALID_CLAIM", "USD", "INR");
  }

  @Test
  void submissionOfAnInvoiceDatedInTheFuture() {
    refused(() -> f.engine.submitClaim(ANA, claim("C-NEW", "INV-9", LocalDate.of(2026, 7, 9), 1)),
        InvalidActivityException.class, "INVALID_ACTIVITY", "after now");
  }

  @Test
  void submissionOfATakenIdWithOtherContent() {
    refused(() -> f.engine.submitClaim(ANA, claim("C-PAID", "INV-2", DAY, 11)), DuplicateClaimException.class,
        "DUPLICATE_CLAIM", "C-PAID", "other content");
    refused(() -> f.engine.submitClaim(BEN, claim("C-PAID", "INV-2", DAY, 10)), DuplicateClaimException.class,
        "DUPLICATE_CLAIM", "by ana");
  }

  // --- reviews of activities

  @Test
  void decidingAClaimsActivityDirectly() {
    refused(() -> f.engine.approve(ActivityId.of("claim:C-HELD"), CARO, "ok"), InvalidActivityException.class,
        "INVALID_ACTIVITY", "claim:C-HELD", "approve or reject the claim");
  }

  @Test
  void recordingAnActivityUnderAClaimsId() {
    State before = state();
    assertThatThrownBy(() -> f.engine.record(ChannelFixture.sale("claim:C-9", DEALER, Optional.empty(),
        ClaimsFixture.T0, "CAB-25", "cables", 1, "100"))).isInstanceOf(InvalidActivityException.class)
        .hasMessageContaining("activities of claims");
    assertThat(state()).isEqualTo(before);
  }

  // --- adjustments

  @Test
  void adjustmentAskedForWithoutThePermission() {
    refusedAccess(() -> f.engine.requestAdjustment(EVE, AdjustmentRequest.credit("ADJ-2", DEALER, 10, "because")),
        RefusalCode.NO_PERMISSION, "eve", "REQUEST_ADJUSTMENT");
  }

  @Test
  void adjustmentApprovedByItsMaker() {
    Actor adaTheApprover = Actor.of(ADA.id(), Roles.ADJUSTER, Roles.APPROVER);
    refusedAccess(() -> f.engine.approveAdjustment(ApprovalId.of("ADJ-1"), adaTheApprover, "fine"),
        RefusalCode.MAKER_CANNOT_CHECK, "ada", "ADJ-1");
  }

  @Test
  void adjustmentApprovedAboveTheApproversLimit() {
    refusedAccess(() -> f.engine.approveAdjustment(ApprovalId.of("ADJ-1"), AMY, "fine"), RefusalCode.ABOVE_LIMIT,
        "amy", "up to 20000 points", "30000 points");
  }

  @Test
  void adjustmentApprovedTwiceByOneApprover() {
    ClaimsFixture two = twoApprovers();
    two.engine.requestAdjustment(ADA, AdjustmentRequest.credit("ADJ-2", DEALER, 30_000, "lost invoice"));
    two.engine.approveAdjustment(ApprovalId.of("ADJ-2"), ALI, "fine");
    long entries = two.auditEntries().size();
    TrialBalance before = two.ledger.trialBalance();
    assertThatThrownBy(() -> two.engine.approveAdjustment(ApprovalId.of("ADJ-2"), ALI, "fine again"))
        .isInstanceOfSatisfying(NotAuthorizedException.class,
            e -> assertThat(e.code()).isEqualTo(RefusalCode.ALREADY_CHECKED));
    assertThat(two.ledger.trialBalance()).isEqualTo(before);
    assertThat(two.auditEntries()).hasSize((int) entries + 1);
    assertThat(two.engine.adjustment(ApprovalId.of("ADJ-2")).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
  }

  private static ClaimsFixture twoApprovers() {
    return new ClaimsFixture(ClaimsFixture.T0, ClaimsFixture.defaultProgram().withTrust(
        ClaimsFixture.defaultProgram().trust().withAdjustmentSecondApproverAbove(10_000)),
        new dev.loyalty.core.testing.ClaimTestRules());
  }

  @Test
  void adjustmentDecidedTwice() {
    f.engine.approveAdjustment(ApprovalId.of("ADJ-1"), ALI, "fine");
    refused(() -> f.engine.rejectAdjustment(ApprovalId.of("ADJ-1"), CARO_THE_APPROVER, "no"),
        ApprovalDecidedException.class, "ALREADY_DECIDED", "ADJ-1", "APPROVED");
  }

  private static final Actor CARO_THE_APPROVER = Actor.of(ActorId.of("caro"), Roles.APPROVER);

  @Test
  void adjustmentUnknown() {
    refused(() -> f.engine.approveAdjustment(ApprovalId.of("ADJ-9"), ALI, "fine"), UnknownApprovalException.class,
        "UNKNOWN_REQUEST", "ADJ-9");
  }

  @Test
  void debitOfMorePointsThanTheWalletHas() {
    refused(() -> f.engine.requestAdjustment(ADA, AdjustmentRequest.debit("ADJ-2", DEALER, 1_000, "correction")),
        InsufficientPointsException.class, "INSUFFICIENT_POINTS", "ADJ-2", "1000 points", "100 available");
  }

  @Test
  void adjustmentOfAnUnknownMember() {
    refused(() -> f.engine.requestAdjustment(ADA, AdjustmentRequest.credit("ADJ-2", MemberId.of("ghost"), 10, "x")),
        UnknownMemberException.class, "UNKNOWN_MEMBER", "ghost");
  }

  @Test
  void adjustmentWithATakenId() {
    refusedAccess(() -> f.engine.requestAdjustment(ADA, AdjustmentRequest.credit("ADJ-1", DEALER, 10, "again")),
        RefusalCode.DUPLICATE_REQUEST, "ADJ-1");
  }

  @Test
  void adjustmentApprovedWithoutThePermission() {
    refusedAccess(() -> f.engine.approveAdjustment(ApprovalId.of("ADJ-1"), CARO, "fine"), RefusalCode.NO_PERMISSION,
        "caro", "APPROVE_ADJUSTMENT");
  }

  @Test
  void adjustmentOutOfTheApproversScope() {
    Actor south = Actor.of(ActorId.of("sue"), Roles.APPROVER).withScope(Scope.regions("south"));
    refusedAccess(() -> f.engine.approveAdjustment(ApprovalId.of("ADJ-1"), south, "fine"), RefusalCode.OUT_OF_SCOPE,
        "sue");
  }

  @Test
  void anApproverLimitOfZeroStillNeverApprovesMore() {
    Actor none = Actor.of(ActorId.of("zed"), Roles.APPROVER).withLimit(Permission.APPROVE_ADJUSTMENT, 0);
    refusedAccess(() -> f.engine.approveAdjustment(ApprovalId.of("ADJ-1"), none, "fine"), RefusalCode.ABOVE_LIMIT,
        "zed");
  }
}
