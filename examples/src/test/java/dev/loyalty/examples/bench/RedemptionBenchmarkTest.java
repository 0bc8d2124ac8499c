package dev.loyalty.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.testing.EngineDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The redemption benchmark on a few operations per run, in memory and on PostgreSQL: every
 * scenario with 1 and 8 threads runs, and each run's check (ledger, redemptions, stock, codes,
 * wallets) passes. If a change of the
 * rewards API breaks the harness, this fails here rather than in a benchmark run. No timing is
 * checked.
 */
class RedemptionBenchmarkTest {

  @Test
  void everyScenarioRunsWithOneAndEightThreadsAndAddsUp() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    RedemptionBenchmark bench = new RedemptionBenchmark(new PrintStream(printed, true, StandardCharsets.UTF_8),
        new RedemptionBenchmark.Settings("test", 40, 16, 80, Duration.ofSeconds(20)), "test");

    bench.run(List.of(RedemptionBackend.inMemory()));

    String report = printed.toString(StandardCharsets.UTF_8);
    assertThat(bench.rows).hasSize(8);
    assertThat(bench.rows).allSatisfy(row -> assertThat(row.measured().totals().operations).isPositive());
    assertThat(report).contains("pool code, 8 threads", "goods (redeem + ship), 1 thread", "ledger transfer",
        "| in memory | ledger hold+post | 8 |");
    assertThat(report.split("checked: ", -1)).hasSize(9);
  }

  @Test
  void thePostgresBackendRunsEveryScenarioBesideItsOwnLedgerTransfer() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    RedemptionBenchmark bench = new RedemptionBenchmark(new PrintStream(printed, true, StandardCharsets.UTF_8),
        new RedemptionBenchmark.Settings("test", 0, 8, 24, Duration.ofSeconds(20)), "test");

    bench.run(List.of(PostgresRedemptionBackend.on(EngineDatabase::fresh)));

    String report = printed.toString(StandardCharsets.UTF_8);
    assertThat(bench.rows).hasSize(8).allSatisfy(row -> assertThat(row.backend()).isEqualTo("PostgreSQL"));
    assertThat(bench.rows).allSatisfy(row -> assertThat(row.measured().totals().operations).isPositive());
    assertThat(report).contains("PostgreSQL, pool code, 8 threads", "| PostgreSQL | ledger transfer | 1 |",
        "| PostgreSQL | goods (redeem + ship) | 8 |");
    assertThat(report.split("checked: ", -1)).hasSize(9);
  }
}
