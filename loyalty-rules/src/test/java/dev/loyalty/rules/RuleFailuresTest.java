package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.rules.Award;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An evaluation the rules cannot finish is refused with the rule, version and activity named, and
 * the pooled session it ran in is clean for the next activity.
 */
class RuleFailuresTest {
  private static DroolsRuleEngine engine;

  @BeforeAll
  static void compileOnce() {
    engine = DroolsRuleEngine.builder().maxFiringsPerActivity(50).ruleSet(RuleSet.always("f1",
        RuleSource.of("failing.drl", """
            package failing;
            import dev.loyalty.core.activity.*;
            import dev.loyalty.core.model.*;
            import dev.loyalty.rules.facts.*;
            import java.math.BigDecimal;

            rule "base" @ruleId("base-points") ruleflow-group "award"
            when
              Partner( $p : id )
              Sale( )
            then
              insert(PointsAward.of($p, 10, "base", "Ten."));
            end

            rule "parameter in the consequence" ruleflow-group "award"
            when
              Sale( id.value == "inv-param" )
              $parameters : ProgramParameters( )
            then
              long x = $parameters.whole("bonus-points");
            end

            rule "negative" ruleflow-group "award"
            when
              Sale( id.value == "inv-negative" )
              Partner( $p : id )
            then
              insert(PointsAward.of($p, -5, "base", "Minus five."));
            end

            rule "grow" ruleflow-group "multiply"
            when
              Sale( id.value == "inv-loop" )
              $a : PointsAward( points > 0 )
            then
              modify($a) { multiply(BigDecimal.ONE, "") }
            end

            rule "sneaky cap" ruleflow-group "cap"
            when
              Sale( id.value == "inv-sneaky" )
              $a : PointsAward( )
            then
              $a.capAt(1, "Sneaky.");
            end

            rule "lost share" ruleflow-group "split"
            when
              Sale( id.value == "inv-share" )
              $a : PointsAward( toPartner, !split )
            then
              $a.splitPercent(new MemberId("somebody"), 30, "");
              update($a);
            end
            """))).build();
  }

  private static void assertTheNextActivityIsFine() {
    assertThat(engine.evaluate(TestFacts.sale("100").id("inv-fine").facts()).awards())
        .extracting(Award::points).containsExactly(10L);
  }

  @Test
  void aConsequenceThatThrows_namesTheRuleAndTheCause() {
    assertThatThrownBy(() -> engine.evaluate(TestFacts.sale("100").id("inv-param").facts()))
        .isInstanceOf(RuleEvaluationException.class)
        .hasMessage("rule parameter in the consequence (failing.drl:15:1) of rule set f1 failed on sale inv-param: "
            + "IllegalStateException: program acme-2026 has no parameter 'bonus-points'");
    assertTheNextActivityIsFine();
  }

  @Test
  void aConditionThatThrows_namesTheRuleTheConditionAndTheCause() {
    // A condition on ProgramParameters is evaluated for every activity: a missing parameter read
    // without a default fails them all (RULES.md: guard with has("...") or give a default).
    DroolsRuleEngine strict = DroolsRuleEngine.of(RuleSet.always("f2", RuleSource.of("strict.drl", """
        package strict;
        import dev.loyalty.rules.facts.*;

        rule "bonus when configured" ruleflow-group "award"
        when
          ProgramParameters( whole("bonus-points") > 0 )
        then
        end
        """)));

    assertThatThrownBy(() -> strict.evaluate(TestFacts.sale("100").facts()))
        .isInstanceOf(RuleEvaluationException.class)
        .hasMessage("the condition 'whole(\"bonus-points\") > 0' (strict.drl:6:22) of rule bonus when configured of rule set f2 failed "
            + "on sale inv-1: IllegalStateException: program acme-2026 has no parameter 'bonus-points'");
  }

  @Test
  void anInvalidResult_isRefusedWithItsReason() {
    assertThatThrownBy(() -> engine.evaluate(TestFacts.sale("100").id("inv-negative").facts()))
        .isInstanceOf(RuleEvaluationException.class)
        .hasMessage("rule negative (failing.drl:23:1) of rule set f1 failed on sale inv-negative: IllegalArgumentException: an award of "
            + "base points to partner dealer-a must not be negative, got -5");
  }

  @Test
  void rulesThatKeepWakingEachOther_stopAtTheLimit_withTheBusiestRules() {
    assertThatThrownBy(() -> engine.evaluate(TestFacts.sale("100").id("inv-loop").facts()))
        .isInstanceOf(RuleEvaluationException.class)
        .hasMessageStartingWith("rules of rule set f1 fired more than 50 times on sale inv-loop; the busiest: "
            + "grow (failing.drl:31:1) 50 times, base-points (failing.drl:7:1) once");
    assertTheNextActivityIsFine();
  }

  @Test
  void anAwardChangedWithoutModify_isRefused_laterStagesWouldNotSeeIt() {
    assertThatThrownBy(() -> engine.evaluate(TestFacts.sale("100").id("inv-sneaky").facts()))
        .isInstanceOf(RuleEvaluationException.class)
        .hasMessage("rule sneaky cap (failing.drl:39:1) of rule set f1 changed the award of 1 points to partner dealer-a (base) without "
            + "modify or update; write modify($award) { ... } (or call update($award) after the change) so that "
            + "later rules see the new points (activity sale inv-sneaky)");
    assertTheNextActivityIsFine();
  }

  @Test
  void aSplitShareNotInserted_isRefused_itsPointsWouldVanish() {
    assertThatThrownBy(() -> engine.evaluate(TestFacts.sale("100").id("inv-share").facts()))
        .isInstanceOf(RuleEvaluationException.class)
        .hasMessage("rule lost share (failing.drl:47:1) of rule set f1 split 3 points off the award of 7 points to partner dealer-a "
            + "(base) but did not insert the share; insert the award splitOff or splitPercent returned (activity sale "
            + "inv-share)");
  }

  @Test
  void manyThreads_shareTheEngine() throws Exception {
    List<Thread> threads = new java.util.ArrayList<>();
    java.util.concurrent.ConcurrentLinkedQueue<Throwable> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
    for (int t = 0; t < 4; t++) {
      int n = t;
      Thread thread = new Thread(() -> {
        try {
          for (int i = 0; i < 500; i++) {
            String id = (i % 5 == 0 ? "inv-loop-" : "inv-") + n + "-" + i;
            assertThat(engine.evaluate(TestFacts.sale("100").id(id).facts()).awards()).hasSize(1);
          }
        } catch (Throwable e) {
          errors.add(e);
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(errors).isEmpty();
  }
}
