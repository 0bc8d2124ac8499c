package dev.loyalty.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.access.AccessRefusedException;
import dev.loyalty.core.access.Actor;
import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.access.AuditEntry;
import dev.loyalty.core.access.AuditPage;
import dev.loyalty.core.access.Permission;
import dev.loyalty.core.access.RefusalCode;
import dev.loyalty.core.access.Roles;
import dev.loyalty.core.access.Scope;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.adjustments.Adjustment;
import dev.loyalty.core.adjustments.AdjustmentRequest;
import dev.loyalty.core.claims.Claim;
import dev.loyalty.core.claims.ClaimException;
import dev.loyalty.core.claims.ClaimId;
import dev.loyalty.core.claims.ClaimStateException;
import dev.loyalty.core.claims.ClaimStatus;
import dev.loyalty.core.claims.ClaimSubmission;
import dev.loyalty.core.claims.DuplicateClaimException;
import dev.loyalty.core.claims.InvoiceRecord;
import dev.loyalty.core.claims.Proof;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramLoader;
import dev.loyalty.core.spi.InMemoryInvoiceRegistry;
import dev.loyalty.core.spi.InvoiceRegistry;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.ledger.spi.TestClock;
import dev.loyalty.rules.DroolsRuleEngine;
import dev.loyalty.rules.standard.StandardRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A partner portal's claims desk, written from README.md and docs/CLAIMS.md alone, through the
 * public API only: the shipped sample program with its risk rules, the manufacturer's invoices
 * loaded into the in-memory register, claimants, reviewers and adjusters mapped to actors as the
 * docs show. Every wrong move a portal can make (the wrong person deciding, a limit too low, a
 * partner out of scope, a decided claim decided again, bad claims) must be refused with a typed
 * error and change nothing but the audit log, which records the refusal. Nothing here reaches into
 * an internal package or a test fixture of the library.
 */
class ClaimsOutsiderTest {
  private static final Currency INR = Currency.getInstance("INR");
  private static final PartnerId DEALER_A = PartnerId.of("dealer-a");   // north
  private static final PartnerId DEALER_B = PartnerId.of("dealer-b");   // south
  private static final MemberId RAVI = MemberId.of("ravi");             // sells for dealer-a
  private static final LocalDate JULY_1 = LocalDate.of(2026, 7, 1);

  private final TestClock clock = new TestClock(Instant.parse("2026-08-10T06:00:00Z"));
  private final Roles roles = Roles.defaults();
  private final Actor ana = Actor.of(ActorId.of("ana"), roles.named(Set.of("claimant")))
      .withLimit(Permission.SUBMIT_CLAIM, 100_000).withScope(Scope.partners(DEALER_A));
  private final Actor bea = Actor.of(ActorId.of("bea"), roles.named(Set.of("claimant")))
      .withLimit(Permission.SUBMIT_CLAIM, 100_000).withScope(Scope.partners(DEALER_B));
  private final Actor cat = Actor.of(ActorId.of("cat"), roles.named(Set.of("claimant")))
      .withLimit(Permission.SUBMIT_CLAIM, 100_000);
  private final Actor stingy = Actor.of(ActorId.of("stingy"), roles.named(Set.of("claimant")))
      .withLimit(Permission.SUBMIT_CLAIM, 10);
  private final Actor bob = Actor.of(ActorId.of("bob"), roles.named(Set.of("reviewer")))
      .withLimit(Permission.DECIDE_CLAIM, 50_000);
  private final Actor junior = Actor.of(ActorId.of("junior"), roles.named(Set.of("reviewer")))
      .withLimit(Permission.DECIDE_CLAIM, 10);
  private final Actor northOnly = Actor.of(ActorId.of("nora"), roles.named(Set.of("reviewer")))
      .withLimit(Permission.DECIDE_CLAIM, 50_000).withScope(Scope.regions("north"));
  /** The rep who sold, who also reviews claims in the portal: never of a sale of his own. */
  private final Actor raviAsReviewer = Actor.of(ActorId.of("ravi"), roles.named(Set.of("reviewer")))
      .withLimit(Permission.DECIDE_CLAIM, 50_000);
  private final Actor ada = Actor.of(ActorId.of("ada"), roles.named(Set.of("adjuster")))
      .withLimit(Permission.REQUEST_ADJUSTMENT, 50_000);
  private final Actor amy = Actor.of(ActorId.of("amy"), roles.named(Set.of("approver")))
      .withLimit(Permission.APPROVE_ADJUSTMENT, 50_000);
  private final Actor ali = Actor.of(ActorId.of("ali"), roles.named(Set.of("approver")))
      .withLimit(Permission.APPROVE_ADJUSTMENT, 50_000);

  /** The ready-made rules, compiled once for every test (CLAIMS.md: with claim-risk). */
  private static final DroolsRuleEngine RULES = DroolsRuleEngine.of(StandardRules.ruleSet("2026-07", Instant.MIN));

  private LoyaltyEngine engine;

  /** The sample program from the jar (RULES.md), with a second approver above 10,000 points (PROGRAM.md). */
  private static Program program() throws IOException {
    try (InputStream in = DroolsRuleEngine.class.getResourceAsStream(
        "/dev/loyalty/rules/samples/standard-program.json")) {
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return ProgramLoader.fromJson(json.replace("\"accounts\": { \"prefix\": \"std\" },",
          "\"accounts\": { \"prefix\": \"std\" }, \"trust\": { \"adjustmentSecondApproverAbove\": 10000 },"));
    }
  }

  @BeforeEach
  void openTheDesk() throws IOException {
    Program program = program();
    InMemoryInvoiceRegistry records = InvoiceRegistry.inMemory();
    records.put(new InvoiceRecord(DEALER_A, "INV-7", JULY_1, INR,
        List.of(InvoiceLine.of("CAB-25", "cables", 60, "1000")), Set.of("SN-1", "SN-2")));
    engine = LoyaltyEngine.builder(program, RULES)
        .directory(PartnerDirectory.inMemory()
            .put(Partner.of(DEALER_A, "Sharma Electricals", PartnerType.DEALER, "north", "IN", INR, JULY_1.minusMonths(6)))
            .put(Partner.of(DEALER_B, "Iyer Traders", PartnerType.DEALER, "south", "IN", INR, JULY_1.minusMonths(6)))
            .put(Member.of(RAVI, DEALER_A, "Ravi Kumar", MemberRole.SALES_REP, Locale.forLanguageTag("en-IN"),
                JULY_1.minusMonths(6))))
        .invoiceRegistry(records)
        .identitySalt("a salt of sixteen bytes or more".getBytes(StandardCharsets.UTF_8))
        .clock(clock)
        .build();
  }

  private static ClaimSubmission inv7(String claimId, String partner) {
    return ClaimSubmission.of(claimId, partner, "INV-7", JULY_1, INR,
        List.of(InvoiceLine.of("CAB-25", "cables", 60, "1000")), Proof.of("DOC-1", "SN-1", "SN-2"));
  }

  private List<AuditEntry> audit() {
    List<AuditEntry> all = new ArrayList<>();
    long after = 0;
    while (true) {
      AuditPage page = engine.audit().entries(after, 1_000);
      all.addAll(page.entries());
      if (page.next().isEmpty()) {
        return all;
      }
      after = page.next().get();
    }
  }

  /** What a refusal must leave as it was: both dealers' and the rep's points, and every claim asked about. */
  private record State(Object a, Object b, Object ravi, List<Optional<Claim>> claims) {
  }

  private State state(String... claims) {
    List<Optional<Claim>> seen = new ArrayList<>();
    for (String id : claims) {
      seen.add(engine.claim(ClaimId.of(id)));
    }
    return new State(engine.balance(DEALER_A), engine.balance(DEALER_B), engine.balance(RAVI), seen);
  }

  /**
   * Runs {@code action}, expects it refused with {@code type}, and checks that nothing changed but
   * exactly {@code auditEntries} new audit entries, each a refusal.
   */
  private <T extends Throwable> T refused(Class<T> type, int auditEntries, Executable action, String... claims) {
    State before = state(claims);
    int audited = audit().size();
    Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(type, action);
    assertThat(thrown.getMessage()).isNotBlank();
    assertThat(state(claims)).isEqualTo(before);
    List<AuditEntry> after = audit();
    assertThat(after).hasSize(audited + auditEntries);
    after.subList(audited, after.size()).forEach(e -> assertThat(e.record().outcome().toString())
        .as("audit entry %s", e).containsIgnoringCase("refused"));
    return type.cast(thrown);
  }

  private static RefusalCode code(AccessRefusedException e) {
    return e.code();
  }

  @Test
  void aClaimTheRecordsConfirmIsPaidAndEveryBadClaimIsRefusedWithNothingChanged() {
    Claim paid = engine.submitClaim(ana, inv7("C-1", "dealer-a"));
    assertThat(paid.status()).isEqualTo(ClaimStatus.PAID);
    long earned = engine.receipt(paid.activity()).orElseThrow().totalPoints();
    assertThat(earned).isPositive();
    assertThat(engine.balance(DEALER_A).posted()).isEqualTo(earned);

    // Out of the claimant's scope, without the permission, above the claimant's limit.
    assertThat(code(refused(AccessRefusedException.class, 1, () -> engine.submitClaim(bea, inv7("C-2", "dealer-a")),
        "C-2"))).isEqualTo(RefusalCode.OUT_OF_SCOPE);
    assertThat(code(refused(AccessRefusedException.class, 1, () -> engine.submitClaim(ada, inv7("C-2", "dealer-a")),
        "C-2"))).isEqualTo(RefusalCode.NO_PERMISSION);
    assertThat(code(refused(AccessRefusedException.class, 1,
        () -> engine.submitClaim(stingy, inv7("C-2", "dealer-b").withLines(
            List.of(InvoiceLine.of("CAB-26", "cables", 50, "1000")))), "C-2"))).isEqualTo(RefusalCode.ABOVE_LIMIT);

    // Claims that do not fit: an unknown partner, a rep of another partner, an invoice in the future,
    // in another currency. Each is refused whole, audited as refused.
    refused(LoyaltyException.class, 1, () -> engine.submitClaim(cat, inv7("C-3", "dealer-x")), "C-3");
    refused(LoyaltyException.class, 1, () -> engine.submitClaim(cat, inv7("C-3", "dealer-b").withMember(RAVI)),
        "C-3");
    refused(LoyaltyException.class, 1, () -> engine.submitClaim(cat, ClaimSubmission.of("C-3", "dealer-b", "INV-90",
        LocalDate.of(2026, 9, 1), INR, List.of(InvoiceLine.of("CAB-25", "cables", 1, "1000")), Proof.document("D"))),
        "C-3");
    refused(LoyaltyException.class, 1, () -> engine.submitClaim(cat, ClaimSubmission.of("C-3", "dealer-b", "INV-91",
        JULY_1, Currency.getInstance("EUR"), List.of(InvoiceLine.of("CAB-25", "cables", 1, "1000")),
        Proof.document("D"))), "C-3");

    // The same id: other content, or another claimant, is a duplicate; the same claim again is
    // returned as it stands and pays nothing twice.
    refused(DuplicateClaimException.class, 1, () -> engine.submitClaim(ana, inv7("C-1", "dealer-a").withLines(
        List.of(InvoiceLine.of("CAB-25", "cables", 61, "1000")))), "C-1");
    refused(DuplicateClaimException.class, 1, () -> engine.submitClaim(cat, inv7("C-1", "dealer-a")), "C-1");
    State before = state("C-1");
    assertThat(engine.submitClaim(ana, inv7("C-1", "dealer-a"))).isEqualTo(paid);
    assertThat(state("C-1")).isEqualTo(before);

    // A claim's activity is decided through the claim only, and record refuses its ids.
    assertThatThrownBy(() -> engine.record(new Sale(ActivityHeader.of("claim:C-9", "dealer-a",
        clock.instant().minus(Duration.ofDays(1))), INR, List.of(InvoiceLine.of("CAB-25", "cables", 1, "1000")))))
        .isInstanceOf(LoyaltyException.class);
    assertThat(state("C-1")).isEqualTo(before);

    // The same invoice claimed again by the same partner under a new id is blocked: nothing posted.
    Claim again = engine.submitClaim(ana, inv7("C-5", "dealer-a"));
    assertThat(again.status()).isEqualTo(ClaimStatus.BLOCKED);
    assertThat(engine.balance(DEALER_A)).isEqualTo(before.a());
    assertThat(again.explanation()).anySatisfy(line -> assertThat(line).contains("duplicate-invoice"));

    assertThat(engine.audit().verify().intact()).isTrue();
  }

  @Test
  void aClaimInReviewIsDecidedOnlyByACheckerWithinLimitScopeAndFourEyes() {
    engine.submitClaim(ana, inv7("C-1", "dealer-a"));
    // Another partner claims an invoice with the same fingerprint (number, date, total), which is not
    // on its record: 60 + 30 is at the review threshold, below the block (the units' serials left out:
    // claimed again, they would add 60 more and block it).
    ClaimSubmission copied = inv7("C-2", "dealer-b").withProof(Proof.document("DOC-2"));
    Claim held = engine.submitClaim(bea, copied);
    assertThat(held.status()).isEqualTo(ClaimStatus.IN_REVIEW);
    assertThat(held.signals()).extracting(f -> f.toString()).anySatisfy(s -> assertThat(s).contains("shared-invoice"));
    long pending = engine.balance(DEALER_B).pendingCredits();
    assertThat(pending).isPositive();
    assertThat(engine.balance(DEALER_B).posted()).isZero();

    ClaimId c2 = held.id();
    assertThat(code(refused(AccessRefusedException.class, 1, () -> engine.approveClaim(c2, bea, "mine"), "C-2")))
        .isEqualTo(RefusalCode.MAKER_CANNOT_CHECK);   // the maker check comes before the permission's
    assertThat(code(refused(AccessRefusedException.class, 1, () -> engine.approveClaim(c2, junior, "ok"), "C-2")))
        .isEqualTo(RefusalCode.ABOVE_LIMIT);
    assertThat(code(refused(AccessRefusedException.class, 1, () -> engine.approveClaim(c2, northOnly, "ok"), "C-2")))
        .isEqualTo(RefusalCode.OUT_OF_SCOPE);
    assertThat(code(refused(AccessRefusedException.class, 1, () -> engine.rejectClaim(c2, cat, "no"), "C-2")))
        .isEqualTo(RefusalCode.NO_PERMISSION);
    refused(ClaimException.class, 1, () -> engine.approveClaim(ClaimId.of("C-404"), bob, "ok"), "C-2");

    Claim asked = engine.requestClaimInformation(c2, bob, "attach the delivery note");
    assertThat(asked.status()).isEqualTo(ClaimStatus.MORE_INFO_REQUESTED);
    assertThat(engine.balance(DEALER_B).pendingCredits()).isEqualTo(pending);
    ClaimSubmission withNote = copied.withProof(Proof.document("DOC-2-DELIVERY"));
    assertThat(code(refused(AccessRefusedException.class, 1,
        () -> engine.resubmitClaim(cat, withNote, "attached"), "C-2"))).isEqualTo(RefusalCode.NOT_THE_MAKER);
    Claim revised = engine.resubmitClaim(bea, withNote, "delivery note attached");
    assertThat(revised.revision()).isEqualTo(2);
    assertThat(revised.status().awaitsDecision()).isTrue();
    // The old revision's hold was released and the new one's taken: the same points pending, not twice.
    assertThat(engine.balance(DEALER_B).pendingCredits()).isEqualTo(pending);

    Claim paid = engine.approveClaim(c2, bob, "delivery note matches");
    assertThat(paid.status()).isEqualTo(ClaimStatus.PAID);
    assertThat(engine.balance(DEALER_B).posted()).isEqualTo(pending);
    assertThat(engine.balance(DEALER_B).pendingCredits()).isZero();

    refused(ClaimStateException.class, 1, () -> engine.approveClaim(c2, bob, "again"), "C-2");
    refused(ClaimStateException.class, 1, () -> engine.rejectClaim(c2, bob, "changed my mind"), "C-2");
    assertThat(engine.audit().verify().intact()).isTrue();
  }

  @Test
  void theRepWhoSoldNeverChecksHisOwnClaimAndARejectionOrExpiryReleasesTheHold() {
    engine.submitClaim(ana, inv7("C-1", "dealer-a"));
    long before = engine.balance(DEALER_A).posted();
    long raviBefore = engine.balance(RAVI).posted();
    // Ravi's sale, claimed by ana, with a unit already claimed in C-1 and no record: held.
    Supplier<ClaimSubmission> ravis = () -> ClaimSubmission.of("C-6", "dealer-a", "INV-8", JULY_1.plusDays(3), INR,
        List.of(InvoiceLine.of("CAB-25", "cables", 10, "1000")), Proof.of("DOC-8", "SN-1")).withMember(RAVI);
    Claim held = engine.submitClaim(ana, ravis.get());
    assertThat(held.status()).isEqualTo(ClaimStatus.IN_REVIEW);
    assertThat(engine.balance(RAVI).pendingCredits()).isPositive();

    assertThat(code(refused(AccessRefusedException.class, 1, () -> engine.approveClaim(held.id(), raviAsReviewer,
        "my sale"), "C-6"))).isEqualTo(RefusalCode.MAKER_CANNOT_CHECK);
    Claim rejected = engine.rejectClaim(held.id(), bob, "the unit was claimed in C-1");
    assertThat(rejected.status()).isEqualTo(ClaimStatus.REJECTED);
    assertThat(engine.balance(DEALER_A).pendingCredits()).isZero();
    assertThat(engine.balance(RAVI).pendingCredits()).isZero();
    assertThat(engine.balance(DEALER_A).posted()).isEqualTo(before);
    assertThat(engine.balance(RAVI).posted()).isEqualTo(raviBefore);

    // Another held claim waits past the program's 30 days: the sweep expires it once, and releases its hold.
    Claim waiting = engine.submitClaim(ana, ClaimSubmission.of("C-7", "dealer-a", "INV-9", JULY_1.plusDays(4), INR,
        List.of(InvoiceLine.of("CAB-25", "cables", 5, "1000")), Proof.of("DOC-9", "SN-2")));
    assertThat(waiting.status()).isEqualTo(ClaimStatus.IN_REVIEW);
    assertThat(engine.expireClaims()).isEmpty();
    clock.advance(Duration.ofDays(31));
    assertThat(engine.expireClaims()).extracting(Claim::id).containsExactly(waiting.id());
    assertThat(engine.expireClaims()).isEmpty();
    assertThat(engine.claim(waiting.id()).orElseThrow().status()).isEqualTo(ClaimStatus.EXPIRED);
    assertThat(engine.balance(DEALER_A).pendingCredits()).isZero();
    refused(ClaimStateException.class, 1, () -> engine.approveClaim(waiting.id(), bob, "late"), "C-7");
    assertThat(engine.audit().verify().intact()).isTrue();
  }

  @Test
  void aLargeAdjustmentNeedsTwoDistinctApproversNeitherTheMakerAndADebitBeyondTheWalletIsRefused() {
    engine.submitClaim(ana, inv7("C-1", "dealer-a"));
    long posted = engine.balance(DEALER_A).posted();

    Adjustment asked = engine.requestAdjustment(ada, AdjustmentRequest.credit("ADJ-1", DEALER_A, 12_000,
        "goodwill for a damaged shipment"));
    assertThat(asked.posted()).isFalse();
    refused(AccessRefusedException.class, 1, () -> engine.requestAdjustment(amy, AdjustmentRequest.credit("ADJ-2",
        DEALER_A, 10, "not mine to ask")));
    refused(LoyaltyException.class, 1, () -> engine.requestAdjustment(ada, AdjustmentRequest.credit("ADJ-1",
        DEALER_A, 12_000, "the same id again")));
    Actor adaApproving = ada.withGrants(Permission.APPROVE_ADJUSTMENT);
    assertThat(code(refused(AccessRefusedException.class, 1,
        () -> engine.approveAdjustment(asked.approval().id(), adaApproving, "mine")))).isEqualTo(
        RefusalCode.MAKER_CANNOT_CHECK);

    Adjustment first = engine.approveAdjustment(asked.approval().id(), amy, "photos attached");
    assertThat(first.posted()).isFalse();
    assertThat(engine.balance(DEALER_A).posted()).isEqualTo(posted);
    assertThat(code(refused(AccessRefusedException.class, 1,
        () -> engine.approveAdjustment(asked.approval().id(), amy, "twice")))).isEqualTo(RefusalCode.ALREADY_CHECKED);
    Adjustment done = engine.approveAdjustment(asked.approval().id(), ali, "agreed");
    assertThat(done.posted()).isTrue();
    assertThat(engine.adjustment(asked.approval().id())).contains(done);   // as it stands: posted
    assertThat(engine.balance(DEALER_A).posted()).isEqualTo(posted + 12_000);
    refused(LoyaltyException.class, 1, () -> engine.approveAdjustment(asked.approval().id(), bob, "late"));

    // A debit of more than the wallet holds is refused when asked for.
    long all = engine.balance(DEALER_A).posted();
    refused(LoyaltyException.class, 1, () -> engine.requestAdjustment(ada, AdjustmentRequest.debit("ADJ-3", DEALER_A,
        all + 1, "too much")));
    assertThat(engine.audit().verify().intact()).isTrue();
  }
}
