package dev.loyalty.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.adjustments.Adjustment;
import dev.loyalty.core.adjustments.AdjustmentRequest;
import dev.loyalty.core.claims.Claim;
import dev.loyalty.core.claims.ClaimFacts;
import dev.loyalty.core.claims.ClaimId;
import dev.loyalty.core.claims.ClaimStatus;
import dev.loyalty.core.claims.ClaimSubmission;
import dev.loyalty.core.claims.IdentityChange;
import dev.loyalty.core.claims.IdentityHash;
import dev.loyalty.core.claims.IdentityKind;
import dev.loyalty.core.claims.Proof;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.spi.InMemoryInvoiceRegistry;
import dev.loyalty.core.spi.InMemoryPartnerDirectory;
import dev.loyalty.core.spi.InvoiceRegistry;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.ClaimTestRules;
import dev.loyalty.core.testing.ClaimsFixture;
import dev.loyalty.core.testing.DocumentedJson;
import dev.loyalty.ledger.spi.TestClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/CLAIMS.md honest: every {@code java} block of it is code one of these tests runs (it
 * appears here line for line), and its tables of permissions, default roles and refusal codes and
 * its worked example of the audit format agree with the code.
 */
class ClaimsDocumentationTest {
  // Surefire runs in the module's directory.
  private static final Path DOC = Path.of("../docs/CLAIMS.md");
  private static final Path SOURCE = Path.of("src/test/java/dev/loyalty/core/access/ClaimsDocumentationTest.java");

  /** What a host knows of its authenticated user. */
  private record User(String login, List<String> groups, long approvalLimit, String region) {
  }

  @Test
  void everyJavaBlockIsCodeATestHereRuns() throws IOException {
    String source = lines(Files.readString(SOURCE));
    List<DocumentedJson.Block> java = DocumentedJson.blocks(DOC).stream().filter(b -> b.language().equals("java"))
        .toList();
    assertThat(java).hasSize(8);
    for (DocumentedJson.Block block : java) {
      assertThat(source).as("the java block at line %d of %s", block.line(), DOC).contains(lines(block.content()));
    }
  }

  private static String lines(String text) {
    return Arrays.stream(text.split("\n")).map(String::strip).filter(l -> !l.isEmpty())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void aHostMapsItsUsers() {
    User user = new User("ravi.k", List.of("approver", "regional-approver"), 25_000, "north");

    // Once: the library's default roles, plus one of your own.
    Roles roles = Roles.defaults()
        .with(Role.of("regional-approver", Permission.APPROVE_ADJUSTMENT, Permission.DECIDE_CLAIM));

    // For each call, from the user your application has authenticated.
    Actor actor = Actor.of(ActorId.of(user.login()), roles.named(user.groups()))
        .withLimit(Permission.APPROVE_ADJUSTMENT, user.approvalLimit())
        .withScope(Scope.regions(user.region()));

    assertThat(actor.permissions()).containsExactlyInAnyOrder(Permission.APPROVE_ADJUSTMENT, Permission.DECIDE_CLAIM);
    assertThat(actor.limit(Permission.APPROVE_ADJUSTMENT)).hasValue(25_000);
    assertThat(actor.scope()).isEqualTo(Scope.regions("north"));
    User typo = new User("x", List.of("aprover"), 0, "north");
    assertThatThrownBy(() -> roles.named(typo.groups())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown roles [aprover]");
  }

  @Test
  void makerCheckerAndTheLog() {
    TestClock clock = new TestClock(Instant.parse("2026-07-01T09:00:00Z"));
    Actor ana = AccessFixture.ANA;
    Actor bob = AccessFixture.BOB;
    Actor caro = AccessFixture.CARO;
    Partner partner = Partner.of(PartnerId.of("dealer-a"), "Sharma Electricals", PartnerType.DEALER, "north", "IN",
        Currency.getInstance("INR"), LocalDate.of(2026, 1, 1));

    AuditLog audit = AuditLog.inMemory(clock);   // or AuditLog.using(yourAuditStore, clock)
    Approvals approvals = Approvals.inMemory(audit, clock);   // or Approvals.using(store, audit, authorizer, clock)
    ApprovalRule adjustments = ApprovalRule.ADJUSTMENT.withSecondCheckerAbove(10_000);

    ApprovalRequest request = approvals.submit(ana, ApprovalSubmission.of(ApprovalId.of("ADJ-17"), adjustments,
            Target.of("adjustment", "ADJ-17", partner), "goodwill for a damaged shipment")
        .withPoints(12_000)
        .withDetails(Map.of("participant", "partner:dealer-a", "direction", "credit")));
    approvals.approve(request.id(), bob, "photos of the damage attached");   // still PENDING: two are needed
    ApprovalRequest approved = approvals.approve(request.id(), caro, "agreed");   // APPROVED

    assertThat(approvals.find(request.id()).orElseThrow().approvals()).hasSize(2);
    assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThatThrownBy(() -> approvals.approve(request.id(), AccessFixture.ADMIN, "me too"))
        .isInstanceOf(ApprovalDecidedException.class);

    AuditPage story = audit.byTarget("adjustment", "ADJ-17", 0, 100);   // the request's whole story
    AuditPage bobs = audit.byActor(ActorId.of("bob"), 0, 100);
    AuditPage july = audit.between(Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-08-01T00:00:00Z"),
        0, 100);
    AuditPage more = audit.entries(story.next().orElse(0L), 100);

    assertThat(story.entries()).extracting(e -> e.record().action()).containsExactly("adjustment.submit",
        "adjustment.approve", "adjustment.approve", "adjustment.approve");
    assertThat(story.entries().get(3).record().code()).contains("ALREADY_DECIDED");
    assertThat(bobs.entries()).hasSize(1);
    assertThat(july.entries()).isEqualTo(story.entries());
    assertThat(more.entries()).isEqualTo(story.entries());
    assertThat(audit.verify().intact()).isTrue();
  }

  @Test
  void aClaimIsSubmittedAskedAboutResubmittedAndPaid() {
    ClaimsFixture f = new ClaimsFixture();
    Program program = f.program;
    RuleEngine judge = new ClaimTestRules();
    List<ClaimFacts> facts = new ArrayList<>();
    RuleEngine rules = seen -> {
      seen.claim().ifPresent(facts::add);
      return judge.evaluate(seen);
    };
    InMemoryPartnerDirectory directory = f.directory;
    InMemoryInvoiceRegistry records = InvoiceRegistry.inMemory();
    byte[] secretSalt = "a salt the host keeps secret".getBytes(StandardCharsets.UTF_8);
    Actor ana = ClaimsFixture.ANA;
    Actor bob = ClaimsFixture.CARO;

    LoyaltyEngine engine = LoyaltyEngine.builder(program, rules)   // rules: the ready-made rules, with claim-risk
        .directory(directory)
        .invoiceRegistry(records)         // the manufacturer's invoices; InvoiceRegistry.inMemory() to load them
        .identitySalt(secretSalt)         // at least 16 bytes, kept out of the program definition
        .build();

    ClaimSubmission submission = new ClaimSubmission(ClaimId.of("C-9"), PartnerId.of("dealer-a"), Optional.empty(),
        "INV-7", LocalDate.of(2026, 7, 1), Currency.getInstance("INR"),
        List.of(InvoiceLine.of("CAB-25", "cables", 60, "1000")), Proof.of("DOC-9", "SN-1001", "SN-1002"));
    Claim claim = engine.submitClaim(ana, submission);   // PAID, IN_REVIEW or BLOCKED, and why
    claim.explanation().forEach(System.out::println);

    assertThat(claim.status()).isEqualTo(ClaimStatus.IN_REVIEW);

    Claim asked = engine.requestClaimInformation(claim.id(), bob, "attach the delivery note");
    Claim resubmitted = engine.resubmitClaim(ana, submission.withProof(Proof.of("DOC-9-DELIVERY", "SN-1001",
        "SN-1002")), "delivery note attached");
    Claim paid = engine.approveClaim(claim.id(), bob, "delivery note matches the invoice");
    List<Claim> expired = engine.expireClaims();   // on a schedule: claims still waiting past their deadline

    assertThat(asked.status()).isEqualTo(ClaimStatus.MORE_INFO_REQUESTED);
    assertThat(resubmitted.revision()).isEqualTo(2);
    assertThat(paid.status()).isEqualTo(ClaimStatus.PAID);
    assertThat(expired).isEmpty();
    assertThat(engine.audit().entries(0, 10).entries()).extracting(e -> e.record().action())
        .containsExactly("claim.submit", "claim.request-info", "claim.resubmit", "claim.approve");

    String hashYouComputed = IdentityHash.of(secretSalt, IdentityKind.TAX_ID, "29ABCDE1234F1Z5").hex();
    engine.registerIdentity(PartnerId.of("dealer-a"), IdentityKind.BANK_ACCOUNT, "IN12 HDFC 0000 1234");
    engine.registerIdentity(PartnerId.of("dealer-b"), IdentityKind.TAX_ID, IdentityHash.of(hashYouComputed));
    engine.registerIdentity(PartnerId.of("dealer-a"), IdentityKind.EMAIL, "owner@dealer-a.example");   // at enrolment
    engine.registerIdentity(PartnerId.of("dealer-a"), IdentityKind.EMAIL, "buyer@dealer-a.example");   // the day it changes

    ClaimSubmission next = new ClaimSubmission(ClaimId.of("C-10"), PartnerId.of("dealer-a"), Optional.empty(), "INV-8",
        LocalDate.of(2026, 7, 1), Currency.getInstance("INR"), List.of(InvoiceLine.of("CAB-25", "cables", 1, "1000")),
        Proof.document("DOC-10"));
    engine.submitClaim(ana, next);
    assertThat(facts.get(facts.size() - 1).changesWithin(0)).extracting(IdentityChange::kind)
        .containsExactly(IdentityKind.EMAIL);
  }

  @Test
  void anAdjustmentAboveTheThresholdNeedsTwoApprovers() {
    Program twoAbove = ClaimsFixture.defaultProgram().withTrust(ClaimsFixture.defaultProgram().trust()
        .withAdjustmentSecondApproverAbove(10_000));
    ClaimsFixture f = new ClaimsFixture(ClaimsFixture.T0, twoAbove, new ClaimTestRules());
    LoyaltyEngine engine = f.engine;
    Actor ada = ClaimsFixture.ADA;
    Actor amy = ClaimsFixture.AMY;
    Actor ali = ClaimsFixture.ALI;

    engine.requestAdjustment(ada, AdjustmentRequest.credit("ADJ-17", PartnerId.of("dealer-a"), 12_000,
        "goodwill for a damaged shipment"));
    engine.approveAdjustment(ApprovalId.of("ADJ-17"), amy, "photos of the damage attached");   // two needed above 10,000
    Adjustment posted = engine.approveAdjustment(ApprovalId.of("ADJ-17"), ali, "agreed");      // posted

    assertThat(posted.posted()).isTrue();
    assertThat(engine.balance(PartnerId.of("dealer-a")).posted()).isEqualTo(12_000);
  }

  @Test
  void anActivityInReviewIsDecidedByAnActor() {
    ClaimsFixture f = new ClaimsFixture(ClaimsFixture.T0, ClaimsFixture.defaultProgram().withReviewAbovePoints(100),
        new ClaimTestRules());
    LoyaltyEngine engine = f.engine;
    Actor bob = ClaimsFixture.CARO;
    engine.record(ChannelFixture.sale("INV-1001", ClaimsFixture.DEALER, Optional.empty(), ClaimsFixture.T0, "CAB-25",
        "cables", 100, "1000"));

    Receipt approved = engine.approve(ActivityId.of("INV-1001"), bob, "checked with the distributor");

    assertThat(approved.status()).isEqualTo(Receipt.Status.RECORDED);
    assertThat(engine.audit().last().orElseThrow().record().action()).isEqualTo("review.approve");
  }

  /** The cells of the table rows of the doc whose first cell is {@code `name`} for a name in {@code names}. */
  private static Map<String, List<String>> rows(Set<String> names) throws IOException {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(DOC)) {
      if (!line.startsWith("| `")) {
        continue;
      }
      List<String> cells = new ArrayList<>();
      for (String cell : line.substring(1, line.length() - 1).split("\\|")) {
        cells.add(cell.strip());
      }
      String name = cells.get(0).replace("`", "");
      if (names.contains(name)) {
        assertThat(rows.put(name, cells)).as("%s is in one row", name).isNull();
      }
    }
    return rows;
  }

  /** The rows of every constant of {@code type}, which the doc lists in declaration order. */
  private static <E extends Enum<E>> Map<String, List<String>> rowsOfEvery(Class<E> type) throws IOException {
    List<String> names = EnumSet.allOf(type).stream().map(Enum::name).toList();
    Map<String, List<String>> rows = rows(Set.copyOf(names));
    assertThat(rows.keySet()).containsExactlyElementsOf(names);
    return rows;
  }

  @Test
  void thePermissionsTableListsEveryPermissionAndWhetherItTakesALimit() throws IOException {
    Map<String, List<String>> rows = rowsOfEvery(Permission.class);
    for (Permission p : Permission.values()) {
      assertThat(rows.get(p.name()).get(2)).as(p.name()).isEqualTo(p.limitable() ? "yes" : "no");
    }
  }

  @Test
  void theRolesTableIsTheDefaultRoles() throws IOException {
    Roles defaults = Roles.defaults();
    Map<String, List<String>> rows = rows(defaults.all().stream().map(Role::name).collect(Collectors.toSet()));
    assertThat(rows.keySet()).containsExactlyElementsOf(defaults.all().stream().map(Role::name).toList());
    for (Role role : defaults.all()) {
      String cell = rows.get(role.name()).get(1);
      Set<Permission> documented = cell.equals("every permission") ? EnumSet.allOf(Permission.class)
          : Arrays.stream(cell.split(",")).map(s -> Permission.valueOf(s.strip().replace("`", "")))
              .collect(Collectors.toSet());
      assertThat(documented).as(role.name()).isEqualTo(role.permissions());
    }
  }

  @Test
  void theRefusalTableListsEveryCodeWithItsException() throws IOException {
    Map<String, List<String>> rows = rowsOfEvery(RefusalCode.class);
    ApprovalId id = ApprovalId.of("R");
    ActorId a = ActorId.of("a");
    Target t = Target.of("claim", "C-1");
    List<Refusal> one = List.of(new Refusal.NoPermission(a, Permission.DECIDE_CLAIM),
        new Refusal.AboveLimit(a, Permission.DECIDE_CLAIM, 1, 2, t),
        new Refusal.OutOfScope(a, Permission.DECIDE_CLAIM, Scope.regions("north"), t),
        new Refusal.MakerCannotCheck(a, id), new Refusal.NotTheMaker(a, ActorId.of("m"), t),
        new Refusal.AlreadyChecked(a, id),
        new Refusal.AlreadyDecided(id, ApprovalStatus.APPROVED), new Refusal.UnknownRequest(id),
        new Refusal.DuplicateRequest(id, a));
    assertThat(one).extracting(Refusal::code).containsExactly(RefusalCode.values());
    for (Refusal refusal : one) {
      assertThat(rows.get(refusal.code().name()).get(1)).as(refusal.code().name())
          .isEqualTo("`" + AccessRefusedException.of(refusal).getClass().getSimpleName() + "`");
    }
  }

  @Test
  void theWorkedExampleOfTheAuditFormatHasTheHashTheCodeComputes() throws IOException {
    String doc = Files.readString(DOC).replaceAll("\\s+", " ");
    AuditRecord example = AuditLogTest.EXAMPLE;
    assertThat(doc).contains("`" + example.actor() + "`", "`" + example.action() + "`",
        "`" + example.target() + "`", "`" + example.reason() + "`", "`2026-07-01T09:00:00Z`",
        "before `{status=PENDING}`", "after `{approved-by.1=bob, status=APPROVED}`");
    assertThat(example.target().partner().orElseThrow())
        .isEqualTo(new PartnerTraits(PartnerId.of("dealer-a"), PartnerType.DEALER, "north", "IN"));
    assertThat(AccessFixture.T0).isEqualTo(Instant.parse("2026-07-01T09:00:00Z"));
    List<DocumentedJson.Block> text = DocumentedJson.blocks(DOC).stream().filter(b -> b.language().equals("text"))
        .toList();
    assertThat(text).singleElement().satisfies(b -> assertThat(b.content().strip())
        .isEqualTo(AuditLogTest.EXAMPLE_HASH));
  }
}
