package dev.loyalty.rules;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.INR;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static dev.loyalty.core.testing.ChannelFixture.reviewer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.rules.standard.StandardRules;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ready-made caps per period ({@code period-caps}): reached exactly, explained, and fed by what
 * the engine keeps of earned points (returns, reviews, late activities) through a whole {@code
 * LoyaltyEngine}.
 */
class PeriodCapsTest {
  private static final PartnerId DEALER = DEALERS.get(0);
  private static final MemberId REP = rep(DEALER, 1);
  /** The engine's clock: after every activity of these tests. */
  private static final Instant NOW = at("2026-10-15T12:00");
  private static DroolsRuleEngine rules;

  @BeforeAll
  static void compile() {
    rules = rulesWith();
  }

  private static DroolsRuleEngine rulesWith(RuleSource... more) {
    List<RuleSource> sources = new ArrayList<>(List.of(StandardRules.named("invoice-checks"),
        StandardRules.named("earn-rate"), StandardRules.named("learning-bonus"), StandardRules.named("campaign-bonus"),
        StandardRules.named("partner-cap"), StandardRules.named("period-caps"), StandardRules.named("org-rep-split")));
    sources.addAll(List.of(more));
    return DroolsRuleEngine.of(RuleSet.of("caps-1", Instant.MIN, sources));
  }

  static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(ZONE).toInstant();
  }

  /** The channel fixture's program with no split unless asked, and {@code parameters}. */
  static Program program(int memberPercent, Map<String, String> parameters) {
    Program p = TestFacts.withParameters(TestFacts.withoutParameters(1_000_000), parameters);
    return new Program(p.id(), p.name(), p.zone(), p.pointValue(), p.tiers(), p.tierPolicy(), p.campaigns(),
        new dev.loyalty.core.program.EarnSplit(100 - memberPercent, memberPercent), p.expiry(), p.accounts(),
        p.parameters());
  }

  static Sale sale(String id, Instant when, String amount) {
    return sale(id, when, amount, Optional.empty());
  }

  static Sale sale(String id, Instant when, String amount, Optional<MemberId> member) {
    return new Sale(new ActivityHeader(ActivityId.of(id), DEALER, member, when), INR,
        List.of(InvoiceLine.of("CAB-1", "cables", 1, amount)));
  }

  static long paid(Receipt receipt, String rule) {
    return receipt.awards().stream().filter(a -> a.rule().ruleId().equals(rule)).mapToLong(PostedAward::points).sum();
  }

  static long inMonth(ChannelFixture f, ParticipantId who, String month, String rule) {
    return f.engine.earned(who, at(month + "-15T12:00")).inMonth(rule);
  }

  @Test
  void aMonthlyCapIsReachedExactly_whereAnEstimateFromMonthSalesPaid9998() {
    // 400 invoices of 2,500.60 INR in July: 25 points each at 1 point per 100 INR
    Map<String, String> parameters = Map.of("earn.points", "1", "cap.monthly.rule.earn-rate", "10000");
    ChannelFixture exact = new ChannelFixture(NOW, program(0, parameters), rules);
    ChannelFixture estimated = new ChannelFixture(NOW, program(0, Map.of("earn.points", "1")), estimate());
    List<Receipt> receipts = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      Instant when = at("2026-07-01T09:00").plusSeconds(i * 600L);
      receipts.add(exact.engine.record(sale("inv-" + i, when, "2500.60")));
      estimated.engine.record(sale("inv-" + i, when, "2500.60"));
    }

    // the estimate, floor(month sales / 100), counts 0.006 points too many per invoice
    assertThat(estimated.engine.balance(DEALER).posted()).isEqualTo(9_998);
    assertThat(exact.engine.balance(DEALER).posted()).isEqualTo(10_000);
    assertThat(paid(receipts.get(399), "earn-rate")).isEqualTo(25);   // 9,975 before it: the cap is reached
    assertThat(inMonth(exact, DEALER, "2026-07", "earn-rate")).isEqualTo(10_000);
    Receipt after = exact.engine.record(sale("inv-x", at("2026-07-31T09:00"), "2500"));
    assertThat(after.awards()).isEmpty();   // cut to 0, so left out; the decision says why
    assertThat(after.explanation()).anyMatch(line -> line.contains("Rule earn-rate is capped at 10,000 points a "
        + "month; 10,000 were already earned in 2026-07, so none of the 25 are paid."));
    // August is a month of its own
    assertThat(paid(exact.engine.record(sale("inv-aug", at("2026-08-01T09:00"), "2500")), "earn-rate")).isEqualTo(25);
  }

  /**
   * What an integrator could write before the engine kept earned points: cap what the earn rate
   * pays by an estimate of the month's points from the month's sales.
   */
  private static DroolsRuleEngine estimate() {
    return DroolsRuleEngine.of(RuleSet.always("estimate-1", StandardRules.named("earn-rate"), RuleSource.of(
        "estimate.drl", """
            package estimate;
            import dev.loyalty.rules.facts.*;
            import java.math.BigDecimal;
            import java.math.RoundingMode;

            rule "monthly cap by an estimate"
              @ruleId("estimated-cap")
              ruleflow-group "cap"
            when
              PartnerFigures( $sales : monthSales )
              $award : PointsAward( ruleId == "earn-rate", $points : points )
              Long( this < $points ) from Math.max(0L,
                  10000L - $sales.divide(BigDecimal.valueOf(100), 0, RoundingMode.FLOOR).longValueExact())
            then
              long room = Math.max(0L, 10000L - $sales.divide(BigDecimal.valueOf(100), 0, RoundingMode.FLOOR)
                  .longValueExact());
              modify($award) { capAt(room, "Estimated cap.") }
            end
            """)));
  }

  @Test
  void theCutIsExplained_withWhatWasEarnedInTheActivitysMonth() {
    ChannelFixture f = new ChannelFixture(NOW, program(0, Map.of("earn.points", "1",
        "cap.monthly.rule.earn-rate", "10000")), rules);
    f.engine.record(sale("inv-1", at("2026-07-02T10:00"), "999000"));   // 9,990 points
    Receipt receipt = f.engine.record(sale("inv-2", at("2026-07-20T10:00"), "2500"));

    assertThat(receipt.awards()).singleElement().satisfies(a -> {
      assertThat(a.requested()).isEqualTo(10);
      assertThat(a.points()).isEqualTo(10);
      assertThat(a.reason()).isEqualTo("1 point per 100 INR on an invoice of 2,500 INR. Rule earn-rate is capped at "
          + "10,000 points a month; 9,990 were already earned in 2026-07, so 10 of the 25 are paid.");
    });
    assertThat(receipt.explanation()).contains("Applied period-cap@caps-1: Changed the base award to partner "
        + "dealer-a from 25 to 10 points: Rule earn-rate is capped at 10,000 points a month; 9,990 were already "
        + "earned in 2026-07, so 10 of the 25 are paid. (matched parameters of program acme-2026, cap.monthly.rule."
        + "earn-rate = 10000, points earned by partner dealer-a's organisation, 0 collected facts, 1 collected fact).");
  }

  static Sale units(String id, Instant when, long quantity, String unitPrice) {
    return new Sale(new ActivityHeader(ActivityId.of(id), DEALER, Optional.empty(), when), INR,
        List.of(InvoiceLine.of("CAB-1", "cables", quantity, unitPrice)));
  }

  @Test
  void aReturnTakesItsPointsBackFromTheMonthTheyWereEarnedIn_soALateActivityOfThatMonthEarnsThemAgain() {
    ChannelFixture f = new ChannelFixture(NOW, program(0, Map.of("earn.points", "1",
        "cap.monthly.rule.earn-rate", "1000")), rules);
    f.engine.record(units("inv-1", at("2026-07-02T10:00"), 10, "8000"));   // 800
    Receipt capped = f.engine.record(units("inv-2", at("2026-07-03T10:00"), 10, "3000"));   // 300 asked
    assertThat(paid(capped, "earn-rate")).isEqualTo(200);
    f.engine.record(units("inv-aug", at("2026-08-01T10:00"), 10, "9000"));   // 900 in August

    // 4 of inv-1's 10 units come back in August: 320 of its 800 points, July's
    Receipt returned = f.engine.record(ChannelFixture.saleReturn("ret-1", DEALER, at("2026-08-05T10:00"), "inv-1",
        "CAB-1", 4));
    assertThat(returned.totalPoints()).isEqualTo(-320);
    assertThat(inMonth(f, DEALER, "2026-07", "earn-rate")).isEqualTo(680);
    assertThat(inMonth(f, DEALER, "2026-08", "earn-rate")).isEqualTo(900);

    // a July invoice recorded late earns the 320 July has again, and no more
    Receipt late = f.engine.record(units("inv-late", at("2026-07-30T10:00"), 10, "5000"));
    assertThat(paid(late, "earn-rate")).isEqualTo(320);
    assertThat(late.awards().get(0).reason()).endsWith("Rule earn-rate is capped at 1,000 points a month; 680 were "
        + "already earned in 2026-07, so 320 of the 500 are paid.");
    // August's own cap is August's: 100 left there
    assertThat(paid(f.engine.record(units("inv-aug-2", at("2026-08-20T10:00"), 10, "5000")), "earn-rate"))
        .isEqualTo(100);
    assertThat(inMonth(f, DEALER, "2026-07", "earn-rate")).isEqualTo(1000);
    assertThat(inMonth(f, DEALER, "2026-08", "earn-rate")).isEqualTo(1000);
  }

  @Test
  void heldPointsAreReserved_aRejectionFreesThem_anApprovalKeepsThem() {
    ChannelFixture f = new ChannelFixture(NOW, program(0, Map.of("earn.points", "1",
        "cap.monthly.rule.earn-rate", "1000", "review.invoice-above", "50000")), rules);
    Receipt held = f.engine.record(units("inv-big", at("2026-07-02T10:00"), 10, "6000"));   // 600, held
    assertThat(held.status()).isEqualTo(Receipt.Status.IN_REVIEW);
    assertThat(inMonth(f, DEALER, "2026-07", "earn-rate")).isEqualTo(600);

    // while it waits, others get only what is left beside it
    assertThat(paid(f.engine.record(units("inv-2", at("2026-07-03T10:00"), 10, "5000")), "earn-rate"))
        .isEqualTo(400);
    assertThat(paid(f.engine.record(units("inv-3", at("2026-07-04T10:00"), 1, "5000")), "earn-rate")).isZero();

    // rejected: its 600 are July's to earn again
    f.engine.reject(ActivityId.of("inv-big"), reviewer("auditor"), "checked");
    assertThat(inMonth(f, DEALER, "2026-07", "earn-rate")).isEqualTo(400);
    Receipt again = f.engine.record(units("inv-4", at("2026-07-05T10:00"), 10, "4000"));
    assertThat(paid(again, "earn-rate")).isEqualTo(400);

    // held then approved: counted once, so the month ends exactly at the cap
    Receipt second = f.engine.record(units("inv-big-2", at("2026-07-06T10:00"), 10, "6000"));
    assertThat(paid(second, "earn-rate")).isEqualTo(200);   // 200 left: held, reserved
    Receipt approved = f.engine.approve(ActivityId.of("inv-big-2"), reviewer("auditor"), "checked");
    assertThat(paid(approved, "earn-rate")).isEqualTo(200);
    assertThat(inMonth(f, DEALER, "2026-07", "earn-rate")).isEqualTo(1000);
    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(1000);
  }

  @Test
  void aLateActivitySeesItsOwnPeriods_notTodays() {
    ChannelFixture f = new ChannelFixture(NOW, program(0, Map.of("earn.points", "1",
        "cap.daily.rule.earn-rate", "100", "cap.quarterly.rule.earn-rate", "250")), rules);
    f.engine.record(units("jul-1", at("2026-07-10T10:00"), 1, "8000"));          // 80
    f.engine.record(units("oct-1", at("2026-10-01T10:00"), 1, "9000"));          // 90, Q4
    // recorded after October's, dated 10 July: July 10 has 20 left, Q3 170
    Receipt late = f.engine.record(units("jul-2", at("2026-07-10T18:00"), 1, "5000"));
    assertThat(paid(late, "earn-rate")).isEqualTo(20);
    assertThat(late.awards().get(0).reason()).endsWith("Rule earn-rate is capped at 100 points a day; 80 were "
        + "already earned in 2026-07-10, so 20 of the 50 are paid.");
    // another July day: the quarter's 150 left, not October's
    Receipt otherDay = f.engine.record(units("jul-3", at("2026-07-11T10:00"), 1, "9900"));
    assertThat(paid(otherDay, "earn-rate")).isEqualTo(99);
    Receipt quarter = f.engine.record(units("aug-1", at("2026-08-11T10:00"), 1, "9900"));
    assertThat(paid(quarter, "earn-rate")).isEqualTo(51);
    assertThat(quarter.awards().get(0).reason()).endsWith("Rule earn-rate is capped at 250 points a quarter; 199 were "
        + "already earned in 2026-Q3, so 51 of the 99 are paid.");
    assertThat(f.engine.earned(DEALER, at("2026-09-30T10:00")).inQuarter("earn-rate")).isEqualTo(250);
    assertThat(f.engine.earned(DEALER, at("2026-10-30T10:00")).inQuarter("earn-rate")).isEqualTo(90);
  }

  @Test
  void aPartnersCapCountsItsRepsShare_andAMembersCapCutsTheMembersFinalShare() {
    ChannelFixture f = new ChannelFixture(NOW, program(30, Map.of("earn.points", "1",
        "cap.monthly.rule.earn-rate", "1000", "cap.member.monthly.rule.earn-rate", "200")), rules);
    // 500 points: 350 to the dealer, 150 to the rep
    f.engine.record(sale("inv-1", at("2026-07-02T10:00"), "50000", Optional.of(REP)));
    assertThat(inMonth(f, DEALER, "2026-07", "earn-rate")).isEqualTo(500);   // the organisation's
    assertThat(inMonth(f, REP, "2026-07", "earn-rate")).isEqualTo(150);

    // 400 asked: the organisation has 500 left, so all 400 pass the partner's cap and are split
    // 280/120; the rep has 50 left of its own cap, so its share is cut to 50
    Receipt second = f.engine.record(sale("inv-2", at("2026-07-03T10:00"), "40000", Optional.of(REP)));
    assertThat(second.awards()).extracting(PostedAward::beneficiary, PostedAward::points).containsExactly(
        org.assertj.core.groups.Tuple.tuple(DEALER, 280L), org.assertj.core.groups.Tuple.tuple(REP, 50L));
    assertThat(second.awards().get(1).reason()).endsWith("Rule earn-rate is capped at 200 points a month per member; "
        + "150 were already earned by member dealer-a-rep-1 in 2026-07, so 50 of the 120 are paid.");
    assertThat(inMonth(f, DEALER, "2026-07", "earn-rate")).isEqualTo(830);
    assertThat(inMonth(f, REP, "2026-07", "earn-rate")).isEqualTo(200);

    // 300 asked: 170 left for the organisation (before the split), 119 to the dealer, 51 to the rep, cut to 0
    Receipt third = f.engine.record(sale("inv-3", at("2026-07-04T10:00"), "30000", Optional.of(REP)));
    assertThat(third.awards()).extracting(PostedAward::beneficiary, PostedAward::points).containsExactly(
        org.assertj.core.groups.Tuple.tuple(DEALER, 119L));
    assertThat(inMonth(f, DEALER, "2026-07", "earn-rate")).isEqualTo(949);
    // the rep of another sale of the dealer is a member of the organisation too
    Receipt other = f.engine.record(sale("inv-4", at("2026-07-05T10:00"), "30000", Optional.of(rep(DEALER, 2))));
    assertThat(other.awards()).extracting(PostedAward::beneficiary, PostedAward::points).containsExactly(
        org.assertj.core.groups.Tuple.tuple(DEALER, 36L), org.assertj.core.groups.Tuple.tuple(rep(DEALER, 2), 15L));
    assertThat(inMonth(f, DEALER, "2026-07", "earn-rate")).isEqualTo(1000);
  }

  @Test
  void aCampaignCapCountsWhatTheCampaignPaid_underEveryRule() {
    Program base = program(0, Map.of("earn.points", "1", "cap.quarterly.campaign.monsoon", "120"));
    // the fixture's monsoon campaign runs July-September for northern dealers; 50% of base points
    Program p = ChannelFixture.withBudgetAndParameters(base, 1_000_000, base.parameters());
    p = new Program(p.id(), p.name(), p.zone(), p.pointValue(), p.tiers(), p.tierPolicy(), p.campaigns().stream()
        .map(c -> new dev.loyalty.core.program.Campaign(c.id(), c.name(), c.startsOn(), c.endsOn(), c.target(),
            c.budget(), Map.of("bonus-percent", "50"))).toList(), p.earnSplit(), p.expiry(), p.accounts(),
        p.parameters());
    ChannelFixture f = new ChannelFixture(NOW, p, rules);
    Receipt first = f.engine.record(sale("inv-1", at("2026-07-02T10:00"), "20000"));   // 200 base, 100 campaign
    assertThat(paid(first, "campaign-bonus")).isEqualTo(100);
    Receipt second = f.engine.record(sale("inv-2", at("2026-09-02T10:00"), "20000"));
    assertThat(paid(second, "earn-rate")).isEqualTo(200);
    assertThat(paid(second, "campaign-bonus")).isEqualTo(20);
    assertThat(second.awards().get(1).reason()).endsWith("Campaign monsoon is capped at 120 points a quarter; 100 "
        + "were already earned in 2026-Q3, so 20 of the 100 are paid.");
    assertThat(f.engine.earned(DEALER, at("2026-08-01T10:00")).inQuarterByCampaign(CampaignId.of("monsoon")))
        .isEqualTo(120);
  }

  @Test
  void aCapPerActivityAndACapPerMonthBothHold_inOneActivity() {
    ChannelFixture f = new ChannelFixture(NOW, program(0, Map.of("earn.points", "1", "cap.points-per-activity", "300",
        "cap.monthly.rule.earn-rate", "1000")), rules);
    assertThat(paid(f.engine.record(sale("inv-1", at("2026-07-02T10:00"), "90000")), "earn-rate")).isEqualTo(300);
    assertThat(paid(f.engine.record(sale("inv-2", at("2026-07-03T10:00"), "90000")), "earn-rate")).isEqualTo(300);
    assertThat(paid(f.engine.record(sale("inv-3", at("2026-07-04T10:00"), "90000")), "earn-rate")).isEqualTo(300);
    Receipt fourth = f.engine.record(sale("inv-4", at("2026-07-05T10:00"), "90000"));
    assertThat(paid(fourth, "earn-rate")).isEqualTo(100);
    // the month's cap first (100 of the 900 asked), which leaves the activity's cap nothing to cut
    assertThat(fourth.awards().get(0).reason()).isEqualTo("1 point per 100 INR on an invoice of 90,000 INR. Rule "
        + "earn-rate is capped at 1,000 points a month; 900 were already earned in 2026-07, so 100 of the 900 are "
        + "paid.");
  }

  @Test
  void aRuleIsCappedPerPeriodBeforeTheActivityIsCapped_soTheCapPerActivityGoesToWhatCanBePaid() {
    DroolsRuleEngine withClearance = rulesWith(StandardRules.named("clearance-bonus"),
        StandardRules.named("product-multiplier"));
    ChannelFixture f = new ChannelFixture(NOW, program(0, Map.of("earn.points", "1", "clearance.skus", "OLD-1",
        "clearance.points-per-unit", "10", "multiplier.sku.SW-PRO", "3", "cap.points-per-activity", "1000",
        "cap.monthly.rule.clearance-bonus", "150")), withClearance);
    // 490 base, 900 clearance, 800 product asked: clearance to its 150 a month first, then the
    // activity's 1,000 in partner-cap's order (base, clearance, product): 490 + 150 + 360
    Receipt r = f.engine.record(new Sale(new ActivityHeader(ActivityId.of("inv-1"), DEALER, Optional.empty(),
        at("2026-07-02T10:00")), INR, List.of(InvoiceLine.of("OLD-1", "cables", 90, "100"),
        InvoiceLine.of("SW-PRO", "smart-switches", 1, "40000"))));
    assertThat(paid(r, "earn-rate")).isEqualTo(490);
    assertThat(paid(r, "clearance-bonus")).isEqualTo(150);
    assertThat(paid(r, "product-multiplier")).isEqualTo(360);
    // with 10 units of clearance it would have been 1,000 too: more units never earn less
    Receipt fewer = f.engine.record(new Sale(new ActivityHeader(ActivityId.of("inv-2"), DEALER, Optional.empty(),
        at("2026-08-02T10:00")), INR, List.of(InvoiceLine.of("OLD-1", "cables", 10, "100"),
        InvoiceLine.of("SW-PRO", "smart-switches", 1, "40000"))));
    assertThat(fewer.totalPoints()).isEqualTo(1000);
    assertThat(r.totalPoints()).isEqualTo(1000);
  }

  @Test
  void aMembersTrainingCapCountsItsOwnTrainings() {
    ChannelFixture f = new ChannelFixture(NOW, program(0, Map.of("training.points", "50",
        "cap.member.monthly.rule.training-bonus", "120")), rules);
    List<Long> paid = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      paid.add(paid(f.engine.record(new TrainingCompleted(new ActivityHeader(ActivityId.of("trn-" + i), DEALER,
          Optional.of(REP), at("2026-07-0" + (i + 1) + "T10:00")), "basics")), "training-bonus"));
    }
    assertThat(paid).containsExactly(50L, 50L, 20L, 0L);
    assertThat(f.engine.balance(REP).posted()).isEqualTo(120);
  }
}
