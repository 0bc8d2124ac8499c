package dev.loyalty.rules;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.INR;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.CertificationEarned;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Referral;
import dev.loyalty.core.activity.ReportSubmission;
import dev.loyalty.core.activity.ReturnLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.activity.SellThroughLine;
import dev.loyalty.core.activity.SellThroughReport;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.ledger.spi.TestClock;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.ledger.Ledger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end: a LoyaltyEngine on DroolsRuleEngine with the shipped samples/sample-program.drl records a season
 * of activities and writes the same awards, flags, badges, tier changes and balances as the same
 * engine on core's plain-Java SampleRules. That proves the port works through the whole engine:
 * facts in, results out, one ledger transaction per activity.
 */
class SampleRulesParityTest {
  private static final Instant START = LocalDateTime.parse("2026-07-01T09:00").atZone(ZONE).toInstant();
  private static final PartnerId A = DEALERS.get(0);
  private static final PartnerId B = DEALERS.get(1);
  private static final PartnerId C = DEALERS.get(2);
  private static DroolsRuleEngine drools;

  @BeforeAll
  static void compileOnce() {
    drools = DroolsRuleEngine.of(RuleSet.always("sample-drl-1", RuleSource.fromClasspath("dev/loyalty/rules/samples/sample-program.drl")));
  }

  /** A channel program run by {@code rules}, on its own clock and ledger. */
  private static final class Run {
    final TestClock clock = new TestClock(START);
    final LoyaltyEngine engine;
    final List<Receipt> receipts = new ArrayList<>();

    Run(RuleEngine rules, Program program) {
      ChannelFixture directory = new ChannelFixture(START); // only for its enrolled partners and members
      engine = LoyaltyEngine.builder(program, rules).directory(directory.directory).ledger(Ledger.inMemory(clock))
          .clock(clock).build();
    }

    void record(Activity activity) {
      clock.set(activity.occurredAt().plus(Duration.ofMinutes(1)));
      receipts.add(engine.record(activity));
    }
  }

  private static Program program() {
    Map<String, String> parameters = new HashMap<>(ChannelFixture.program(300).parameters());
    parameters.put("review-above", "900000");
    parameters.put("max-line-quantity", "5000");
    parameters.put("first-order-points", "75");
    return TestFacts.withParameters(ChannelFixture.program(300), parameters);
  }

  private static Instant at(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(ZONE).toInstant();
  }

  private static ActivityHeader header(String id, PartnerId partner, MemberId member, String when) {
    return new ActivityHeader(ActivityId.of(id), partner, Optional.ofNullable(member), at(when));
  }

  private static Sale sale(String id, PartnerId partner, MemberId member, String when, InvoiceLine... lines) {
    return new Sale(header(id, partner, member, when), INR, List.of(lines));
  }

  /** A season of a channel: every rule of the program fires at least once. */
  private static List<Activity> season() {
    MemberId a1 = rep(A, 1);
    MemberId b1 = rep(B, 1);
    return List.of(
        // first order (bonus), campaign bonus from the budget, split with the rep
        sale("INV-1", A, a1, "2026-07-02T10:00", InvoiceLine.of("CAB-25", "cables", 10, "1000")),
        // premium products earn 2x
        sale("INV-2", A, null, "2026-07-03T10:00", InvoiceLine.of("SW-1", "smart-switches", 5, "2000"),
            InvoiceLine.of("CAB-25", "cables", 3, "1000")),
        // three categories: mix bonus; the campaign's budget runs out
        sale("INV-3", B, b1, "2026-07-05T10:00", InvoiceLine.of("CAB-25", "cables", 2, "1000"),
            InvoiceLine.of("FAN-1", "fans", 4, "2500"), InvoiceLine.of("SW-1", "smart-switches", 1, "2000")),
        // crosses 500,000 in the month: threshold bonus, and Gold (500,000 and two categories)
        sale("INV-4", A, a1, "2026-07-10T10:00", InvoiceLine.of("CAB-25", "cables", 480, "1000")),
        // Gold earns 1.5x base points
        sale("INV-5", A, a1, "2026-07-12T10:00", InvoiceLine.of("CAB-25", "cables", 20, "1000")),
        // above review-above: held for review
        sale("INV-6", C, null, "2026-07-14T10:00", InvoiceLine.of("CAB-25", "cables", 950, "1000")),
        // more units on a line than allowed: blocked
        sale("INV-7", C, null, "2026-07-15T10:00", InvoiceLine.of("CLIP-1", "accessories", 6000, "1")),
        new TrainingCompleted(header("TRN-1", A, a1, "2026-07-16T10:00"), "smart-home-basics"),
        new CertificationEarned(header("CERT-1", B, b1, "2026-07-17T10:00"), "installer-l1", Optional.empty()),
        new Referral(header("REF-1", B, null, "2026-07-18T10:00"), PartnerId.of("retailer-new")),
        new SellThroughReport(header("STR-1", A, null, "2026-07-05T18:00"), YearMonth.of(2026, 6),
            LocalDate.of(2026, 7, 7), List.of(new SellThroughLine("CAB-25", "cables", 40))),
        new SellThroughReport(header("STR-2", B, null, "2026-07-19T10:00"), YearMonth.of(2026, 6),
            LocalDate.of(2026, 7, 7), List.of()),
        new ReportSubmission(header("RPT-1", C, null, "2026-07-20T10:00"), "stock-statement", LocalDate.of(2026, 7, 31)),
        // part of the first invoice comes back: its awards are taken back in proportion
        new SaleReturn(header("RET-1", A, null, "2026-07-21T10:00"), ActivityId.of("INV-1"),
            List.of(new ReturnLine("CAB-25", 4))),
        // August and September: a streak of 1 and 2 months is no badge yet
        sale("INV-8", A, a1, "2026-08-03T10:00", InvoiceLine.of("CAB-25", "cables", 7, "1000"),
            InvoiceLine.of("SW-1", "smart-switches", 2, "2000")),
        sale("INV-9", B, null, "2026-08-04T10:00", InvoiceLine.of("FAN-1", "fans", 3, "2500")),
        sale("INV-10", A, null, "2026-09-01T10:00", InvoiceLine.of("CAB-25", "cables", 1, "1000")),
        // October: July, August and September had orders: a 3-month streak badge
        sale("INV-11", A, null, "2026-10-01T10:00", InvoiceLine.of("CAB-25", "cables", 1, "1000")));
  }

  /** What must be equal: ids mapped where the DRL names a rule differently (see sample-program.drl). */
  private static List<String> awards(Receipt receipt) {
    return receipt.awards().stream().map(a -> describe(a)).sorted().toList();
  }

  private static String describe(PostedAward a) {
    String rule = a.rule().ruleId().startsWith("campaign-bonus") ? "campaign-bonus"
        : a.rule().ruleId().equals("on-time-sell-through") ? "on-time-report" : a.rule().ruleId();
    return a.beneficiary() + " " + a.requested() + "->" + a.points() + " " + rule + " | " + a.reason() + " | "
        + a.campaign().map(Object::toString).orElse("-") + " | " + a.budgetNote().orElse("-");
  }

  @Test
  void theDrlPortRecordsTheSameAsSampleRules_activityByActivity() {
    Run java = new Run(new SampleRules(), program());
    Run drl = new Run(drools, program());

    for (Activity activity : season()) {
      java.record(activity);
      drl.record(activity);
    }

    long awardsSeen = 0;
    for (int i = 0; i < java.receipts.size(); i++) {
      Receipt expected = java.receipts.get(i);
      Receipt actual = drl.receipts.get(i);
      String what = "receipt of " + expected.activity();
      assertThat(actual.status()).as(what).isEqualTo(expected.status());
      assertThat(awards(actual)).as(what).isEqualTo(awards(expected));
      // a return points at awards by position, and the DRL inserts the campaign bonus in a later stage
      assertThat(actual.returns()).as(what).extracting(r -> r.beneficiary() + " " + r.points())
          .containsExactlyInAnyOrderElementsOf(expected.returns().stream().map(r -> r.beneficiary() + " "
              + r.points()).toList());
      assertThat(actual.riskFlags()).as(what).extracting(f -> f.severity() + " " + f.code() + " " + f.rule().ruleId()
          + " " + f.reason()).isEqualTo(expected.riskFlags().stream().map(f -> f.severity() + " " + f.code() + " "
          + f.rule().ruleId() + " " + f.reason()).toList());
      assertThat(actual.badges()).as(what).extracting(b -> b.participant() + " " + b.badge() + " " + b.reason())
          .isEqualTo(expected.badges().stream().map(b -> b.participant() + " " + b.badge() + " " + b.reason()).toList());
      assertThat(actual.tierChanges()).as(what).isEqualTo(expected.tierChanges());
      assertThat(actual.awards()).as(what).allSatisfy(a -> assertThat(a.rule().version()).isEqualTo("sample-drl-1"));
      awardsSeen += actual.awards().size();
    }
    List<ParticipantId> everyone = new ArrayList<>(List.of(A, B, C, rep(A, 1), rep(A, 2), rep(B, 1), rep(C, 1),
        ChannelFixture.DISTRIBUTOR, PartnerId.of("retailer-new")));
    for (ParticipantId who : everyone) {
      assertThat(drl.engine.balance(who)).as("balance of " + who).isEqualTo(java.engine.balance(who));
    }
    // the season exercises what it claims to: a non-trivial set of awards, flags, a badge, a tier change
    assertThat(awardsSeen).isGreaterThan(20);
    assertThat(drl.receipts).flatExtracting(Receipt::riskFlags).hasSize(2);
    assertThat(drl.receipts).flatExtracting(Receipt::badges).isNotEmpty();
    assertThat(drl.receipts).flatExtracting(Receipt::tierChanges).isNotEmpty();
    assertThat(drl.receipts).flatExtracting(r -> r.awards().stream().map(a -> a.rule().ruleId()).toList())
        .contains("base-points", "premium-multiplier", "first-order", "mix-bonus", "monthly-threshold",
            "tier-multiplier", "campaign-bonus", "training", "certification", "referral", "on-time-sell-through",
            "on-time-report");
  }
}
