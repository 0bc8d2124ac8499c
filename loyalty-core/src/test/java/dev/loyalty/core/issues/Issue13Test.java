package dev.loyalty.core.issues;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.GOLD;
import static dev.loyalty.core.testing.ChannelFixture.INR;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static dev.loyalty.core.testing.ChannelFixture.sale;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.InvalidActivityException;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.PeriodCloseReport;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.TierPolicy;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.core.InputProblem;
import dev.loyalty.core.json.ActivityFormatException;
import dev.loyalty.core.json.ActivityJson;
import dev.loyalty.core.program.ProgramDefinitionException;
import dev.loyalty.core.program.ProgramLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Reproductions of the engine defects reported in issue 13 (each failed before its fix), through
 * the public API only.
 */
class Issue13Test {
  private static final PartnerId DEALER = DEALERS.get(0);
  private static final MemberId REP = rep(DEALER, 1);
  private static final Instant JULY = at("2026-07-02T10:00");

  private static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant();
  }

  /** {@code program} without a points ceiling per activity, so that a huge award posts. */
  private static Program withoutReviewCeiling(Program program) {
    return program.withReviewAbovePoints(Long.MAX_VALUE);
  }

  // ---------------------------------------------------------------------------------------------
  // 1. A ledger refusal after the planned receipt left a stuck entry

  @Test
  void defect1_aLedgerRefusalEndsAsARefusedReceiptAndRecoveryFinishesTheRest() {
    RuleEngine huge = facts -> new RuleOutcome(List.of(Award.of(facts.partner().id(), 1_000_000_000_000_000_000L,
        RuleRef.of("huge", "1"), "A rule gone wrong.")), List.of(), List.of(), List.of(), List.of());
    ChannelFixture f = new ChannelFixture(JULY, withoutReviewCeiling(ChannelFixture.program(300)),
        huge);
    for (int i = 1; i <= 9; i++) {
      f.engine.record(sale("INV-" + i, DEALER, Optional.empty(), JULY, "CAB-25", "cables", 1, "100"));
    }
    var ledgerBefore = f.ledger.trialBalance();
    int eventsBefore = f.events.size();

    assertThatThrownBy(() -> f.engine.record(sale("INV-10", DEALER, Optional.empty(), JULY, "CAB-25", "cables", 1,
        "100"))).isInstanceOf(LoyaltyException.class).hasMessageContaining("INV-10");

    Receipt refused = f.engine.receipt(ActivityId.of("INV-10")).orElseThrow();
    assertThat(refused.status().name()).isEqualTo("REFUSED");
    assertThat(refused.transaction()).isEmpty();
    assertThat(f.ledger.trialBalance()).isEqualTo(ledgerBefore);
    assertThat(f.events).hasSize(eventsBefore);
    assertThat(f.engine.figures(DEALER).windowOrders()).isEqualTo(9);
    // nothing is left for recovery, and recovery does not throw
    assertThatCode(f.engine::recover).doesNotThrowAnyException();
  }

  // ---------------------------------------------------------------------------------------------
  // 2. Tier upgrades were judged at the engine's clock, not at the activity's date

  @Test
  void defect2_importingAPastYearUpgradesTiersAsOfEachActivitysDate() {
    ChannelFixture f = new ChannelFixture(at("2027-06-01T09:00"));   // the wall clock is a year later
    f.engine.record(sale("INV-1", DEALER, Optional.empty(), at("2026-08-03T10:00"), "CAB-25", "cables", 480, "1000"));
    Receipt second = f.engine.record(new Sale(new ActivityHeader(ActivityId.of("INV-2"), DEALER, Optional.empty(),
        at("2026-08-04T10:00")), INR, List.of(InvoiceLine.of("SW-1", "switches", 30, "1000"))));

    assertThat(second.tierChanges()).anySatisfy(c -> assertThat(c.to()).contains(GOLD));
  }

  // ---------------------------------------------------------------------------------------------
  // 3. A grace of P0D needed two reviews

  @Test
  void defect3_withNoGraceOneReviewMovesAShortParticipantDown() {
    Program base = ChannelFixture.program(300);
    Program noGrace = ChannelFixture.withTierPolicy(base, new TierPolicy(3, Period.ZERO));
    ChannelFixture f = new ChannelFixture(at("2026-08-05T10:00"), noGrace, new SampleRules());
    f.engine.record(sale("INV-1", DEALER, Optional.empty(), at("2026-08-03T10:00"), "CAB-25", "cables", 480, "1000"));
    f.engine.record(new Sale(new ActivityHeader(ActivityId.of("INV-2"), DEALER, Optional.empty(),
        at("2026-08-04T10:00")), INR, List.of(InvoiceLine.of("SW-1", "switches", 30, "1000"))));
    assertThat(f.engine.progress(DEALER).current().orElseThrow().id()).isEqualTo(GOLD);

    f.clock.set(at("2026-11-01T00:00"));
    PeriodCloseReport november = f.engine.closePeriod(f.clock.instant());

    assertThat(november.tierChanges()).singleElement().satisfies(c -> assertThat(c.from()).contains(GOLD));
    assertThat(f.engine.progress(DEALER).current().orElseThrow().id()).isNotEqualTo(GOLD);
  }

  // ---------------------------------------------------------------------------------------------
  // 4. Repeating closePeriod(at) reported the expiry again

  @Test
  void defect4_aReplayedCloseReportsOnlyWhatItChanged() {
    ChannelFixture f = new ChannelFixture(JULY);
    f.engine.record(sale("INV-1", DEALER, Optional.of(REP), JULY, "CAB-25", "cables", 10, "1000"));
    Instant after = at("2027-08-01T00:00");
    f.clock.set(after);

    PeriodCloseReport first = f.engine.closePeriod(after);
    PeriodCloseReport again = f.engine.closePeriod(after);

    assertThat(first.expiredPoints()).isEqualTo(150);
    assertThat(again.expiredPoints()).isZero();
    assertThat(again.expiringSoon()).isEmpty();
    assertThat(first.expiredPoints() + again.expiredPoints())
        .isEqualTo(f.ledger.balance(f.program.accounts().breakage()).posted());
  }

  // ---------------------------------------------------------------------------------------------
  // 5. A changed campaign budget broke the next start

  @Test
  void defect5_aRaisedOrLoweredBudgetIsChangedAtTheNextStart() {
    Ledger ledger = Ledger.inMemory(new dev.loyalty.ledger.spi.TestClock(JULY));
    ChannelFixture first = ChannelFixture.onLedger(JULY, ChannelFixture.program(300), new SampleRules(), ledger);
    first.engine.record(sale("INV-1", DEALER, Optional.empty(), JULY, "CAB-25", "cables", 10, "1000"));
    AccountId budget = first.program.accounts().budget(CampaignId.of("monsoon"));
    assertThat(ledger.balance(budget).posted()).isEqualTo(250);   // 50 paid

    assertThatCode(() -> ChannelFixture.onLedger(JULY, ChannelFixture.program(500), new SampleRules(), ledger))
        .doesNotThrowAnyException();
    assertThat(ledger.balance(budget).posted()).isEqualTo(450);

    // lowered below what was paid: down to what was paid, never below
    ChannelFixture.onLedger(JULY, ChannelFixture.program(20), new SampleRules(), ledger);
    assertThat(ledger.balance(budget).posted()).isZero();
  }

  // ---------------------------------------------------------------------------------------------
  // 10. An award to another partner's member was accepted silently

  @Test
  void defect10_anAwardToAnotherPartnersMemberIsRefusedWithTheRuleNamed() {
    MemberId stranger = rep(DEALERS.get(1), 1);
    RuleEngine misdirected = facts -> new RuleOutcome(List.of(Award.of(stranger, 10, RuleRef.of("misdirected", "3"),
        "For someone else.")), List.of(), List.of(), List.of(), List.of());
    ChannelFixture f = new ChannelFixture(JULY, misdirected, 300);
    var before = f.ledger.trialBalance();

    assertThatThrownBy(() -> f.engine.record(sale("INV-1", DEALER, Optional.of(REP), JULY, "CAB-25", "cables", 1,
        "100"))).isInstanceOf(InvalidActivityException.class).hasMessageContaining("misdirected@3")
        .hasMessageContaining(stranger.value()).hasMessageContaining(DEALERS.get(1).value());
    assertThat(f.ledger.trialBalance()).isEqualTo(before);
    assertThat(f.engine.receipt(ActivityId.of("INV-1"))).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // Issue 14, item 3: the documented exception type could not be caught

  /** A rule engine's own refusal, as loyalty-rules' RuleEvaluationException is. */
  static final class OwnRuleFailure extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    OwnRuleFailure(String message) {
      super(message);
    }
  }

  @Test
  void issue14item3_aRuleEnginesLoyaltyExceptionReachesTheCallerUnchanged() {
    OwnRuleFailure failure = new OwnRuleFailure("rule x@1 failed on INV-1: / by zero");
    ChannelFixture f = new ChannelFixture(JULY, facts -> {
      throw failure;
    }, 300);

    assertThatThrownBy(() -> f.engine.record(sale("INV-1", DEALER, Optional.empty(), JULY, "CAB-25", "cables", 1,
        "100"))).isSameAs(failure);
    assertThat(f.engine.receipt(ActivityId.of("INV-1"))).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // 8. Validation stopped at the first problem, or named the wrong one

  private static List<String> problemsOf(String json) {
    try {
      ActivityJson.parse(json);
    } catch (ActivityFormatException e) {
      return e.problems().stream().map(InputProblem::toString).toList();
    }
    throw new AssertionError("accepted: " + json);
  }

  @Test
  void defect8_aBadDateDoesNotHideASkuListedTwice() {
    List<String> problems = problemsOf("{\"type\":\"sale\",\"id\":\"INV-1\",\"partner\":\"dealer-a\","
        + "\"occurredAt\":\"2016-01-01\",\"currency\":\"INR\",\"lines\":["
        + "{\"sku\":\"CAB-25\",\"category\":\"cables\",\"quantity\":1,\"unitPrice\":\"10\"},"
        + "{\"sku\":\"CAB-25\",\"category\":\"cables\",\"quantity\":2,\"unitPrice\":\"10\"}]}");

    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).startsWith("$.occurredAt:").contains("no time");
    assertThat(problems.get(1)).startsWith("$.lines:").contains("lists SKU CAB-25 twice");
  }

  @Test
  void defect8_aDayThatDoesNotExistIsNamedAsSuch() {
    List<String> problems = problemsOf("{\"type\":\"training\",\"id\":\"T-1\",\"partner\":\"dealer-a\","
        + "\"occurredAt\":\"2026-02-30T10:00:00Z\",\"course\":\"LED-101\"}");

    assertThat(problems).singleElement().satisfies(p -> assertThat(p).startsWith("$.occurredAt:")
        .contains("February 30").doesNotContain("with an offset"));
  }

  @Test
  void defect8_aProgramFileWithAByteOrderMarkLoads() throws IOException {
    String json = Files.readString(Path.of("src/test/resources/programs/acme-channel-2026.json"));
    assertThat(ProgramLoader.fromJson("\uFEFF" + json).id()).isEqualTo("acme-channel-2026");
    Path file = Files.createTempFile("program-with-bom", ".json");
    try {
      Files.write(file, ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8));
      assertThat(ProgramLoader.fromPath(file).id()).isEqualTo("acme-channel-2026");
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void defect8_aHugeBudgetIsTooLargeNotNegative() throws IOException {
    String json = Files.readString(Path.of("src/test/resources/programs/acme-channel-2026.json")).replaceFirst(
        "\"budget\": *\\d+", "\"budget\": 1000000000000000000000000000000");

    assertThatThrownBy(() -> ProgramLoader.fromJson(json)).isInstanceOf(ProgramDefinitionException.class)
        .hasMessageContaining("$.campaigns[0].budget: must be at most 9223372036854775807, got "
            + "1000000000000000000000000000000");
  }

  // ---------------------------------------------------------------------------------------------
  // 9. No anniversary expiry

  @Test
  void defect9_pointsCanExpireOnTheAnniversaryOfTheDayEarned() throws IOException {
    String json = Files.readString(Path.of("src/test/resources/programs/acme-channel-2026.json")).replaceFirst(
        "\"expiry\": *\\{[^}]*\\}", "\"expiry\": { \"policy\": \"anniversary\", \"months\": 12 }");
    Program program = ProgramLoader.fromJson(json);

    // earned on 14 March 2026 in Kolkata: valid through 14 March 2027, gone when that day ends
    Instant earned = at("2026-03-14T18:00");
    assertThat(program.expiry().expiryOf(earned, ZONE)).contains(at("2027-03-15T00:00"));
  }
}
