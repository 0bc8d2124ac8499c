package dev.loyalty.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.examples.bench.ClaimsGenerator.Fraud;
import dev.loyalty.examples.bench.ClaimsGenerator.Scenario;
import dev.loyalty.examples.bench.ClaimsGenerator.Submit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The claims benchmark on a small channel: the generator injects every kind of fraud at about 3%
 * and is the same for a seed; the report has a row per kind with figures, and the books balance.
 * The detection figures themselves are not checked here (docs/BENCHMARKS.md records a full run's).
 */
class ClaimsBenchmarkTest {

  @Test
  void theGeneratorInjectsEveryKindOfFraudAtAboutThreePercent_andIsTheSameForASeed() {
    Scenario scenario = ClaimsGenerator.generate(40, 7);
    long claims = scenario.events().stream().filter(e -> e instanceof Submit).count();
    long frauds = scenario.events().stream().filter(e -> e instanceof Submit s && s.fraud().isPresent()).count();

    assertThat((double) frauds / claims).isBetween(0.025, 0.045);
    for (Fraud kind : Fraud.values()) {
      assertThat(scenario.events()).as(kind.label()).anyMatch(e -> e instanceof Submit s
          && s.fraud().equals(Optional.of(kind)));
    }
    assertThat(scenario.events()).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
    assertThat(ClaimsGenerator.generate(40, 7)).isEqualTo(scenario);
  }

  @Test
  void theReportHasARowPerKindOfFraud_andTheBooksBalance() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ClaimsBenchmark(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(40, "test");
    String report = bytes.toString(StandardCharsets.UTF_8);

    assertThat(report).contains("40 generated partners", "## Frauds held", "## Honest claims held", "claims/s",
        "Books balanced, ledger chain and audit log intact: yes");
    for (Fraud kind : Fraud.values()) {
      assertThat(report).containsPattern("\\| " + kind.label() + " \\| `" + kind.signal()
          + "` \\| \\d+ \\| \\d+\\.\\d% \\| \\d+\\.\\d% \\| \\d+ \\| \\d+\\.\\d% \\|");
    }
    assertThat(report).doesNotContain("NaN").contains("0 refused by the engine");
    assertThat(Arrays.stream(report.split("\n")).filter(l -> l.startsWith("| duplicate invoice")))
        .singleElement().asString().contains("100.0%");
  }
}
