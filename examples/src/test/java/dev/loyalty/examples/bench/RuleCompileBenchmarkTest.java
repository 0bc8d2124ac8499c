package dev.loyalty.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The compile benchmark's generator and child, on a tiny rule set: if a change of the rules'
 * vocabulary breaks the generated DRL, this fails here rather than in a benchmark run. No timing
 * is checked.
 */
class RuleCompileBenchmarkTest {

  @Test
  void generator_writesTheAskedNumberOfRules_eachWithItsOwnIdAndStage() {
    GeneratedRules generated = GeneratedRules.of(25);

    List<String> ids = matches("@ruleId\\(\"([^\"]+)\"\\)", generated.drl());
    List<String> stages = matches("ruleflow-group \"([a-z]+)\"", generated.drl());
    assertThat(generated.rules()).isEqualTo(25);
    assertThat(ids).hasSize(25).doesNotHaveDuplicates();
    assertThat(stages).hasSize(25).containsOnly("award", "multiply", "cap");
    assertThat(stages.stream().distinct().toList()).hasSize(3);
    assertThat(generated.drl()).contains("from $sale.lines", "accumulate(", "PointsAward.of(", "ProgramParameters(",
        "PartnerFigures(");
    assertThat(generated.parameters()).hasSize(25);
  }

  @Test
  void child_compilesAGeneratedRuleSetInAFreshJvm_withExactlyItsRules_andEvaluatesIt() {
    RuleCompileBenchmark.Figures figures = RuleCompileBenchmark.runChild("5", List.of("-Xmx512m"), 0, 1);

    assertThat(figures.rules()).isEqualTo(5);
    assertThat(figures.validateMs()).isPresent();
    assertThat(figures.evaluationsPerSecond()).hasValueSatisfying(rate -> assertThat(rate).isPositive());
    assertThat(figures.firedPerEvaluation()).hasValueSatisfying(fired -> assertThat(fired).isPositive());
  }

  private static List<String> matches(String regex, String text) {
    Matcher m = Pattern.compile(regex).matcher(text);
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }
}
