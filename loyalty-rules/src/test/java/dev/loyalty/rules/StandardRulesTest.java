package dev.loyalty.rules;

import static dev.loyalty.core.testing.ChannelFixture.GOLD;
import static dev.loyalty.core.testing.ChannelFixture.SILVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.CertificationEarned;
import dev.loyalty.core.activity.Referral;
import dev.loyalty.core.activity.ReportSubmission;
import dev.loyalty.core.activity.SellThroughLine;
import dev.loyalty.core.activity.SellThroughReport;
import dev.loyalty.core.InputProblem;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleDecision;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.rules.standard.StandardParameters;
import dev.loyalty.rules.standard.StandardRules;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every ready-made rule at and around its thresholds, through one engine with all of them (so each
 * scenario also proves the others stay quiet or do what they should), on {@link StandardProgram}.
 */
class StandardRulesTest {
  private static final ParticipantId DEALER = TestFacts.DEALER;
  private static final ParticipantId REP = TestFacts.REP;
  private static DroolsRuleEngine engine;

  @BeforeAll
  static void compile() {
    engine = StandardProgram.engine();
  }

  private static TestFacts sale(String amount) {
    return TestFacts.sale(amount).program(StandardProgram.program(1_000_000)).tier(SILVER);
  }

  private static TestFacts of(dev.loyalty.core.activity.Activity activity) {
    return TestFacts.of(activity).program(StandardProgram.program(1_000_000)).tier(SILVER);
  }

  private static RuleOutcome evaluate(TestFacts facts) {
    return engine.evaluate(facts.facts());
  }

  private static List<Award> awards(RuleOutcome outcome, String ruleId) {
    return outcome.awards().stream().filter(a -> a.rule().ruleId().equals(ruleId)).toList();
  }

  private static long points(RuleOutcome outcome, String ruleId) {
    return awards(outcome, ruleId).stream().mapToLong(Award::points).sum();
  }

  private static Optional<String> missed(RuleOutcome outcome, String ruleId) {
    List<String> reasons = outcome.decisions().stream().filter(d -> !d.fired() && d.rule().ruleId().equals(ruleId))
        .map(RuleDecision::explanation).toList();
    assertThat(reasons).as("not-applied decisions of " + ruleId).hasSizeLessThanOrEqualTo(1);
    return reasons.stream().findFirst();
  }

  private static boolean fired(RuleOutcome outcome, String ruleId) {
    return outcome.decisions().stream().anyMatch(d -> d.fired() && d.rule().ruleId().equals(ruleId));
  }

  private static ActivityHeader header(String id, Instant at) {
    return new ActivityHeader(ActivityId.of(id), TestFacts.DEALER, Optional.empty(), at);
  }

  @Test
  void everyFileIsShippedAndNamed() {
    assertThat(StandardRules.all()).hasSize(StandardRules.NAMES.size());
    assertThat(StandardRules.all().get(1).name()).isEqualTo("dev/loyalty/rules/standard/earn-rate.drl");
    assertThat(engine.ruleSets().get(0).ruleIds()).contains("earn-rate", "product-multiplier", "threshold-bonus",
        "mix-bonus", "training-bonus", "certification-bonus", "referral-bonus", "market-expansion", "reactivation",
        "consistency-streak", "clearance-bonus", "on-time-sell-through", "on-time-report", "tier-qualification",
        "tier-multiplier", "campaign-bonus", "campaign-points", "partner-cap", "org-rep-split", "invoice-review",
        "line-quantity");
  }

  @Test
  void anUnknownFileIsRefusedWithTheClosestName() {
    assertThatThrownBy(() -> StandardRules.allExcept("mix-bonuses"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("there is no ready-made rule file 'mix-bonuses' (did you mean 'mix-bonus'?); "
            + "the files are invoice-checks, earn-rate,");
  }

  @Test
  void aRuleThatIsLeftOutDoesNothingAndTheOthersStillWork() {
    DroolsRuleEngine without = DroolsRuleEngine.of(RuleSet.always("no-mix",
        StandardRules.allExcept("mix-bonus", "campaign-bonus").toArray(RuleSource[]::new)));
    RuleOutcome outcome = without.evaluate(sale("100").line("LED-1", "lighting", "100").line("SW-1", "switches",
        "100").facts());
    assertThat(points(outcome, "mix-bonus")).isZero();
    assertThat(missed(outcome, "mix-bonus")).isEmpty();
    assertThat(points(outcome, "earn-rate")).isEqualTo(3);
  }

  @Nested
  class EarnRate {
    @Test
    void anInvoiceBelowTheAmountEarnsNothingAndSaysWhy() {
      RuleOutcome outcome = evaluate(sale("99.99"));
      assertThat(outcome.awards()).isEmpty();
      assertThat(missed(outcome, "earn-rate")).contains(
          "An invoice of 99.99 INR earns no base points: the program pays 1 point per 100 INR.");
    }

    @Test
    void pointsForEveryFullAmount() {
      assertThat(points(evaluate(sale("100")), "earn-rate")).isEqualTo(1);
      assertThat(points(evaluate(sale("199.99")), "earn-rate")).isEqualTo(1);
      RuleOutcome outcome = evaluate(sale("9950"));
      assertThat(awards(outcome, "earn-rate")).singleElement().satisfies(a -> {
        assertThat(a.points()).isEqualTo(99);
        assertThat(a.beneficiary()).isEqualTo(DEALER);
        assertThat(a.rule()).isEqualTo(new RuleRef("earn-rate", "standard-1"));
        assertThat(a.reason()).isEqualTo("1 point per 100 INR on an invoice of 9,950 INR.");
      });
      assertThat(missed(outcome, "earn-rate")).isEmpty();
    }

    @Test
    void theRateIsTheProgramsParameter() {
      RuleOutcome outcome = evaluate(sale("1000").parameters(Map.of("earn.points", "3", "earn.per-amount", "250")));
      assertThat(points(outcome, "earn-rate")).isEqualTo(12);
    }

    @Test
    void aRateThatIsNotANumberFailsTheEvaluationNamingTheParameter() {
      assertThatThrownBy(() -> evaluate(sale("1000").parameters(Map.of("earn.per-amount", "a lot"))))
          .isInstanceOf(RuleEvaluationException.class)
          .hasMessageContaining("parameter 'earn.per-amount' of program standard-2026 is 'a lot', not a number");
    }
  }

  @Nested
  class ProductMultiplier {
    @Test
    void aPremiumCategoryPaysTheExtraAsItsOwnAward() {
      RuleOutcome outcome = evaluate(sale("1000").line("SW-9", "smart-switches", "1000"));
      assertThat(points(outcome, "earn-rate")).isEqualTo(20);
      assertThat(awards(outcome, "product-multiplier")).singleElement().satisfies(a -> {
        assertThat(a.points()).isEqualTo(10);
        assertThat(a.reason()).isEqualTo("Premium products earn more: SW-9 (smart-switches) 2x.");
      });
    }

    @Test
    void aSkusOwnMultiplierWinsOverItsCategorys() {
      RuleOutcome outcome = evaluate(sale("0.01").line("SW-PRO", "smart-switches", "1000"));
      assertThat(points(outcome, "product-multiplier")).isEqualTo(20);
    }

    @Test
    void noPremiumLineNoAward() {
      assertThat(fired(evaluate(sale("5000")), "product-multiplier")).isFalse();
    }
  }

  @Nested
  class ThresholdBonus {
    @Test
    void justBelowTheThresholdSaysHowMuchIsMissing() {
      RuleOutcome outcome = evaluate(sale("999.99").monthSales("499000"));
      assertThat(points(outcome, "threshold-bonus")).isZero();
      assertThat(missed(outcome, "threshold-bonus")).contains(
          "Monthly sales are 499,999.99 INR; 0.01 INR more earn the 500-point bonus at 500,000 INR.");
    }

    @Test
    void theInvoiceThatReachesItExactlyPays() {
      RuleOutcome outcome = evaluate(sale("1000").monthSales("499000"));
      assertThat(awards(outcome, "threshold-bonus")).singleElement().satisfies(a -> {
        assertThat(a.points()).isEqualTo(500);
        assertThat(a.reason()).isEqualTo("Monthly sales reached 500,000 INR.");
      });
      assertThat(missed(outcome, "threshold-bonus")).isEmpty();
    }

    @Test
    void oneInvoiceCrossingTwoThresholdsPaysBoth() {
      RuleOutcome outcome = evaluate(sale("700000").monthSales("400000")
          .parameters(Map.of("cap.points-per-activity", "100000")));
      assertThat(awards(outcome, "threshold-bonus")).extracting(Award::points).containsExactlyInAnyOrder(500L, 1500L);
    }

    @Test
    void aThresholdAlreadyPassedThisMonthDoesNotPayAgain() {
      RuleOutcome outcome = evaluate(sale("1000").monthSales("600000"));
      assertThat(points(outcome, "threshold-bonus")).isZero();
      assertThat(missed(outcome, "threshold-bonus")).contains(
          "Monthly sales are 601,000 INR; 399,000 INR more earn the 1500-point bonus at 1,000,000 INR.");
      assertThat(missed(evaluate(sale("1000").monthSales("1000000")), "threshold-bonus")).isEmpty();
    }

    @Test
    void aMalformedThresholdNamesTheEntry() {
      assertThatThrownBy(() -> evaluate(sale("1000").parameters(Map.of("threshold.monthly-sales", "500000=500"))))
          .isInstanceOf(RuleEvaluationException.class)
          .hasMessageContaining("parameter 'threshold.monthly-sales' of program standard-2026 has the entry "
              + "'500000=500'; write amount:points with both positive, e.g. 500000:500");
    }
  }

  @Nested
  class MixBonus {
    @Test
    void twoCategoriesAreOneShort() {
      RuleOutcome outcome = evaluate(sale("100").line("LED-1", "lighting", "100"));
      assertThat(points(outcome, "mix-bonus")).isZero();
      assertThat(missed(outcome, "mix-bonus")).contains("This order has 2 product categories (cables, lighting); 3 "
          + "in one order earn the 200-point mix bonus.");
    }

    @Test
    void threeCategoriesPay() {
      RuleOutcome outcome = evaluate(sale("100").line("LED-1", "lighting", "100").line("SW-1", "switches", "100"));
      assertThat(awards(outcome, "mix-bonus")).singleElement().satisfies(a -> {
        assertThat(a.points()).isEqualTo(200);
        assertThat(a.reason()).isEqualTo("3 product categories in one order (cables, lighting, switches).");
      });
    }
  }

  @Nested
  class Learning {
    @Test
    void aCoursePaysTheRepWhoCompletedIt() {
      RuleOutcome outcome = evaluate(TestFacts.training("basics").program(StandardProgram.program(1)));
      assertThat(awards(outcome, "training-bonus")).singleElement().satisfies(a -> {
        assertThat(a.beneficiary()).isEqualTo(REP);
        assertThat(a.points()).isEqualTo(50);
        assertThat(a.reason()).isEqualTo("Completed training basics.");
      });
    }

    @Test
    void aCourseWithItsOwnPointsPaysThose() {
      RuleOutcome outcome = evaluate(TestFacts.training("advanced-wiring").program(StandardProgram.program(1)));
      assertThat(points(outcome, "training-bonus")).isEqualTo(120);
    }

    @Test
    void withoutADefaultAnUnlistedCourseSaysItEarnsNothing() {
      RuleOutcome outcome = evaluate(TestFacts.training("basics").program(StandardProgram.program(1))
          .parameters(Map.of("training.points", "0")));
      assertThat(outcome.awards()).isEmpty();
      assertThat(missed(outcome, "training-bonus")).contains("Training basics earns no points in this program.");
    }

    @Test
    void aCertificationPaysThePartnerWhenNoMemberIsNamed() {
      RuleOutcome outcome = evaluate(of(new CertificationEarned(header("cert-1", TestFacts.JULY), "installer",
          Optional.empty())));
      assertThat(awards(outcome, "certification-bonus")).singleElement().satisfies(a -> {
        assertThat(a.beneficiary()).isEqualTo(DEALER);
        assertThat(a.points()).isEqualTo(150);
      });
    }
  }

  @Test
  void aReferralPaysTheReferrer() {
    RuleOutcome outcome = evaluate(of(new Referral(header("ref-1", TestFacts.JULY), PartnerId.of("dealer-new"))));
    assertThat(awards(outcome, "referral-bonus")).singleElement().satisfies(a -> {
      assertThat(a.points()).isEqualTo(300);
      assertThat(a.reason()).isEqualTo("Referred dealer-new into the program.");
    });
  }

  @Nested
  class MarketExpansion {
    @Test
    void aFirstOrderFromANewRegionPays() {
      RuleOutcome outcome = evaluate(sale("1000").region("north-east").firstOrder());
      assertThat(awards(outcome, "market-expansion")).singleElement().satisfies(a -> {
        assertThat(a.points()).isEqualTo(400);
        assertThat(a.reason()).isEqualTo("First order from north-east, a new market for the program.");
      });
    }

    @Test
    void notTheFirstOrderOrNotANewRegionPaysNothing() {
      assertThat(fired(evaluate(sale("1000").region("north-east")), "market-expansion")).isFalse();
      assertThat(fired(evaluate(sale("1000").firstOrder()), "market-expansion")).isFalse();
    }

    @Test
    void anOrderAfterTheDormantDaysPaysReactivation() {
      assertThat(points(evaluate(sale("1000").idleDays(90)), "reactivation")).isEqualTo(250);
      assertThat(awards(evaluate(sale("1000").idleDays(120)), "reactivation")).singleElement()
          .extracting(Award::reason).isEqualTo("Back after 120 days without activity.");
      assertThat(fired(evaluate(sale("1000").idleDays(89)), "reactivation")).isFalse();
      assertThat(fired(evaluate(sale("1000")), "reactivation")).as("no activity before").isFalse();
    }
  }

  @Nested
  class ConsistencyStreak {
    @Test
    void theFirstOrderOfTheThirdMonthInARowPaysAndGivesTheBadge() {
      RuleOutcome outcome = evaluate(sale("1000").streak(2));
      assertThat(awards(outcome, "consistency-streak")).singleElement().satisfies(a -> {
        assertThat(a.points()).isEqualTo(300);
        assertThat(a.reason()).isEqualTo("3 months in a row with orders.");
      });
      assertThat(outcome.badges()).singleElement().satisfies(b -> assertThat(b.badge()).isEqualTo("consistency-streak"));
    }

    @Test
    void theSecondMonthSaysWhenTheBonusComes() {
      RuleOutcome outcome = evaluate(sale("1000").streak(1));
      assertThat(points(outcome, "consistency-streak")).isZero();
      assertThat(missed(outcome, "consistency-streak"))
          .contains("2 months in a row with orders; the 300-point streak bonus comes at 3.");
    }

    @Test
    void everyMultiplePaysAgainButLaterOrdersOfTheMonthDoNot() {
      assertThat(points(evaluate(sale("1000").streak(5)), "consistency-streak")).isEqualTo(300);
      RuleOutcome second = evaluate(sale("1000").streak(3).monthOrders(1));
      assertThat(fired(second, "consistency-streak")).isFalse();
      assertThat(missed(second, "consistency-streak")).isEmpty();
    }
  }

  @Nested
  class MilestoneBadges {
    private final Map<String, String> on = Map.of("milestone.best-month-after", "2",
        "milestone.certifications", "1, 3");

    private List<String> badges(RuleOutcome outcome) {
      return outcome.badges().stream().map(b -> b.participant().value() + " " + b.badge() + ": " + b.reason()).toList();
    }

    @Test
    void theSaleThatBeatsTheBestMonthEarnsTheBadgeOnce() {
      RuleOutcome outcome = evaluate(sale("1000").parameters(on).monthSales("41500").bestMonth("42000", 3));
      assertThat(badges(outcome)).containsExactly("dealer-a personal-best-month: Best month yet: 42500 INR this month,"
          + " above the 42000 of the best month before.");
      assertThat(fired(outcome, "personal-best-month")).isTrue();
      // the rep who sold earns it on its own figures, which the fixture makes the same
      assertThat(badges(evaluate(sale("1000").rep().parameters(on).monthSales("41500").bestMonth("42000", 3))))
          .hasSize(2).anySatisfy(b -> assertThat(b).startsWith("dealer-a-rep-1 personal-best-month"));
    }

    @Test
    void notWhenTheMonthIsAboveAlreadyShortOfItTooNewOrSwitchedOff() {
      assertThat(evaluate(sale("1000").parameters(on).monthSales("42001").bestMonth("42000", 3)).badges()).isEmpty();
      assertThat(evaluate(sale("1000").parameters(on).monthSales("41000").bestMonth("42000", 3)).badges()).isEmpty();
      assertThat(evaluate(sale("1000").parameters(on).monthSales("41500").bestMonth("42000", 1)).badges()).isEmpty();
      assertThat(evaluate(sale("1000").parameters(on)).badges()).isEmpty();
      assertThat(evaluate(sale("1000").monthSales("41500").bestMonth("42000", 3)).badges()).isEmpty();
    }

    private TestFacts certification(String code, boolean byRep) {
      return of(new CertificationEarned(new ActivityHeader(ActivityId.of("cert-1"), TestFacts.DEALER,
          byRep ? Optional.of(TestFacts.REP) : Optional.empty(), TestFacts.JULY), code, Optional.empty()));
    }

    @Test
    void theCertificationThatReachesAMilestoneEarnsIt() {
      assertThat(badges(evaluate(certification("installer", false).parameters(on))))
          .containsExactly("dealer-a certifications-1: 1 certification held, with installer.");
      assertThat(badges(evaluate(certification("solar", false).parameters(on).certifications("installer", "led"))))
          .containsExactly("dealer-a certifications-3: 3 certifications held, with solar.");
      assertThat(evaluate(certification("solar", false).parameters(on).certifications("installer")).badges()).isEmpty();
      // a renewal reaches nothing
      assertThat(evaluate(certification("led", false).parameters(on).certifications("installer", "led")).badges())
          .isEmpty();
    }

    @Test
    void aRepsCertificationIsTheReps() {
      assertThat(badges(evaluate(certification("installer", true).rep().parameters(on))))
          .containsExactly("dealer-a-rep-1 certifications-1: 1 certification held, with installer.");
    }

    @Test
    void aMilestoneThatIsNotACountIsRefusedWhereItIsWritten() {
      Program program = TestFacts.withParameters(ChannelFixture.program(300),
          Map.of("milestone.certifications", "1, three"));
      assertThat(StandardParameters.problems(program)).extracting(InputProblem::toString)
          .containsExactly("$.parameters['milestone.certifications']: milestone 'three' is not a positive whole number");
    }
  }

  @Test
  void clearanceUnitsPayPerUnit() {
    RuleOutcome outcome = evaluate(sale("100").line("OLD-1", "cables", 4, "50").line("OLD-2", "cables", 1, "50"));
    assertThat(awards(outcome, "clearance-bonus")).singleElement().satisfies(a -> {
      assertThat(a.points()).isEqualTo(25);
      assertThat(a.reason()).isEqualTo("5 units of slow-moving stock cleared at 5 points a unit.");
    });
    assertThat(fired(evaluate(sale("100")), "clearance-bonus")).isFalse();
  }

  @Nested
  class OnTimeReporting {
    private final LocalDate due = LocalDate.of(2026, 7, 5);

    private SellThroughReport report(Instant at) {
      return new SellThroughReport(header("st-1", at), YearMonth.of(2026, 6), due,
          List.of(new SellThroughLine("CAB-1", "cables", 10)));
    }

    @Test
    void onTheDueDayPays() {
      RuleOutcome outcome = evaluate(of(report(Instant.parse("2026-07-05T18:00:00Z")))); // 23:30 in Kolkata
      assertThat(points(outcome, "on-time-sell-through")).isEqualTo(25);
    }

    @Test
    void aDayLateSaysWhy() {
      RuleOutcome outcome = evaluate(of(report(Instant.parse("2026-07-05T18:31:00Z")))); // 00:01 on the 6th there
      assertThat(outcome.awards()).isEmpty();
      assertThat(missed(outcome, "on-time-sell-through")).contains("Sell-through report for 2026-06 was due on "
          + "2026-07-05 and came on 2026-07-06; reports on time earn 25 points.");
    }

    @Test
    void otherReportsToo() {
      assertThat(points(evaluate(of(new ReportSubmission(header("rep-1", Instant.parse("2026-07-04T10:00:00Z")),
          "stock-count", due))), "on-time-report")).isEqualTo(25);
      assertThat(missed(evaluate(of(new ReportSubmission(header("rep-2", Instant.parse("2026-07-09T10:00:00Z")),
          "stock-count", due))), "on-time-report")).contains("Report stock-count was due on 2026-07-05 and came on "
          + "2026-07-09; reports on time earn 25 points.");
    }
  }

  @Nested
  class TierQualification {
    @Test
    void theSaleThatMeetsGoldsCriteriaQualifiesOnTheSpot() {
      RuleOutcome outcome = evaluate(sale("0").line("LED-1", "lighting", "50000").windowSales("450000"));
      assertThat(outcome.qualifications()).singleElement().satisfies(q -> {
        assertThat(q.participant()).isEqualTo(DEALER);
        assertThat(q.tier()).isEqualTo(GOLD);
        assertThat(q.rule()).isEqualTo(new RuleRef("tier-qualification", "standard-1"));
        assertThat(q.reason()).isEqualTo("Meets the criteria of Gold with this sale.");
      });
    }

    @Test
    void aCentShortSaysWhatIsMissing() {
      RuleOutcome outcome = evaluate(sale("0").line("LED-1", "lighting", "49999.99").windowSales("450000"));
      assertThat(outcome.qualifications()).isEmpty();
      assertThat(missed(outcome, "tier-qualification")).contains("For Gold: 0.01 INR more sales.");
    }

    @Test
    void salesAloneAreNotEnoughWithoutTheSecondCategory() {
      RuleOutcome outcome = evaluate(sale("60000").windowSales("450000"));
      assertThat(outcome.qualifications()).isEmpty();
      assertThat(missed(outcome, "tier-qualification")).contains("For Gold: 1 more product category.");
    }

    @Test
    void aPartnerWithoutATierQualifiesForTheFirstAndGoldSaysNothingMore() {
      RuleOutcome outcome = evaluate(sale("1000").tier(null));
      assertThat(outcome.qualifications()).extracting(q -> q.tier()).containsExactly(SILVER);
      RuleOutcome gold = evaluate(sale("1000").tier(GOLD));
      assertThat(gold.qualifications()).isEmpty();
      assertThat(missed(gold, "tier-qualification")).isEmpty();
    }
  }

  @Nested
  class TierMultiplier {
    @Test
    void goldScalesBaseAwardsInPlace() {
      RuleOutcome outcome = evaluate(sale("1000").tier(GOLD));
      assertThat(awards(outcome, "earn-rate")).singleElement().satisfies(a -> {
        assertThat(a.points()).isEqualTo(15);
        assertThat(a.reason()).isEqualTo("1 point per 100 INR on an invoice of 1,000 INR. (Gold earns 1.5x.)");
      });
    }

    @Test
    void silverEarnsTheBaseAndBonusesAreNotScaled() {
      assertThat(points(evaluate(sale("1000")), "earn-rate")).isEqualTo(10);
      RuleOutcome gold = evaluate(sale("100").line("LED-1", "lighting", "100").line("SW-1", "switches", "100")
          .tier(GOLD));
      assertThat(points(gold, "mix-bonus")).isEqualTo(200);
      assertThat(points(gold, "earn-rate")).isEqualTo(4); // 3 * 1.5, rounded down
    }

    @Test
    void theKindsToScaleAreAParameter() {
      RuleOutcome gold = evaluate(sale("100").line("LED-1", "lighting", "100").line("SW-1", "switches", "100")
          .tier(GOLD).parameters(Map.of("tier-multiplier.kinds", "base, bonus")));
      assertThat(points(gold, "mix-bonus")).isEqualTo(300);
    }
  }

  @Nested
  class CampaignBonus {
    @Test
    void aQualifyingInvoiceGetsTheCampaignsPercentFromItsBudget() {
      RuleOutcome outcome = evaluate(sale("10000"));
      assertThat(awards(outcome, "campaign-bonus")).singleElement().satisfies(a -> {
        assertThat(a.points()).isEqualTo(50);
        assertThat(a.campaign()).contains(CampaignId.of("monsoon"));
        assertThat(a.reason()).isEqualTo("Monsoon push: 50% bonus on 100 base points.");
      });
    }

    @Test
    void anInvoiceBelowTheCampaignsMinimumSaysWhy() {
      RuleOutcome outcome = evaluate(sale("9999.99"));
      assertThat(points(outcome, "campaign-bonus")).isZero();
      assertThat(missed(outcome, "campaign-bonus")).contains(
          "Monsoon push: invoices of 10,000 INR or more qualify; this one is 9,999.99.");
    }

    @Test
    void outsideTheCampaignsDatesOrRegionThereIsNoCampaign() {
      RuleOutcome october = evaluate(sale("10000").at(Instant.parse("2026-10-01T06:00:00Z")));
      assertThat(fired(october, "campaign-bonus")).isFalse();
      assertThat(missed(october, "campaign-bonus")).isEmpty();
      assertThat(fired(evaluate(sale("10000").region("south")), "campaign-bonus")).isFalse();
    }
  }

  @Nested
  class PartnerCap {
    @Test
    void anActivityPaysAPartnerAtMostTheCapCampaignAwardsCutFirst() {
      RuleOutcome outcome = evaluate(sale("520000").monthSales("0"));
      // base 5200 + threshold 500 + campaign 2600, capped at 5000: the campaign goes first, then the bonus
      assertThat(outcome.awards()).extracting(a -> a.rule().ruleId(), Award::points)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("earn-rate", 5000L));
      assertThat(awards(outcome, "earn-rate").get(0).reason()).endsWith("(capped at 5000 points per activity)");
    }

    @Test
    void atTheCapNothingIsCut() {
      RuleOutcome outcome = evaluate(sale("500000").monthSales("1000000").at(Instant.parse("2026-10-01T06:00:00Z"))
          .parameters(Map.of("cap.points-per-activity", "5000")));
      assertThat(points(outcome, "earn-rate")).isEqualTo(5000);
      assertThat(fired(outcome, "partner-cap")).isFalse();
    }

    @Test
    void theRepsShareIsInsideTheCap() {
      RuleOutcome outcome = evaluate(sale("700000").rep().at(Instant.parse("2026-10-01T06:00:00Z"))
          .monthSales("2000000"));
      assertThat(outcome.awards()).extracting(Award::beneficiary, Award::points)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(DEALER, 3500L),
              org.assertj.core.groups.Tuple.tuple(REP, 1500L));
    }
  }

  @Test
  void theSplitSharesEveryAwardOfASaleWithTheRep() {
    RuleOutcome outcome = evaluate(sale("10000").rep());
    assertThat(outcome.awards()).extracting(a -> a.rule().ruleId(), Award::beneficiary, Award::points)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("earn-rate", DEALER, 70L),
            org.assertj.core.groups.Tuple.tuple("earn-rate", REP, 30L),
            org.assertj.core.groups.Tuple.tuple("campaign-bonus", DEALER, 35L),
            org.assertj.core.groups.Tuple.tuple("campaign-bonus", REP, 15L));
  }

  @Nested
  class InvoiceChecks {
    @Test
    void anInvoiceAboveTheReviewLimitIsHeld() {
      assertThat(evaluate(sale("2000000")).riskFlags()).isEmpty();
      assertThat(evaluate(sale("2000000.01")).riskFlags()).singleElement().satisfies(f -> {
        assertThat(f.severity()).isEqualTo(RiskFlag.Severity.REVIEW);
        assertThat(f.reason()).isEqualTo("Invoice of 2,000,000.01 INR is above the review limit of 2,000,000.");
      });
    }

    @Test
    void aLineAboveTheQuantityLimitIsBlocked() {
      assertThat(evaluate(sale("1").line("SCR-1", "tools", 1000, "1")).riskFlags()).isEmpty();
      assertThat(evaluate(sale("1").line("SCR-1", "tools", 1001, "1")).riskFlags()).singleElement()
          .satisfies(f -> assertThat(f.severity()).isEqualTo(RiskFlag.Severity.BLOCK));
    }
  }
}
