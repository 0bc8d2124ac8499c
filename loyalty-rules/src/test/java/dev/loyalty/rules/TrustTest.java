package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.rules.Award;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DRL runs with the host's permissions, so by default the rule checker refuses code that reaches
 * outside the fact vocabulary, each use at file:line:column with what it reaches; a host that trusts
 * a rule set's authors installs it with {@code RuleSet.asTrusted()}.
 */
class TrustTest {
  /** Five lines, so that every example's first rule starts on line 6. */
  private static final String HEAD = """
      package rules;
      import dev.loyalty.core.model.*;
      import dev.loyalty.core.activity.*;
      import dev.loyalty.rules.facts.*;

      """;
  private static final String ALLOWED = "; rules may use the facts and the plain values of java.lang, java.math, "
      + "java.time, java.util and java.text only; install a rule set you trust with RuleSet.asTrusted() to lift "
      + "this (docs/RULES.md, \"Trust\")";

  private static List<String> problems(String drl) {
    return DroolsRuleEngine.validate(RuleSet.always("v1", RuleSource.of("points.drl", drl))).stream()
        .map(RuleProblem::toString).toList();
  }

  /** A rule whose consequence is {@code code}, in a file whose rule starts on line 6 and code is on line 11. */
  private static List<String> consequence(String code) {
    return problems(HEAD + """
        rule "reach"
          ruleflow-group "award"
        when
          $sale : Sale( )
        then
        %s
        end
        """.formatted(code));
  }

  @Test
  void filesAreRefused() {
    assertThat(consequence("  String s = java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\"));"))
        .containsExactly(
            "points.drl:11:14: rule \"reach\": uses java.nio.file.Files: files (I/O)" + ALLOWED,
            "points.drl:11:45: rule \"reach\": uses java.nio.file.Path: files (I/O)" + ALLOWED);
    assertThat(problems("package rules;\nimport java.io.*;\n")).containsExactly(
        "points.drl:2:8: imports java.io: files (I/O)" + ALLOWED);
  }

  @Test
  void theNetworkIsRefused() {
    assertThat(consequence("  new java.net.Socket(\"example.com\", 80);")).containsExactly(
        "points.drl:11:7: rule \"reach\": uses java.net.Socket: the network" + ALLOWED);
  }

  @Test
  void reflectionIsRefused() {
    assertThat(consequence("  Object o = $sale.getClass().getDeclaredFields();")).containsExactly(
        "points.drl:11:20: rule \"reach\": calls getClass(): reflection" + ALLOWED,
        "points.drl:11:31: rule \"reach\": calls getDeclaredFields(): reflection" + ALLOWED);
    assertThat(problems("package rules;\nimport java.lang.reflect.Method;\n")).containsExactly(
        "points.drl:2:8: imports java.lang.reflect.Method: reflection" + ALLOWED);
  }

  @Test
  void threadsAreRefused() {
    assertThat(consequence("  new Thread(() -> {}).start(); Thread.sleep(10);")).containsExactly(
        "points.drl:11:7: rule \"reach\": uses java.lang.Thread: threads" + ALLOWED,
        "points.drl:11:33: rule \"reach\": uses java.lang.Thread: threads" + ALLOWED);
    assertThat(problems("package rules;\nimport java.util.concurrent.Executors;\n")).containsExactly(
        "points.drl:2:8: imports java.util.concurrent.Executors: threads" + ALLOWED);
  }

  @Test
  void systemAndRuntimeAreRefused() {
    assertThat(consequence("  System.setProperty(\"a\", \"b\"); System.exit(1);")).containsExactly(
        "points.drl:11:3: rule \"reach\": uses java.lang.System: System" + ALLOWED,
        "points.drl:11:33: rule \"reach\": uses java.lang.System: System" + ALLOWED);
    assertThat(consequence("  Runtime.getRuntime().exec(\"rm -rf /\");")).containsExactly(
        "points.drl:11:3: rule \"reach\": uses java.lang.Runtime: Runtime" + ALLOWED,
        "points.drl:11:24: rule \"reach\": calls exec(): processes" + ALLOWED);
  }

  @Test
  void classLoadingIsRefused() {
    assertThat(consequence("  Object c = Class.forName(\"x.Y\");")).containsExactly(
        "points.drl:11:14: rule \"reach\": uses java.lang.Class: reflection" + ALLOWED,
        "points.drl:11:20: rule \"reach\": calls forName(): class loading" + ALLOWED);
    assertThat(consequence("  ClassLoader l = PointsAward.class.getClassLoader();")).containsExactly(
        "points.drl:11:3: rule \"reach\": uses java.lang.ClassLoader: class loading" + ALLOWED,
        "points.drl:11:37: rule \"reach\": calls getClassLoader(): class loading" + ALLOWED);
  }

  @Test
  void theEnginesInternalsTheWallClockAndOtherLibrariesAreRefused() {
    assertThat(consequence("  kcontext.getKieRuntime().halt(); drools.halt();")).containsExactly(
        "points.drl:11:3: rule \"reach\": uses kcontext: the rule engine's internals" + ALLOWED,
        "points.drl:11:36: rule \"reach\": uses drools: the rule engine's internals" + ALLOWED);
    assertThat(consequence("  java.time.LocalDate today = java.time.LocalDate.now();")).containsExactly(
        "points.drl:11:51: rule \"reach\": calls now(): the wall clock" + ALLOWED);
    assertThat(problems("package rules;\nimport dev.loyalty.ledger.Ledger;\nimport org.slf4j.LoggerFactory;\n"))
        .containsExactly(
            "points.drl:2:8: imports dev.loyalty.ledger.Ledger: the SDK's engine, ledger or stores, which rules do "
                + "not reach" + ALLOWED,
            "points.drl:3:8: imports org.slf4j.LoggerFactory: outside the fact vocabulary" + ALLOWED);
  }

  @Test
  void aConditionOrAFunction_isCheckedToo() {
    assertThat(problems(HEAD + """
        function String home() {
          return System.getenv("HOME");
        }

        rule "reach"
          ruleflow-group "award"
        when
          $sale : Sale( eval(Runtime.getRuntime().availableProcessors() > 1) )
        then
        end
        """)).containsExactly(
        "points.drl:7:10: uses java.lang.System: System" + ALLOWED,
        "points.drl:13:22: rule \"reach\": uses java.lang.Runtime: Runtime" + ALLOWED);
  }

  private static final String READS_A_PROPERTY = HEAD + """
      rule "by property"
        ruleflow-group "award"
      when
        $sale : Sale( )
      then
        String bonus = System.getProperty("loyalty.test.bonus", "3");
        insert(PointsAward.of($sale.partner(), Long.parseLong(bonus), "base", "Configured."));
      end
      """;

  @Test
  void aTrustedRuleSet_mayReachOutside_andAnUntrustedOneIsRefusedWhole() {
    DroolsRuleEngine engine = DroolsRuleEngine.of(RuleSet.always("trusted",
        RuleSource.of("points.drl", READS_A_PROPERTY)).asTrusted());

    assertThat(engine.evaluate(TestFacts.sale("100").facts()).awards()).extracting(Award::points).containsExactly(3L);
    assertThatThrownBy(() -> engine.install(RuleSet.of("untrusted", java.time.Instant.parse("2026-01-01T00:00:00Z"),
        RuleSource.of("points.drl", READS_A_PROPERTY)))).isInstanceOf(RuleCompilationException.class)
        .hasMessage("rule set untrusted refused (1 problem):\npoints.drl:11:18: rule \"by property\": uses "
            + "java.lang.System: System" + ALLOWED);
    assertThat(engine.ruleSets()).extracting(RuleSetInfo::version).containsExactly("trusted");
  }
}
