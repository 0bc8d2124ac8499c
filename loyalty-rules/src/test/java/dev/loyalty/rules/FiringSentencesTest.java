package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RuleDecision;
import dev.loyalty.core.rules.RuleOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What one firing's sentence tells when a consequence inserts an award and changes it at once, or
 * changes one award twice: the insertion tells the points as they are when the rule is done, not
 * the change as well; the next rule that changes the award tells that earlier change with its own
 * (as the listener always has: the award's changes are told from where its insertion was taken
 * down), each change once. Pins the listener's bookkeeping of what a firing inserted and updated.
 */
class FiringSentencesTest {
  private static DroolsRuleEngine rules;

  @BeforeAll
  static void compile() {
    rules = DroolsRuleEngine.of(RuleSet.always("firings", RuleSource.of("firings.drl", """
        package firings;
        import dev.loyalty.core.activity.*;
        import dev.loyalty.rules.facts.*;
        import java.math.BigDecimal;

        rule "boosted at once"
          @ruleId("boosted")
          ruleflow-group "award"
        when
          $sale : Sale( )
        then
          PointsAward award = PointsAward.of($sale.partner(), 10, "base", "Ten.");
          insert(award);
          modify(award) { multiply(new BigDecimal("2"), "(doubled)") }
        end

        rule "twice trimmed"
          @ruleId("trimmed")
          ruleflow-group "cap"
        when
          $award : PointsAward( kind == "base" )
        then
          modify($award) { reduceBy(3, "(first trim)") }
          modify($award) { reduceBy(2, "(second trim)") }
        end
        """)));
  }

  @Test
  void anAwardChangedInTheFiringThatInsertedIt_isToldAsInserted_andEachChangeOnceByTheNextRuleThatChangesIt() {
    RuleOutcome outcome = rules.evaluate(TestFacts.sale("100").facts());

    assertThat(outcome.awards()).extracting(Award::points).containsExactly(15L);
    assertThat(outcome.decisions()).extracting(d -> d.rule().ruleId()).containsExactly("boosted", "trimmed");
    assertThat(outcome.decisions()).extracting(RuleDecision::explanation).containsExactly(
        "Awarded 20 base points to partner dealer-a: Ten. (matched sale inv-1).",
        "Changed the base award to partner dealer-a from 10 to 20 points: (doubled); changed the base award to "
            + "partner dealer-a from 20 to 17 points: (first trim); changed the base award to partner dealer-a from 17 "
            + "to 15 points: (second trim) (matched award of 15 points to partner dealer-a (base)).");
  }
}
