package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.rules.standard.StandardRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What Drools only logs comes back to the author: the shipped rules compile without a single Drools
 * warning (checked in a JVM of its own, since Drools stops logging some warnings after the first ten
 * in a JVM), an author's rules get theirs in the compile result at file:line:column, and a file with
 * nothing in it is refused.
 */
class RuleWarningsTest {
  /** Five lines, so that every example's first rule starts on line 6. */
  private static final String HEAD = """
      package rules;
      import dev.loyalty.core.model.*;
      import dev.loyalty.core.activity.*;
      import dev.loyalty.core.program.*;
      import dev.loyalty.rules.facts.*;
      """;

  /** Builds the shipped rule sets in this JVM; what it logs is what a host sees at start. */
  public static final class BuildShippedRules {
    public static void main(String[] args) {
      RuleSetInfo standard = DroolsRuleEngine.of(StandardRules.ruleSet("standard-1", Instant.MIN)).ruleSets().get(0);
      RuleSetInfo sample = DroolsRuleEngine.of(RuleSet.always("sample-1",
          RuleSource.fromClasspath("dev/loyalty/rules/samples/sample-program.drl"),
          RuleSource.fromDecisionTableOnClasspath("dev/loyalty/rules/samples/category-incentives.csv")))
          .ruleSets().get(0);
      System.out.println("built " + standard.ruleIds().size() + " + " + sample.ruleIds().size() + " rules, warnings: "
          + standard.warnings() + " " + sample.warnings());
    }
  }

  @Test
  void theShippedRules_logNoDroolsWarningAtStart_andReportNone() throws IOException, InterruptedException {
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), BuildShippedRules.class.getName()).redirectErrorStream(true)
        .start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(process.exitValue()).as(log).isZero();
    assertThat(log).contains("built 50 + 20 rules, warnings: [] []");
    assertThat(log.lines().filter(line -> line.contains(" WARN ")).toList()).as(log).isEmpty();
  }

  private static final String WARNED = HEAD + """

      rule "eval"
        ruleflow-group "award"
      when
        $sale : Sale( $total : total.amount )
        eval( $total.signum() > 0 )
      then
      end

      rule "reactive"
        ruleflow-group "award"
      when
        Program( $zone : zone )
        $report : SellThroughReport( onTime($zone) )
      then
      end

      rule "old group"
        agenda-group "award"
      when
        Sale( total.amount > 100 && < 1000000 )
      then
      end
      """;

  private static final List<String> WARNINGS = List.of(
      "warned.drl:11:3: rule \"eval\": eval($total.signum() > 0) reads $total of other patterns: Drools tests it for "
          + "every combination of the facts before it and logs that eval is not performance-efficient; test it in the "
          + "pattern whose fields it reads, or bind what it computes with from ($n : Long( this > 0 ) from ...)",
      "warned.drl:19:32: rule \"reactive\": 'onTime($zone)' reads $zone of another pattern and no field of "
          + "SellThroughReport, so Drools re-tests it on any change of the fact and logs that it causes class "
          + "reactivity; test it with from instead (Boolean( booleanValue ) from $fact.method($zone))",
      "warned.drl:24:3: rule \"old group\": agenda-group is deprecated in Drools 10, which logs a warning for it on "
          + "every build; write ruleflow-group \"award\", which works the same",
      "warned.drl:26:31: rule \"old group\": a condition without its left side ('&& < ...') is deprecated in Drools "
          + "10, which logs a warning for it on every build; write the field again: total.amount > ... && "
          + "total.amount < ...");

  @Test
  void anAuthorsWarnings_comeBackInTheCompileResult_atFileLineAndColumn() {
    RuleSet ruleSet = RuleSet.always("v1", RuleSource.of("warned.drl", WARNED));

    RuleCheck check = DroolsRuleEngine.check(ruleSet);
    DroolsRuleEngine engine = DroolsRuleEngine.builder().build();
    RuleSetInfo installed = engine.install(ruleSet);

    assertThat(check.compiles()).isTrue();
    assertThat(check.warnings()).extracting(RuleProblem::toString).containsExactlyElementsOf(WARNINGS);
    assertThat(installed.warnings()).isEqualTo(check.warnings());
    assertThat(engine.ruleSets()).singleElement().satisfies(i -> assertThat(i.warnings()).isEqualTo(check.warnings()));
    assertThat(check.warnings()).extracting(RuleProblem::kind).containsExactly(RuleProblem.Kind.PERFORMANCE,
        RuleProblem.Kind.PERFORMANCE, RuleProblem.Kind.DEPRECATED, RuleProblem.Kind.DEPRECATED);
  }

  @Test
  void aTablesWarning_isAtItsCell() {
    RuleSource table = RuleSource.fromDecisionTable("old.csv", """
        RuleSet,loyalty.old
        Import,"dev.loyalty.core.activity.*, dev.loyalty.rules.facts.*"

        RuleTable Old
        AGENDA-GROUP,CONDITION,ACTION
        ,$sale : Sale,
        ,total.amount >= $param,"insert(PointsAward.of($sale.partner(), $param, ""bonus"", ""Bonus.""));"
        Stage,Minimum,Points
        award,1000,10
        """.getBytes(StandardCharsets.UTF_8), DecisionTable.Format.CSV);

    assertThat(DroolsRuleEngine.check(RuleSet.always("v1", table)).warnings()).extracting(RuleProblem::toString)
        .containsExactly("old.csv row 9, cell A9 (rule \"Old_9\"): AGENDA-GROUP is deprecated in Drools 10, which logs "
            + "a warning for it on every build; use a RULEFLOW-GROUP column with \"award\", which works the same");
  }

  @Test
  void anEmptyOrCommentsOnlyFile_isRefused() {
    DroolsRuleEngine engine = DroolsRuleEngine.of(RuleSet.always("v1", RuleSource.of("points.drl", HEAD + """
        rule "one" ruleflow-group "award" when $s : Sale( ) then insert(PointsAward.of($s.partner(), 1, "base", "One.")); end
        """)));
    String empty = "the file has no rules (it is empty, or holds only comments, a package and imports); a rule set "
        + "installs what its files say, and this one says nothing: give the file its rules, or leave it out";

    assertThat(DroolsRuleEngine.validate(RuleSet.always("v2", RuleSource.of("empty.drl", ""),
        RuleSource.of("comments.drl", "// the bonus rules, to do\n/* nothing yet */\n"),
        RuleSource.of("header.drl", HEAD)))).extracting(RuleProblem::toString).containsExactly(
        "empty.drl:1:1: " + empty, "comments.drl:1:1: " + empty, "header.drl:1:1: " + empty);
    assertThatThrownBy(() -> engine.install(RuleSet.of("v2", Instant.parse("2026-08-01T00:00:00Z"),
        RuleSource.of("empty.drl", "")))).isInstanceOf(RuleCompilationException.class)
        .hasMessage("rule set v2 refused (1 problem):\nempty.drl:1:1: " + empty);
    assertThat(engine.ruleSets()).extracting(RuleSetInfo::version).containsExactly("v1");
  }

  @Test
  void aRuleSetOfFunctionsOnly_orATableWithoutRows_isRefused() {
    RuleSource functions = RuleSource.of("helpers.drl", HEAD + "function long twice(long x) { return 2 * x; }\n");
    RuleSource table = RuleSource.fromDecisionTable("none.csv", """
        RuleSet,loyalty.none
        Import,"dev.loyalty.core.activity.*, dev.loyalty.rules.facts.*"

        RuleTable None
        RULEFLOW-GROUP,CONDITION,ACTION
        ,$sale : Sale,
        ,total.amount >= $param,"insert(PointsAward.of($sale.partner(), $param, ""bonus"", ""Bonus.""));"
        Stage,Minimum,Points
        """.getBytes(StandardCharsets.UTF_8), DecisionTable.Format.CSV);

    assertThat(DroolsRuleEngine.validate(RuleSet.always("v1", functions))).extracting(RuleProblem::toString)
        .containsExactly("helpers.drl:1:1: the rule set has no rules, only functions or declarations; add the files "
            + "with its rules");
    assertThat(DroolsRuleEngine.validate(RuleSet.always("v1", table))).extracting(RuleProblem::toString)
        .containsExactly("none.csv: the table has no rules: no row under its row of labels has a value");
  }
}
