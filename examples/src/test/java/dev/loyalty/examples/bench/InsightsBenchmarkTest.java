package dev.loyalty.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The insights benchmark on a small program, in memory and on PostgreSQL: every query is timed on
 * both, gives the same result on both, and the year's outstanding points equal the wallets' and the
 * plain SQL sum (the run throws otherwise), though each loads the history on its own number of
 * threads (two in memory, eight on PostgreSQL). If an API change breaks the harness, this fails here
 * rather than in a benchmark run. The timings themselves are not checked (docs/BENCHMARKS.md records
 * a full run's).
 */
class InsightsBenchmarkTest {

  @Test
  void theReport_timesEveryQueryOnBothBackendsAndTheyAgree() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (InsightsBackend memory = InsightsBackend.inMemory(); InsightsBackend postgres = InsightsBackend.postgres()) {
      new InsightsBenchmark(new PrintStream(bytes, true, StandardCharsets.UTF_8),
          new InsightsBenchmark.Size("test", 20, 7, 1), "test").run(List.of(memory, postgres));
    }
    String report = bytes.toString(StandardCharsets.UTF_8);
    assertThat(report).contains("20 partners", "| kpis: the whole period, everyone |", "| liability projection, 6 months |",
        "| budget burn (monsoon) |", "(equal to the wallets' balances)",
        "Every query gave the same result on every backend.", "Plain SQL baseline on the ledger's tables");
    assertThat(report).containsPattern("\\| leaderboard: top 10 partners by points( \\| [\\d,]+){6} \\|");
    assertThat(report).containsPattern("[1-9][\\d,]* points issued");
  }

  @Test
  void numberedArguments_areTakenFromTheListOrRefusedByName() {
    List<String> given = new ArrayList<>(List.of("--memory-only", "--loaders=4"));
    assertThat(InsightsBenchmark.number(given, "--loaders=", 12, "threads")).hasValue(4);
    assertThat(given).containsExactly("--memory-only");
    assertThat(InsightsBenchmark.number(given, "--loaders=", 12, "threads")).isEmpty();
    for (String bad : List.of("--loaders=0", "--loaders=13", "--loaders=x")) {
      assertThatThrownBy(() -> InsightsBenchmark.number(new ArrayList<>(List.of(bad)), "--loaders=", 12, "threads"))
          .isInstanceOf(IllegalArgumentException.class).hasMessage(bad + ": threads must be 1 to 12");
    }
  }
}
