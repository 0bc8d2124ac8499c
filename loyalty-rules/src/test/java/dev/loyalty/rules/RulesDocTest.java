package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.rules.internal.Vocabulary;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/RULES.md honest: its DRL compiles, the worked example's outcome is the one shown, the
 * chaining example is the one the tests run, every refused example gives exactly the problems
 * shown under it, the decision table example is the shipped one with the outcome and problems
 * shown, and every field of every fact type is listed.
 */
class RulesDocTest {
  private static final Path RULES = Path.of("..", "docs", "RULES.md");
  private static final Pattern BLOCK = Pattern.compile("(?ms)^```([^\\n]*)\\n(.*?)^```\\s*$");
  private static String doc;
  private static List<String[]> blocks;

  @BeforeAll
  static void read() throws IOException {
    doc = Files.readString(RULES, StandardCharsets.UTF_8);
    blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(doc);
    while (m.find()) {
      blocks.add(new String[] {m.group(1).strip(), m.group(2)});
    }
  }

  private static List<String> blocks(String info) {
    return blocks.stream().filter(b -> b[0].equals(info)).map(b -> b[1]).toList();
  }

  @Test
  void theChainingExample_isTheOneTheTestsRun() throws IOException {
    String resource = new String(RulesDocTest.class.getResourceAsStream("/examples/chaining.drl").readAllBytes(),
        StandardCharsets.UTF_8);

    assertThat(blocks("drl").get(0)).isEqualTo(resource);
  }

  @Test
  void theWorkedExample_givesTheOutcomeShown() {
    DroolsRuleEngine engine = DroolsRuleEngine.of(RuleSet.always("chain-1", RuleSource.of("chaining.drl",
        blocks("drl").get(0))));

    RuleOutcome outcome = engine.evaluate(TestFacts.sale("90000").rep().tier(ChannelFixture.GOLD)
        .parameters(Map.of("max-points-per-invoice", "1000")).facts());

    List<String> lines = new ArrayList<>();
    outcome.awards().forEach(a -> lines.add("award " + a.beneficiary().kind() + " " + a.beneficiary().value() + ": "
        + a.points() + " points by " + a.rule() + ": " + a.reason()));
    outcome.decisions().forEach(d -> lines.add("fired " + d.rule() + ": " + d.explanation()));
    assertThat(String.join("\n", lines) + "\n").isEqualTo(blocks("text outcome").get(0));
  }

  @Test
  void theOtherExamples_compileAndWork() {
    assertThat(blocks("drl")).hasSizeGreaterThanOrEqualTo(2);
    DroolsRuleEngine engine = DroolsRuleEngine.of(RuleSet.always("more-1", RuleSource.of("more.drl",
        blocks("drl").get(1))));

    RuleOutcome outcome = engine.evaluate(TestFacts.sale("10000").streak(3).facts());

    // July: the fixture's monsoon campaign pays 50% of the invoice's 100 hundreds
    assertThat(outcome.awards()).extracting(Award::points, Award::campaign)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(50L, java.util.Optional.of(CampaignId.of("monsoon"))));
    assertThat(outcome.badges()).extracting(b -> b.badge() + ": " + b.reason())
        .containsExactly("streak: 3 months in a row with orders.");
  }

  @Test
  void theCapExample_givesTheOutcomeShown() {
    assertThat(blocks("drl")).hasSizeGreaterThanOrEqualTo(3);
    RuleSet caps = RuleSet.always("caps-1", RuleSource.of("caps.drl", blocks("drl").get(2)));
    assertThat(DroolsRuleEngine.check(caps).warnings()).isEmpty();
    DroolsRuleEngine engine = DroolsRuleEngine.of(caps);

    RuleOutcome outcome = engine.evaluate(TestFacts.sale("2500").earnedThisMonth("base-points", 9_990).facts());

    List<String> lines = new ArrayList<>();
    outcome.awards().forEach(a -> lines.add("award " + a.beneficiary().kind() + " " + a.beneficiary().value() + ": "
        + a.points() + " points by " + a.rule() + ": " + a.reason()));
    outcome.decisions().forEach(d -> lines.add("fired " + d.rule() + ": " + d.explanation()));
    assertThat(String.join("\n", lines) + "\n").isEqualTo(blocks("text cap-outcome").get(0));
    // nothing left: nothing paid; far from the cap: the award whole
    assertThat(engine.evaluate(TestFacts.sale("2500").earnedThisMonth("base-points", 10_000).facts()).awards())
        .isEmpty();
    assertThat(engine.evaluate(TestFacts.sale("2500").earnedThisMonth("base-points", 9_975).facts()).awards())
        .extracting(Award::points).containsExactly(25L);
  }

  @Test
  void everyRefusedExample_givesExactlyTheProblemsShownUnderIt() {
    int refused = 0;
    for (int i = 0; i < blocks.size(); i++) {
      if (!blocks.get(i)[0].equals("drl-refused")) {
        continue;
      }
      refused++;
      String drl = blocks.get(i)[1];
      assertThat(blocks.get(i + 1)[0]).as("the block after a refused example shows its problems").isEqualTo("text");
      List<String> expected = blocks.get(i + 1)[1].lines().toList();

      List<String> actual = DroolsRuleEngine.validate(RuleSet.always("doc", RuleSource.of("points.drl", drl)))
          .stream().map(RuleProblem::toString).toList();

      assertThat(actual).as("problems of refused example %d", refused).isEqualTo(expected);
    }
    assertThat(refused).isGreaterThanOrEqualTo(6);
  }

  @Test
  void everyWarnedExample_compilesWithExactlyTheWarningsShownUnderIt() {
    int warned = 0;
    for (int i = 0; i < blocks.size(); i++) {
      if (!blocks.get(i)[0].equals("drl-warned")) {
        continue;
      }
      warned++;
      assertThat(blocks.get(i + 1)[0]).as("the block after a warned example shows its warnings").isEqualTo("text");

      RuleCheck check = DroolsRuleEngine.check(RuleSet.always("doc", RuleSource.of("points.drl", blocks.get(i)[1])));

      assertThat(check.problems()).as("warned example %d compiles", warned).isEmpty();
      assertThat(check.warnings()).extracting(RuleProblem::toString).as("warnings of warned example %d", warned)
          .isEqualTo(blocks.get(i + 1)[1].lines().toList());
    }
    assertThat(warned).isPositive();
  }

  @Test
  void theCatchExample_catchesWhatTheEngineThrows() {
    String example = blocks("java").stream().filter(b -> b.contains("catch (")).findFirst().orElseThrow();
    Matcher caught = Pattern.compile("catch \\((\\w+) e\\)").matcher(example);
    List<Class<?>> types = new ArrayList<>();
    while (caught.find()) {
      types.add(switch (caught.group(1)) {
        case "RuleTimeoutException" -> RuleTimeoutException.class;
        case "RuleEvaluationException" -> RuleEvaluationException.class;
        default -> throw new AssertionError("the example catches an exception the engine does not throw: "
            + caught.group(1));
      });
    }
    // the narrower first, or the compiler would refuse the example
    assertThat(types).containsExactly(RuleTimeoutException.class, RuleEvaluationException.class);
    assertThat(RuleEvaluationException.class).isAssignableFrom(RuleTimeoutException.class);
  }

  @Test
  void theDecisionTableExample_isTheShippedTable() {
    assertThat(blocks("csv")).containsExactly(DecisionTablesTest.sampleCsv());
  }

  @Test
  void theDecisionTableExample_givesTheOutcomeShown() {
    DroolsRuleEngine engine = DroolsRuleEngine.of(RuleSet.always("2026-07", table(blocks("csv").get(0))));

    RuleOutcome outcome = engine.evaluate(TestFacts.sale("1000").line("SW-1", "switches", "6000")
        .line("LT-1", "lighting", "2000").facts());

    List<String> lines = new ArrayList<>();
    outcome.awards().forEach(a -> lines.add("award " + a.beneficiary().kind() + " " + a.beneficiary().value() + ": "
        + a.points() + " points by " + a.rule() + ": " + a.reason()));
    assertThat(String.join("\n", lines) + "\n").isEqualTo(blocks("text table-outcome").get(0));
  }

  @Test
  void theBrokenDecisionTable_givesExactlyTheProblemsShown() {
    String csv = blocks("csv").get(0);
    String broken = csv.replace("$line.amount().toPlainString()", "$line.amont().toPlainString()")
        .replace("\naward,cables-distributor", "\nawrd,cables-distributor")
        .replace("award,switches-dealer,dealer,5000", "award,switches-dealer,dealer,abc")
        .replace("award,lighting-retailer", "award,cables-dealer");
    assertThat(broken).as("all four mistakes are made").isNotEqualTo(csv);

    List<String> actual = DroolsRuleEngine.validate(RuleSet.always("doc", table(broken))).stream()
        .map(RuleProblem::toString).toList();

    assertThat(actual).isEqualTo(blocks("text table-problems").get(0).lines().toList());
  }

  private static RuleSource table(String csv) {
    return RuleSource.fromDecisionTable("incentives.csv", csv.getBytes(StandardCharsets.UTF_8),
        DecisionTable.Format.CSV);
  }

  @Test
  void everyFieldOfEveryFactType_isListed() {
    List<String> missing = new ArrayList<>();
    for (Class<?> type : Vocabulary.all()) {
      String section = section(type.getSimpleName());
      if (section == null) {
        missing.add(type.getSimpleName() + " (no section)");
        continue;
      }
      for (String field : fields(type)) {
        if (!section.contains("`" + field + "`") && !section.contains("`" + field + "(")) {
          missing.add(type.getSimpleName() + "." + field);
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  /** The text of the "### ..." section whose heading names {@code type}. */
  private static String section(String type) {
    Matcher m = Pattern.compile("(?m)^###? [^\\n]*\\b" + type + "\\b[^\\n]*\\n").matcher(doc);
    if (!m.find()) {
      return null;
    }
    int end = doc.indexOf("\n## ", m.end());
    int next = doc.indexOf("\n### ", m.end());
    if (next >= 0 && (end < 0 || next < end)) {
      end = next;
    }
    return doc.substring(m.start(), end < 0 ? doc.length() : end);
  }

  /** What a rule can read: public non-void methods, getters as fields, without the copy methods. */
  private static Set<String> fields(Class<?> type) {
    Set<String> names = new TreeSet<>();
    for (Method m : type.getMethods()) {
      String n = m.getName();
      if (Modifier.isStatic(m.getModifiers()) || m.getReturnType() == void.class || m.getDeclaringClass() == Object.class
          || n.startsWith("with") || Set.of("compareTo", "equals", "hashCode", "toString").contains(n)
          || m.isSynthetic()) {
        continue;
      }
      if (m.getParameterCount() == 0 && n.startsWith("get") && n.length() > 3) {
        n = Character.toLowerCase(n.charAt(3)) + n.substring(4);
      } else if (m.getParameterCount() == 0 && n.startsWith("is") && n.length() > 2
          && Character.isUpperCase(n.charAt(2))) {
        n = Character.toLowerCase(n.charAt(2)) + n.substring(3);
      }
      names.add(n);
    }
    return names;
  }
}
