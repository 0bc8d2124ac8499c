package dev.loyalty.examples.bench;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.spi.PartnerRegistry;
import dev.loyalty.ledger.Ledger;
import java.time.Clock;

/**
 * Where {@link InsightsBenchmark}'s engine keeps its stores. In memory today; the PostgreSQL engine
 * of issue 15 ({@code LoyaltyEngine.builder(...).postgres(dataSource)}) becomes a second backend
 * here, with the same workload and the same report.
 */
interface InsightsBackend extends AutoCloseable {

  /** The engine's stores in memory. */
  static InsightsBackend inMemory() {
    return new InsightsBackend() {
      @Override
      public String name() {
        return "in-memory";
      }

      @Override
      public LoyaltyEngine engine(Program program, RuleEngine rules, PartnerRegistry directory, Clock clock) {
        return LoyaltyEngine.builder(program, rules).ledger(Ledger.inMemory(clock)).directory(directory).build();
      }

      @Override
      public void close() {
        // nothing to release
      }
    };
  }

  /** What the report calls it. */
  String name();

  /** A new engine for {@code program} on this backend's stores, with {@code directory}'s partners. */
  LoyaltyEngine engine(Program program, RuleEngine rules, PartnerRegistry directory, Clock clock);

  @Override
  void close();
}
