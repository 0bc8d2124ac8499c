package dev.loyalty.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The forecast backtest report on a few partners: its three tables are printed and every figure in
 * them is a number. If an API change breaks the harness, this fails here rather than in a report
 * run. The figures themselves are not checked (docs/INSIGHTS.md records a full run's).
 */
class ForecastBacktestTest {

  @Test
  void theReport_hasItsThreeViewsWithFiguresForEveryGroup() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ForecastBacktest(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(60, "test");
    String report = bytes.toString(StandardCharsets.UTF_8);

    assertThat(report).contains("60 generated partners", "## 1. Backtest", "## 2. Unseen months", "## 3. Regions",
        "| all |", "| small |", "| seasonal naive |", "| north |", "forecastWhereBetter chose:");
    assertThat(report).doesNotContain("NaN");
    assertThat(report).containsPattern("\\| all \\| \\d+ \\| \\d+\\.\\d{3} \\| \\d+\\.\\d{3} \\|");
  }
}
