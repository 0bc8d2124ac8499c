package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every failure is located in the author's terms (file, rule, and the line where it is known), never
 * in the terms of the Java Drools generates: a condition that throws while the rule set is built, an
 * eval that throws during an evaluation, and a date or an Instant compared with text.
 */
class FailureLocationsTest {
  /** Five lines, so that every example's first rule starts on line 6. */
  private static final String HEAD = """
      package rules;
      import dev.loyalty.core.model.*;
      import dev.loyalty.core.activity.*;
      import java.math.BigDecimal;

      """;
  /** A rule that never fails, so that the failing rule is one of several: lines 6 to 12. */
  private static final String FINE = """
      rule "fine"
        ruleflow-group "award"
      when
        $sale : Sale( )
      then
      end

      """;

  private static List<String> problems(String drl) {
    return DroolsRuleEngine.validate(RuleSet.always("v1", RuleSource.of("points.drl", HEAD + drl))).stream()
        .map(RuleProblem::toString).toList();
  }

  @Test
  void aConditionThatThrowsWhileTheRuleSetIsBuilt_isRefusedAtIt_notThrownBare() {
    String drl = FINE + """
        rule "constant"
          ruleflow-group "award"
        when
          Sale( )
          eval( BigDecimal.ONE.divide(BigDecimal.ZERO) != null )
        then
        end
        """;
    String problem = "points.drl:17:3: rule \"constant\": this condition threw ArithmeticException: Division by zero "
        + "while the rule set was built: Drools tests a condition that reads no fact once, when it builds the rule "
        + "set; compute the value in the consequence, or test a fact's field";

    assertThat(problems(drl)).containsExactly(problem);
    assertThatThrownBy(() -> DroolsRuleEngine.of(RuleSet.always("v1", RuleSource.of("points.drl", HEAD + drl))))
        .isInstanceOf(RuleCompilationException.class).hasMessage("rule set v1 refused (1 problem):\n" + problem);
  }

  @Test
  void anEvalThatThrowsDuringAnEvaluation_namesItsRuleFileAndLine() {
    DroolsRuleEngine engine = DroolsRuleEngine.of(RuleSet.always("v1", RuleSource.of("points.drl", HEAD + FINE + """
        rule "divide"
          ruleflow-group "award"
        when
          Sale( $total : total.amount )
          eval( $total.divide(BigDecimal.ZERO) != null )
        then
        end
        """)));

    assertThatThrownBy(() -> engine.evaluate(TestFacts.sale("100").facts()))
        .isInstanceOf(RuleEvaluationException.class)
        .hasMessage("the condition 'eval($total.divide(BigDecimal.ZERO) != null)' (points.drl:17:3) of rule divide of "
            + "rule set v1 failed on sale inv-1: ArithmeticException: Division by zero");
  }

  @Test
  void aConditionThatThrowsDuringAnEvaluation_namesItsFileAndLine() {
    DroolsRuleEngine engine = DroolsRuleEngine.of(RuleSet.always("v1", RuleSource.of("points.drl", HEAD + """
        rule "divide"
          ruleflow-group "award"
        when
          Sale( total.amount.divide(BigDecimal.ZERO) != null )
        then
        end
        """)));

    assertThatThrownBy(() -> engine.evaluate(TestFacts.sale("100").facts()))
        .isInstanceOf(RuleEvaluationException.class)
        .hasMessage("the condition 'total.amount.divide(BigDecimal.ZERO) != null' (points.drl:9:9) of rule divide of "
            + "rule set v1 failed on sale inv-1: ArithmeticException: Division by zero");
  }

  @Test
  void aFromThatThrowsDuringAnEvaluation_namesItsRule() {
    DroolsRuleEngine engine = DroolsRuleEngine.of(RuleSet.always("v1", RuleSource.of("points.drl", HEAD + FINE + """
        rule "per zero"
          ruleflow-group "award"
        when
          Sale( $total : total.amount )
          $share : BigDecimal( ) from $total.divide(BigDecimal.ZERO)
        then
        end
        """)));

    assertThatThrownBy(() -> engine.evaluate(TestFacts.sale("100").facts()))
        .isInstanceOf(RuleEvaluationException.class)
        .hasMessage("a condition of rule per zero (points.drl:13:1) of rule set v1 failed on sale inv-1: "
            + "ArithmeticException: Division by zero");
  }

  @Test
  void anInstantOrADayComparedWithText_isRefusedInTheAuthorsTerms() {
    assertThat(problems("""
        rule "july"
          ruleflow-group "award"
        when
          Sale( occurredAt > "2026-07-01" )
          Partner( enrolledOn >= "2026-01-01" )
        then
        end

        rule "july, written as Drools reads a day"
          ruleflow-group "award"
        when
          Partner( enrolledOn >= "1-Jan-2026" )
        then
        end
        """)).containsExactly(
        "points.drl:9:9: rule \"july\": 'occurredAt' is an Instant, which cannot be compared with the text "
            + "\"2026-07-01\"; compare it with another Instant, or to apply a rule from or until a day, write "
            + "date-effective \"1-Dec-2026\" or date-expires \"1-Jan-2027\" on it (days in the program's time zone, "
            + "compared with the activity's own day), or install a rule set version effective from that date",
        "points.drl:10:12: rule \"july\": 'enrolledOn' is a LocalDate; Drools reads a day in quotes only as "
            + "\"1-Dec-2026\", not \"2026-01-01\"");
  }
}
