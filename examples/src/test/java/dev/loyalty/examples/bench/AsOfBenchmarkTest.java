package dev.loyalty.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The as-of check benchmark on a small budget: every run makes all its awards, and the report has a row per run. */
class AsOfBenchmarkTest {

  @Test
  void everyRunMakesItsAwards_andTheSummaryHasARowPerRun() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AsOfBenchmark bench = new AsOfBenchmark(new PrintStream(bytes, true, StandardCharsets.UTF_8),
        new AsOfBenchmark.Settings("test", 2_000, 400, 0, 0), "test");

    bench.runInMemory();
    bench.printSummary();

    assertThat(bench.rows()).hasSize(4).allSatisfy(row -> {
      assertThat(row.awards()).isEqualTo(400);
      assertThat(row.refused()).isZero();
      assertThat(row.perSecond()).isPositive();
    });
    assertThat(bench.rows()).extracting(AsOfBenchmark.Row::dated).containsExactly("now", "now", "back, at random hours",
        "back, at random hours");
    String report = bytes.toString(StandardCharsets.UTF_8);
    assertThat(report).contains("| memory | 2 | back, at random hours | 2,000 |").contains("- Command: `test`");
  }
}
