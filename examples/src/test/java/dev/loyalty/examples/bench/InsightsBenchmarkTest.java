package dev.loyalty.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The insights benchmark on a small program: every query is timed and the year's outstanding points
 * equal the wallets' (the run throws otherwise). If an API change breaks the harness, this fails
 * here rather than in a benchmark run. The timings themselves are not checked (docs/BENCHMARKS.md
 * records a full run's).
 */
class InsightsBenchmarkTest {

  @Test
  void theReport_timesEveryQueryAndAgreesWithTheWallets() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (InsightsBackend backend = InsightsBackend.inMemory()) {
      new InsightsBenchmark(new PrintStream(bytes, true, StandardCharsets.UTF_8),
          new InsightsBenchmark.Size("test", 60, 7), "test").run(backend);
    }
    String report = bytes.toString(StandardCharsets.UTF_8);
    assertThat(report).contains("60 partners", "| kpis: the whole period, everyone |", "| liability projection, 6 months |",
        "| budget burn (monsoon) |", "(equal to the wallets' balances)");
    assertThat(report).containsPattern("\\| leaderboard: top 10 partners by points \\| \\d+ \\| \\d+ \\|");
    assertThat(report).containsPattern("[1-9][\\d,]* points issued");
  }
}
