package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.rules.internal.CompiledRuleSet;
import dev.loyalty.rules.internal.CompiledRuleSets;
import dev.loyalty.rules.standard.StandardRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A reused session keeps the program's facts between evaluations and nothing else (see {@code
 * Sessions}): the ready-made rules reuse sessions; a rule that matches the program's facts alone
 * still fires on every activity (its rule set is pooled instead); a rule that deletes a program
 * fact does not take it from the next evaluation; a second program replaces the first's facts.
 * {@link EvaluationIsolationTest} checks that the outcome never depends on what ran before.
 */
class SessionReuseTest {
  private static final String HEADER = "package loyalty.reuse;\nimport dev.loyalty.core.activity.*;\n"
      + "import dev.loyalty.core.program.*;\nimport dev.loyalty.rules.facts.*;\n";

  private static CompiledRuleSet compile(String drl) {
    return CompiledRuleSets.compile(RuleSet.always("reuse-1", RuleSource.of("reuse.drl", HEADER + drl)));
  }

  /** One program object for every evaluation, as an engine gives: its facts stay in a reused session. */
  private static final Program PROGRAM = TestFacts.sale("1").facts().program();

  private static RuleFacts training() {
    return TestFacts.training("basics").program(PROGRAM).facts();
  }

  private static RuleFacts sale(String amount) {
    return TestFacts.sale(amount).program(PROGRAM).facts();
  }

  private static List<String> flags(CompiledRuleSet rules, RuleFacts facts) {
    return rules.evaluate(facts).riskFlags().stream().map(RiskFlag::code).toList();
  }

  @Test
  void theReadyMadeRules_reuseTheirSessions() {
    CompiledRuleSet standard = CompiledRuleSets.compile(StandardRules.ruleSet("standard-1",
        java.time.Instant.MIN));
    assertThat(CompiledRuleSets.sessionStrategy(standard)).isEqualTo("REUSED");
  }

  @Test
  void aRuleOnTheProgramsFactsAlone_firesOnEveryActivity_inAPooledSession() {
    CompiledRuleSet rules = compile("""
        rule "program alone"
          ruleflow-group "risk"
        when
          ProgramParameters( )
        then
          insert(RiskAlert.note("program-alone", "every activity"));
        end
        rule "program and no sale"
          ruleflow-group "risk"
        when
          Program( )
          not Sale( )
        then
          insert(RiskAlert.note("no-sale", "not a sale"));
        end
        """);
    for (int i = 0; i < 3; i++) {
      assertThat(flags(rules, training())).containsExactlyInAnyOrder("program-alone", "no-sale");
      assertThat(flags(rules, training())).containsExactlyInAnyOrder("program-alone", "no-sale");
      assertThat(flags(rules, sale("100"))).containsExactly("program-alone");
    }
    assertThat(CompiledRuleSets.sessionStrategy(rules)).isEqualTo("POOLED");
  }

  @Test
  void aRuleThatDeletesTheParameters_doesNotTakeThemFromTheNextEvaluation() {
    CompiledRuleSet rules = compile("""
        rule "deletes the parameters"
          ruleflow-group "risk"
        when
          Sale( total.amount > 1000 )
          $p : ProgramParameters( )
        then
          delete($p);
        end
        rule "sees the parameters"
          ruleflow-group "award"
        when
          Sale( )
          ProgramParameters( )
        then
          insert(RiskAlert.note("parameters", "seen"));
        end
        """);
    assertThat(CompiledRuleSets.sessionStrategy(rules)).isEqualTo("REUSED");
    for (int i = 0; i < 3; i++) {
      assertThat(flags(rules, sale("5000"))).isEmpty();
      assertThat(flags(rules, sale("100"))).containsExactly("parameters");
    }
  }

  @Test
  void anotherProgram_replacesTheFirstProgramsFacts() {
    CompiledRuleSet rules = compile("""
        rule "names the program's parameter"
          ruleflow-group "risk"
        when
          Sale( )
          ProgramParameters( has("review.note"), $note : values["review.note"] )
        then
          insert(RiskAlert.note("note-" + $note, "the program's note"));
        end
        """);
    assertThat(CompiledRuleSets.sessionStrategy(rules)).isEqualTo("REUSED");
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String note = i % 2 == 0 ? "a" : "b";
      seen.addAll(flags(rules, TestFacts.sale("100").parameters(Map.of("review.note", note)).facts()));
      seen.addAll(flags(rules, TestFacts.sale("100").parameters(Map.of()).facts()));
    }
    assertThat(seen).containsExactly("note-a", "note-b", "note-a", "note-b");
  }

  @Test
  void aParameterThatFailsACondition_failsEveryEvaluation_notJustTheFirst() {
    CompiledRuleSet rules = compile("""
        rule "reads a number"
          ruleflow-group "risk"
        when
          Sale( )
          ProgramParameters( whole("review.count") > 1 )
        then
          insert(RiskAlert.note("count", "more than one"));
        end
        """);
    RuleFacts bad = TestFacts.sale("100").parameters(Map.of("review.count", "many")).facts();
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> rules.evaluate(bad)).isInstanceOf(RuleEvaluationException.class)
          .hasMessageContaining("review.count");
    }
    assertThat(flags(rules, TestFacts.sale("100").parameters(Map.of("review.count", "2")).facts()))
        .containsExactly("count");
  }
}
