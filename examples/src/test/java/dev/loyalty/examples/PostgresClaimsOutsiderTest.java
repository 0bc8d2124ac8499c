package dev.loyalty.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.access.AccessRefusedException;
import dev.loyalty.core.access.Actor;
import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.access.AuditEntry;
import dev.loyalty.core.access.AuditOutcome;
import dev.loyalty.core.access.Permission;
import dev.loyalty.core.access.RefusalCode;
import dev.loyalty.core.access.Roles;
import dev.loyalty.core.access.Scope;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.adjustments.Adjustment;
import dev.loyalty.core.adjustments.AdjustmentRequest;
import dev.loyalty.core.claims.Claim;
import dev.loyalty.core.claims.ClaimStateException;
import dev.loyalty.core.claims.ClaimStatus;
import dev.loyalty.core.claims.ClaimSubmission;
import dev.loyalty.core.claims.InvoiceRecord;
import dev.loyalty.core.claims.Proof;
import dev.loyalty.core.jdbc.PostgresStores;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramLoader;
import dev.loyalty.ledger.spi.Together;
import dev.loyalty.rules.DroolsRuleEngine;
import dev.loyalty.rules.standard.StandardRules;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The claims desk of {@link ClaimsOutsiderTest} on PostgreSQL with two application instances, written
 * from README.md and docs/CLAIMS.md ("of two checkers deciding it at the same moment exactly one wins,
 * the other is refused with a ClaimStateException"; "several application instances sharing one
 * ApprovalStore are kept apart by the store's version check") through the public API: checkers on
 * two instances deciding one claim at the same moment, and approvers of one adjustment racing. The
 * points move exactly once, and the audit log records exactly one decision. Only the threads that
 * race come from a test helper (core's {@code testing.Race}).
 */
class PostgresClaimsOutsiderTest {
  private static final Currency INR = Currency.getInstance("INR");
  private static final PartnerId DEALER_A = PartnerId.of("dealer-a");
  private static final LocalDate JULY_1 = LocalDate.of(2026, 7, 1);
  private static final int ROUNDS = 6;

  private static final Roles ROLES = Roles.defaults();
  private static final Actor ANA = Actor.of(ActorId.of("ana"), ROLES.named(Set.of("claimant")))
      .withLimit(Permission.SUBMIT_CLAIM, 100_000).withScope(Scope.partners(DEALER_A));
  private static final Actor BOB = reviewer("bob");
  private static final Actor CARL = reviewer("carl");
  private static final Actor ADA = Actor.of(ActorId.of("ada"), ROLES.named(Set.of("adjuster")))
      .withLimit(Permission.REQUEST_ADJUSTMENT, 50_000);
  private static final Actor AMY = approver("amy");
  private static final Actor ALI = approver("ali");

  private static EmbeddedPostgres server;
  private static LoyaltyEngine first;
  private static LoyaltyEngine second;

  private static Actor reviewer(String id) {
    return Actor.of(ActorId.of(id), ROLES.named(Set.of("reviewer"))).withLimit(Permission.DECIDE_CLAIM, 50_000);
  }

  private static Actor approver(String id) {
    return Actor.of(ActorId.of(id), ROLES.named(Set.of("approver"))).withLimit(Permission.APPROVE_ADJUSTMENT, 50_000);
  }

  @BeforeAll
  static void start() throws IOException {
    server = EmbeddedPostgres.builder().start();
    Program program;
    try (InputStream in = DroolsRuleEngine.class.getResourceAsStream("/dev/loyalty/rules/samples/standard-program.json")) {
      program = ProgramLoader.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(
          "\"accounts\": { \"prefix\": \"std\" },",
          "\"accounts\": { \"prefix\": \"std\" }, \"trust\": { \"adjustmentSecondApproverAbove\": 10000 },"));
    }
    DroolsRuleEngine rules = DroolsRuleEngine.of(StandardRules.ruleSet("2026-07", Instant.MIN));
    PostgresStores stores = PostgresStores.on(server.getPostgresDatabase()).migrate();
    stores.directory().enrol(List.of(Partner.of(DEALER_A, "Sharma Electricals", PartnerType.DEALER, "north", "IN",
        INR, JULY_1.minusMonths(6))), List.of());
    stores.invoices().put(new InvoiceRecord(DEALER_A, "INV-7", JULY_1, INR,
        List.of(InvoiceLine.of("CAB-25", "cables", 60, "1000")), Set.of("SN-1", "SN-2")));
    first = instance(server.getPostgresDatabase(), program, rules);
    second = instance(server.getPostgresDatabase(), program, rules);
    first.recover();
    second.recover();
    Claim paid = first.submitClaim(ANA, ClaimSubmission.of("C-1", "dealer-a", "INV-7", JULY_1, INR,
        List.of(InvoiceLine.of("CAB-25", "cables", 60, "1000")), Proof.of("DOC-1", "SN-1", "SN-2")));
    assertThat(paid.status()).isEqualTo(ClaimStatus.PAID);
  }

  /** One application instance: its own pool on the shared database. */
  private static LoyaltyEngine instance(DataSource database, Program program, DroolsRuleEngine rules) {
    return LoyaltyEngine.builder(program, rules)
        .postgres(database)
        .clock(Clock.fixed(Instant.parse("2026-08-10T06:00:00Z"), ZoneOffset.UTC))
        .build();
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  private static long allowedDecisions(String kind, String id) {
    List<AuditEntry> entries = first.audit().byTarget(kind, id, 0, 1_000).entries();
    return entries.stream().filter(e -> e.record().outcome() == AuditOutcome.ALLOWED)
        .filter(e -> !e.record().action().endsWith("submit")).count();
  }

  @Test
  void twoCheckersOnTwoInstancesDecidingOneClaimAtOnce_exactlyOneWinsAndThePointsMoveOnce() {
    for (int round = 0; round < ROUNDS; round++) {
      // Unit SN-1 was claimed in C-1 and INV-10x is not on record: 60 + 30, held for a checker.
      Claim held = second.submitClaim(ANA, ClaimSubmission.of("C-R" + round, "dealer-a", "INV-10" + round,
          JULY_1.plusDays(round), INR, List.of(InvoiceLine.of("CAB-25", "cables", 10, "1000")),
          Proof.of("DOC-R" + round, "SN-1")));
      assertThat(held.status()).isEqualTo(ClaimStatus.IN_REVIEW);
      long pending = first.balance(DEALER_A).pendingCredits();
      long posted = first.balance(DEALER_A).posted();
      assertThat(pending).isPositive();

      boolean approveFirst = round % 2 == 0;
      List<Callable<Claim>> deciders = List.of(
          () -> approveFirst ? first.approveClaim(held.id(), BOB, "matches") : first.rejectClaim(held.id(), BOB, "no"),
          () -> approveFirst ? second.rejectClaim(held.id(), CARL, "no") : second.approveClaim(held.id(), CARL, "ok"));
      List<Together.Outcome<Claim>> outcomes = Together.race(deciders);

      assertThat(outcomes).as("round %d", round).filteredOn(Together.Outcome::won).hasSize(1);
      Together.Outcome<Claim> lost = outcomes.stream().filter(o -> !o.won()).findFirst().orElseThrow();
      assertThat(lost.failure()).as("round %d", round).isInstanceOf(ClaimStateException.class);
      Claim decided = outcomes.stream().filter(Together.Outcome::won).findFirst().orElseThrow().value();
      assertThat(first.claim(held.id()).orElseThrow().status()).isEqualTo(decided.status());
      assertThat(second.claim(held.id()).orElseThrow().status()).isEqualTo(decided.status());
      assertThat(first.balance(DEALER_A).pendingCredits()).isZero();
      assertThat(first.balance(DEALER_A).posted())
          .isEqualTo(decided.status() == ClaimStatus.PAID ? posted + pending : posted);
      assertThat(allowedDecisions("claim", held.id().value())).as("round %d", round).isEqualTo(1);
    }
    assertThat(first.audit().verify().intact()).isTrue();
  }

  @Test
  void approversOfOneAdjustmentOnTwoInstances_twoDistinctPostItOnceAndOneTwiceCountsOnce() {
    for (int round = 0; round < ROUNDS; round++) {
      long posted = first.balance(DEALER_A).posted();
      Adjustment asked = first.requestAdjustment(ADA, AdjustmentRequest.credit("ADJ-" + round, DEALER_A, 12_000,
          "goodwill " + round));
      List<Together.Outcome<Adjustment>> both = Together.race(List.of(
          () -> first.approveAdjustment(asked.approval().id(), AMY, "photos"),
          () -> second.approveAdjustment(asked.approval().id(), ALI, "agreed")));
      assertThat(both).as("round %d", round).allMatch(Together.Outcome::won);
      assertThat(first.adjustment(asked.approval().id()).orElseThrow().posted())
          .as("round %d: %s; first saw %s, second saw %s", round, first.adjustment(asked.approval().id()),
              both.get(0).value(), both.get(1).value()).isTrue();
      assertThat(first.balance(DEALER_A).posted()).as("round %d", round).isEqualTo(posted + 12_000);

      // The same approver on both instances at once: one check counts, the other is ALREADY_CHECKED.
      Adjustment twice = second.requestAdjustment(ADA, AdjustmentRequest.credit("ADJ-T" + round, DEALER_A, 12_000,
          "double click " + round));
      List<Together.Outcome<Adjustment>> clicks = Together.race(List.of(
          () -> first.approveAdjustment(twice.approval().id(), AMY, "ok"),
          () -> second.approveAdjustment(twice.approval().id(), AMY, "ok")));
      assertThat(clicks).as("round %d", round).filteredOn(Together.Outcome::won).hasSize(1);
      Throwable refused = clicks.stream().filter(o -> !o.won()).findFirst().orElseThrow().failure();
      assertThat(refused).isInstanceOf(AccessRefusedException.class);
      assertThat(((AccessRefusedException) refused).code()).isEqualTo(RefusalCode.ALREADY_CHECKED);
      assertThat(first.adjustment(twice.approval().id()).orElseThrow().posted()).isFalse();
      assertThat(first.balance(DEALER_A).posted()).isEqualTo(posted + 12_000);
    }
    assertThat(first.audit().verify().intact()).isTrue();
  }
}
