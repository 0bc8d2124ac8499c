package dev.loyalty.rules;

import static dev.loyalty.rules.TestFacts.DEALER;
import static dev.loyalty.rules.TestFacts.REP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.testing.ChannelFixture;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stages in a row: points per amount, a tier multiplier, a cap, a split (examples/chaining.drl). */
class ChainingTest {
  private static DroolsRuleEngine engine;

  @BeforeAll
  static void compileOnce() {
    engine = DroolsRuleEngine.of(RuleSet.always("chain-1", RuleSource.fromClasspath("examples/chaining.drl")));
  }

  private static RuleRef ref(String id) {
    return RuleRef.of(id, "chain-1");
  }

  @Test
  void pointsPerAmount_roundsDownPerFullHundred() {
    RuleOutcome outcome = engine.evaluate(TestFacts.sale("45099.99").facts());

    assertThat(outcome.awards()).containsExactly(Award.of(DEALER, 450, ref("base-points"),
        "1 point(s) per 100 INR on 45099.99."));
  }

  @Test
  void belowOneHundred_theBaseRuleDoesNotFire() {
    RuleOutcome outcome = engine.evaluate(TestFacts.sale("99.99").facts());

    assertThat(outcome.awards()).isEmpty();
    assertThat(outcome.decisions()).isEmpty();
  }

  @Test
  void tierMultiplier_scalesTheBaseAward() {
    RuleOutcome outcome = engine.evaluate(TestFacts.sale("45000").tier(ChannelFixture.GOLD).facts());

    assertThat(outcome.awards()).containsExactly(Award.of(DEALER, 675, ref("base-points"),
        "1 point(s) per 100 INR on 45000. Gold earns 1.5x."));
  }

  @Test
  void aTierOfMultiplierOne_changesNothing() {
    RuleOutcome outcome = engine.evaluate(TestFacts.sale("45000").tier(ChannelFixture.SILVER).facts());

    assertThat(outcome.awards()).extracting(Award::points).containsExactly(450L);
  }

  @Test
  void cap_limitsTheMultipliedPoints_notTheBase() {
    // 900 base is under the cap of 1000, 1350 after Gold's 1.5x is not: the cap runs after the multiplier
    RuleOutcome outcome = engine.evaluate(TestFacts.sale("90000").tier(ChannelFixture.GOLD)
        .parameters(Map.of("max-points-per-invoice", "1000")).facts());

    assertThat(outcome.awards()).containsExactly(Award.of(DEALER, 1000, ref("base-points"),
        "1 point(s) per 100 INR on 90000. Gold earns 1.5x. Capped at 1000 points per invoice."));
  }

  @Test
  void split_runsLast_onTheCappedPoints() {
    RuleOutcome outcome = engine.evaluate(TestFacts.sale("90000").rep().tier(ChannelFixture.GOLD)
        .parameters(Map.of("max-points-per-invoice", "1000")).facts());

    String reason = "1 point(s) per 100 INR on 90000. Gold earns 1.5x. Capped at 1000 points per invoice.";
    assertThat(outcome.awards()).containsExactly(
        Award.of(DEALER, 700, ref("base-points"), reason),
        Award.of(REP, 300, ref("base-points"), reason + " (rep's 30% share)"));
  }

  @Test
  void split_roundsTheRepDown_andThePartnerKeepsTheRest() {
    RuleOutcome outcome = engine.evaluate(TestFacts.sale("1099").rep().facts());

    // 10 points: the rep's 30% is 3, the partner keeps 7
    assertThat(outcome.awards()).extracting(Award::beneficiary, Award::points)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(DEALER, 7L), org.assertj.core.groups.Tuple.tuple(REP, 3L));
  }

  @Test
  void aShareOfZeroPoints_isDroppedFromTheOutcome() {
    RuleOutcome outcome = engine.evaluate(TestFacts.sale("300").rep().facts());

    // 3 points: the rep's 30% rounds down to 0
    assertThat(outcome.awards()).containsExactly(Award.of(DEALER, 3, ref("base-points"),
        "1 point(s) per 100 INR on 300."));
  }

  @Test
  void decisions_sayWhichRuleFiredOnWhichFacts_andWhatItDid() {
    RuleOutcome outcome = engine.evaluate(TestFacts.sale("90000").rep().tier(ChannelFixture.GOLD)
        .parameters(Map.of("max-points-per-invoice", "1000")).facts());

    assertThat(outcome.decisions()).extracting(d -> d.rule().ruleId())
        .containsExactly("base-points", "tier-multiplier", "invoice-cap", "rep-split");
    assertThat(outcome.decisions()).allSatisfy(d -> {
      assertThat(d.fired()).isTrue();
      assertThat(d.rule().version()).isEqualTo("chain-1");
    });
    assertThat(outcome.decisions()).extracting(d -> d.explanation()).containsExactly(
        "Awarded 900 base points to partner dealer-a: 1 point(s) per 100 INR on 90000. (matched sale inv-1, "
            + "partner dealer-a, parameters of program acme-2026).",
        "Changed the base award to partner dealer-a from 900 to 1350 points: Gold earns 1.5x. (matched tier gold "
            + "of partner dealer-a, award of 1350 points to partner dealer-a (base)).",
        "Changed the base award to partner dealer-a from 1350 to 1000 points: Capped at 1000 points per invoice. "
            + "(matched parameters of program acme-2026, award of 1000 points to partner dealer-a (base)).",
        "Split 300 of 1000 points of the base award to partner dealer-a off to member dealer-a-rep-1: (rep's 30% "
            + "share) (matched member dealer-a-rep-1, program acme-2026, award of 700 points to partner dealer-a "
            + "(base)).");
  }

  @Test
  void evaluations_areIndependent_noResultLeaksIntoTheNext() {
    RuleOutcome first = engine.evaluate(TestFacts.sale("90000").rep().tier(ChannelFixture.GOLD).facts());
    RuleOutcome second = engine.evaluate(TestFacts.sale("1000").facts());

    assertThat(first.awards()).hasSize(2);
    assertThat(second.awards()).containsExactly(Award.of(DEALER, 10, ref("base-points"),
        "1 point(s) per 100 INR on 1000."));
    assertThat(second.awards().get(0).campaign()).isEqualTo(Optional.empty());
  }
}
